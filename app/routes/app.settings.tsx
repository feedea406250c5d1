import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, FormLayout, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

import { actorHasPermission, describeActor } from "~/modules/access-control/actor";
import { forbiddenResponse, requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions } from "~/modules/access-control/route-permissions";
import { isAppError } from "~/modules/errors/app-error";
import { getShopSettings } from "~/modules/settings/get-shop-settings.server";
import { CONSENT_COUNTRY_FIELDS, settingsPatchFromForm } from "~/modules/settings/settings-form";
import { EMAIL_STRINGS } from "~/modules/review-emails/email-strings";
import {
  EMAIL_COPY_LANGUAGES,
  MAX_CONSENT_COUNTRY_OVERRIDES,
  RETENTION_WINDOWS,
  type ConsentMode,
  type RetentionCategory,
} from "~/modules/settings/shop-settings-schema";
import { RETENTION_WINDOW_NOTES } from "~/modules/settings/retention-window-notes";
import { updateShopSettings } from "~/modules/settings/update-shop-settings.server";
import { requestIdOf } from "~/modules/observability/request-id-of";

export const meta: MetaFunction = () => [{ title: "Candor — Settings" }];

/** Saving also needs `retention:manage` when the form carries retention windows (the page disables them for roles without it). */
export const permissions = declareRoutePermissions({ loader: "settings:read", action: "settings:manage" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop, actor } = await requirePermission(request, permissions.loader);
  return { ...(await getShopSettings(shop)), canManageRetention: actorHasPermission(actor, "retention:manage") };
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop, actor } = await requirePermission(request, permissions.action);
  const form = await request.formData();
  const changesRetention = [...form.keys()].some((name) => name.startsWith("retentionDays."));
  if (changesRetention && !actorHasPermission(actor, "retention:manage")) throw forbiddenResponse("retention:manage");
  try {
    await updateShopSettings(shop, settingsPatchFromForm(form), { requestedBy: describeActor(actor), requestId: requestIdOf(request) });
    return { saved: true as const, message: null, fields: [] as string[] };
  } catch (error) {
    if (isAppError(error) && error.status === 422) {
      return Response.json(
        { saved: false as const, message: error.message, fields: (error.details?.fields as string[] | undefined) ?? [] },
        { status: 422 },
      );
    }
    throw error;
  }
}

const LANGUAGE_NAMES: Record<(typeof EMAIL_COPY_LANGUAGES)[number], string> = { en: "English", fr: "French", de: "German" };

const CONSENT_HELP: Record<string, string> = {
  consent_required:
    "Consent required — only customers whose email marketing status in Shopify is “Subscribed” are asked; everyone else gets no review email, and the review request shows why. The safe choice, and the one German courts expect: they treat review requests as advertising.",
  soft_opt_in:
    "Soft opt-in — customers who bought from you are asked unless they unsubscribed from your emails. Allowed only where customers are told, when they give you their address at checkout, that they may refuse such emails (the privacy notice Candor writes for you says so), and every email has a one-click unsubscribe link. Check that this is allowed where your customers live.",
};

/** Lists the countries of one mode, for the form's two country fields. */
const countriesWith = (byCountry: Record<string, ConsentMode>, mode: ConsentMode) =>
  Object.entries(byCountry)
    .filter(([, countryMode]) => countryMode === mode)
    .map(([code]) => code)
    .sort()
    .join(", ");

const CHANNEL_HELP: Record<string, string> = {
  email: "Candor sends the review email itself, with the wording set under “Review email”.",
  flow: "Candor starts a Shopify Flow trigger with the order, its products and the review link; your Flow workflow sends the message (with Shopify Email or Klaviyo, for example). Candor never sees the customer's email address.",
};

/** The message shown under a field the server refused; the bounds match the settings schema. */
const INVALID: Record<string, string> = {
  delayDays: "Enter a whole number from 0 to 60.",
  deliveryFallbackDays: "Enter a whole number from 1 to 60.",
  reminderDays: "Enter a whole number from 1 to 60, or leave empty.",
  reviewLinkValidDays: "Enter a whole number from 7 to 365.",
  maxRequestsPerCustomerPer30Days: "Enter a whole number from 1 to 20.",
  maxProductsPerEmail: "Enter a whole number from 1 to 10.",
  excludedProductIds: "Each entry must be a product ID like gid://shopify/Product/123 (at most 500).",
  excludedProductTags: "At most 100 tags, each up to 255 characters.",
  autoPublishMinRating: "Choose one of the options.",
};

const COUNTRY_INVALID = `Enter two-letter country codes such as DE or FR, separated by commas; at most ${MAX_CONSENT_COUNTRY_OVERRIDES} countries.`;

const AUTO_PUBLISH_OPTIONS = [
  { label: "Hold every review for moderation", value: "" },
  { label: "Publish 5-star reviews at once", value: "5" },
  { label: "Publish reviews of 4 stars and up at once", value: "4" },
  { label: "Publish reviews of 3 stars and up at once", value: "3" },
  { label: "Publish reviews of 2 stars and up at once", value: "2" },
  { label: "Publish every review at once", value: "1" },
];

export default function Settings() {
  const settings = useLoaderData<typeof loader>();
  const result = useActionData<{ saved: boolean; message: string | null; fields: string[] }>();
  const saving = useNavigation().state === "submitting";
  const [values, setValues] = useState<Record<string, string>>(() => ({
    trigger: settings.trigger,
    delayDays: String(settings.delayDays),
    deliveryFallbackDays: String(settings.deliveryFallbackDays),
    reminderDays: settings.reminderDays === null ? "" : String(settings.reminderDays),
    reviewLinkValidDays: String(settings.reviewLinkValidDays),
    channel: settings.channel,
    consentMode: settings.consentMode,
    [CONSENT_COUNTRY_FIELDS.consent_required]: countriesWith(settings.consentModeByCountry, "consent_required"),
    [CONSENT_COUNTRY_FIELDS.soft_opt_in]: countriesWith(settings.consentModeByCountry, "soft_opt_in"),
    grouping: settings.grouping,
    maxProductsPerEmail: String(settings.maxProductsPerEmail),
    excludedProductIds: settings.excludedProductIds.join(", "),
    excludedProductTags: settings.excludedProductTags.join(", "),
    maxRequestsPerCustomerPer30Days: String(settings.maxRequestsPerCustomerPer30Days),
    autoPublishMinRating: settings.autoPublishMinRating === null ? "" : String(settings.autoPublishMinRating),
    reviewsOnErasure: settings.reviewsOnErasure,
    ...Object.fromEntries(Object.entries(settings.retentionDays).map(([category, days]) => [`retentionDays.${category}`, String(days)])),
    ...Object.fromEntries(
      EMAIL_COPY_LANGUAGES.flatMap((language) => [
        [`emailCopy.${language}.subject`, settings.emailCopy[language].subject ?? ""],
        [`emailCopy.${language}.intro`, settings.emailCopy[language].intro ?? ""],
      ]),
    ),
  }));
  const [skipPos, setSkipPos] = useState(settings.skipPointOfSaleOrders);
  const [askAgain, setAskAgain] = useState(settings.askAgainAfterErasure);
  // The server names refused fields by their settings path (`emailCopy.fr.subject`,
  // `excludedProductIds.2`), which is the form field's name or starts with it.
  const refused = (name: string) => result?.fields.some((path) => path === name || path.startsWith(`${name}.`)) ?? false;
  const field = (name: string, invalid = INVALID[name] ?? "Check this value.") => ({
    name,
    value: values[name] ?? "",
    onChange: (value: string) => setValues((current) => ({ ...current, [name]: value })),
    error: refused(name) ? invalid : undefined,
    autoComplete: "off",
  });

  return (
    <Page title="Settings" narrowWidth>
      <Form method="post">
        <BlockStack gap="400">
          {result?.saved ? <Banner tone="success" title="Settings saved" /> : null}
          {result && !result.saved ? (
            <Banner tone="critical" title="Nothing was saved">
              <p>{result.message}</p>
            </Banner>
          ) : null}
          <Layout>
            <Layout.AnnotatedSection title="When to ask" description="Candor asks once the order has shipped — or once the carrier reports it delivered — and waits a few days so the customer has used the product.">
              <Card>
                <FormLayout>
                  <Select
                    label="Start counting from"
                    options={[{ label: "Fulfilment (shipped)", value: "fulfilled" }, { label: "Delivery (carrier event)", value: "delivered" }]}
                    helpText="Fulfilment: the wait starts when you mark the order shipped. Delivery: it starts when the carrier reports the parcel delivered, with the fallback below for parcels whose delivery is never reported."
                    {...field("trigger")}
                  />
                  <TextField label="Days to wait" type="number" helpText="How many days after shipping (or delivery) the review email goes out. 0 to 60 days." {...field("delayDays")} />
                  <TextField
                    label="Ask anyway this many days after fulfilment"
                    type="number"
                    helpText="Only when counting from delivery: many carriers never report delivery, so without a delivery event the request goes out this many days after shipping (or after the wait above, if that is longer). 1 to 60 days."
                    {...field("deliveryFallbackDays")}
                  />
                  <TextField
                    label="Reminder after (days)"
                    type="number"
                    helpText="One reminder this many days after the first email, 1 to 60. Leave empty to send no reminder. Customers who already reviewed or unsubscribed are never reminded."
                    {...field("reminderDays")}
                  />
                  <TextField
                    label="Review link valid for (days)"
                    type="number"
                    helpText="How long the review link in the email keeps working, counted from the day the email is due; after that it no longer opens the review form. 7 to 365 days; default 180."
                    {...field("reviewLinkValidDays")}
                  />
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection title="Who is asked" description="By default only customers who agreed to email marketing are asked — the safe choice, required in Germany, where feedback requests count as advertising.">
              <Card>
                <FormLayout>
                  <Select
                    label="Consent"
                    options={[{ label: "Consent required (subscribed customers only)", value: "consent_required" }, { label: "Soft opt-in (existing customers, opt-out in every email)", value: "soft_opt_in" }]}
                    helpText={CONSENT_HELP[values.consentMode ?? ""]}
                    {...field("consentMode")}
                  />
                  <TextField
                    label="Always require consent in these countries"
                    helpText="Country codes (ISO 3166-1, e.g. DE, AT), separated by commas. Customers whose address is in one of these countries are asked only if subscribed, whatever the choice above."
                    {...field(CONSENT_COUNTRY_FIELDS.consent_required, COUNTRY_INVALID)}
                    error={refused("consentModeByCountry") ? COUNTRY_INVALID : undefined}
                  />
                  <TextField
                    label="Use soft opt-in in these countries"
                    helpText="Country codes, separated by commas, where existing customers may be asked unless they unsubscribed. A country in both lists requires consent. The customer's country is read from Shopify when the email is due and never stored; a customer without a known country follows the choice above."
                    {...field(CONSENT_COUNTRY_FIELDS.soft_opt_in, COUNTRY_INVALID)}
                    error={refused("consentModeByCountry") ? COUNTRY_INVALID : undefined}
                  />
                  <Text as="p" tone="subdued">
                    Every change of a customer's choice — from Shopify, from the unsubscribe link in an email — is kept in a consent record that is never
                    overwritten, and the choice is checked again just before each email goes out. Your <Link to="/app/privacy-notice">privacy notice</Link>{" "}
                    text follows these settings.
                  </Text>
                  <TextField
                    label="At most this many requests per customer in 30 days"
                    type="number"
                    helpText="A customer who orders often gets no more review emails than this in any 30 days; requests beyond it are not sent. 1 to 20."
                    {...field("maxRequestsPerCustomerPer30Days")}
                  />
                  <Checkbox
                    label="Skip point-of-sale orders"
                    name="skipPointOfSaleOrders"
                    checked={skipPos}
                    onChange={setSkipPos}
                    helpText="Orders placed in a physical shop through Shopify POS get no review request."
                  />
                  <TextField
                    label="Products never to ask about (product IDs)"
                    multiline={2}
                    helpText="Products with any of these IDs are never included in a review request; an order with only such products gets no email. Shopify product IDs (gid://shopify/Product/…), separated by commas."
                    {...field("excludedProductIds")}
                  />
                  <TextField
                    label="Product tags never to ask about"
                    helpText="Products with any of these tags are never included in a review request. Separate tags with commas, e.g. sample, gift; upper and lower case count as the same."
                    {...field("excludedProductTags")}
                  />
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection title="How to ask" description="Email goes out from Candor. Shopify Flow hands the same minimal data (order, products, review link) to Shopify Email or Klaviyo, and Candor never handles an address.">
              <Card>
                <FormLayout>
                  <Select
                    label="Channel"
                    options={[{ label: "Email sent by Candor", value: "email" }, { label: "Shopify Flow trigger", value: "flow" }]}
                    helpText={CHANNEL_HELP[values.channel ?? ""]}
                    {...field("channel")}
                  />
                  <Select
                    label="Emails per order"
                    options={[{ label: "One email listing the order's products", value: "per_order" }, { label: "One email per product", value: "per_product" }]}
                    helpText="One email per order asks about all of its products at once; one per product sends a separate email for each."
                    {...field("grouping")}
                  />
                  <TextField
                    label="Products listed per email"
                    type="number"
                    helpText="With one email per order, at most this many of the order's products are listed, in the order's own order. 1 to 10."
                    {...field("maxProductsPerEmail")}
                  />
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection
              title="Publishing reviews"
              description="Reviews wait under Reviews until you publish them, unless their rating lets them go live at once. Either way, you decide on what a review says, never on its rating."
            >
              <Card>
                <FormLayout>
                  <Select
                    label="When a review arrives"
                    options={AUTO_PUBLISH_OPTIONS}
                    helpText="Reviews below the chosen rating are held for you to check, not hidden: low ratings must be published like any other. Reject a review only for its content, such as offensive language or personal data, with a reason that is kept. Hiding negative reviews misleads customers and is unlawful in the EU and the US."
                    {...field("autoPublishMinRating")}
                  />
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection
              title="When a customer's data is erased"
              description="A customer can ask for their data to be erased (Shopify sends the request, or you erase it under Customer data). Candor then removes every record it holds about them."
            >
              <Card>
                <FormLayout>
                  <Select
                    label="Their reviews"
                    options={[
                      { label: "Delete them", value: "delete" },
                      { label: "Keep them without the name or the order (anonymised)", value: "anonymise" },
                    ]}
                    helpText="Anonymised reviews keep the rating, title and text, shown as from a verified buyer; nothing links them to the person or the order any more."
                    {...field("reviewsOnErasure")}
                  />
                  <Checkbox
                    label="Ask again if they place a new order later"
                    name="askAgainAfterErasure"
                    checked={askAgain}
                    onChange={setAskAgain}
                    helpText="Off (the default): an erased customer is never asked again. On: a new order placed after the erasure may be asked about; orders from before it never are."
                  />
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection
              title="Review email"
              description="Your own subject and introduction for each language Candor writes in; the customer's language in Shopify picks one. Leave a field empty to use the built-in wording shown in it. {shop_name} is replaced by your shop's name. The same wording is used for the reminder."
            >
              <Card>
                <FormLayout>
                  {EMAIL_COPY_LANGUAGES.map((language) => (
                    <BlockStack key={language} gap="200">
                      <Text as="h3" variant="headingSm">
                        {LANGUAGE_NAMES[language]}
                      </Text>
                      <TextField
                        label={`${LANGUAGE_NAMES[language]} subject`}
                        placeholder={EMAIL_STRINGS[language].requestSubject}
                        maxLength={200}
                        showCharacterCount
                        helpText={`Empty: “${EMAIL_STRINGS[language].requestSubject}”`}
                        {...field(`emailCopy.${language}.subject`, "Enter at most 200 characters, or leave empty for the built-in subject.")}
                      />
                      <TextField
                        label={`${LANGUAGE_NAMES[language]} introduction`}
                        multiline={3}
                        placeholder={EMAIL_STRINGS[language].requestIntro}
                        maxLength={1_000}
                        showCharacterCount
                        helpText="Plain text, shown as written. Empty: the built-in introduction shown in the field."
                        {...field(`emailCopy.${language}.intro`, "Enter at most 1,000 characters, or leave empty for the built-in introduction.")}
                      />
                    </BlockStack>
                  ))}
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection
              title="How long data is kept"
              description="Candor deletes or anonymises each kind of record once its window ends: the retention purge runs every hour, and the Overview shows its last run. Each window has a lower and an upper bound."
            >
              <Card>
                <FormLayout>
                  {(Object.keys(RETENTION_WINDOWS) as RetentionCategory[]).map((category) => {
                    const range = RETENTION_WINDOWS[category];
                    const note = RETENTION_WINDOW_NOTES[category];
                    return (
                      <TextField
                        key={category}
                        label={`${note.label} (days)`}
                        type="number"
                        helpText={
                          <BlockStack gap="100">
                            <span>{`${note.what} ${note.countedFrom} ${note.atTheEnd}`}</span>
                            <span>{`Default ${range.default} days; from ${range.min} to ${range.max}. ${note.why}`}</span>
                          </BlockStack>
                        }
                        {...field(`retentionDays.${category}`, `Enter a whole number from ${range.min} to ${range.max}.`)}
                        disabled={!settings.canManageRetention}
                      />
                    );
                  })}
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
          </Layout>
          <Text as="p" tone="subdued">
            Timing changes apply to requests scheduled from now on; the email wording, exclusions and consent are checked again when each email is sent.
          </Text>
          <Button submit variant="primary" loading={saving}>
            Save
          </Button>
        </BlockStack>
      </Form>
    </Page>
  );
}
