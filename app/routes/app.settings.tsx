import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, FormLayout, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

import { isAppError } from "~/modules/errors/app-error";
import { getShopSettings } from "~/modules/settings/get-shop-settings.server";
import { settingsPatchFromForm } from "~/modules/settings/settings-form";
import { RETENTION_WINDOWS, type RetentionCategory } from "~/modules/settings/shop-settings-schema";
import { updateShopSettings } from "~/modules/settings/update-shop-settings.server";
import { authenticate } from "~/shopify.server";

export const meta: MetaFunction = () => [{ title: "Candor — Settings" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return getShopSettings(session.shop);
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  try {
    await updateShopSettings(session.shop, settingsPatchFromForm(await request.formData()));
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

const RETENTION_LABELS: Record<RetentionCategory, string> = {
  reviewRequests: "Review requests",
  sendLog: "Send log",
  reviewerDisplayNames: "Reviewers' display names",
  consentLedger: "Consent records",
  auditLog: "Audit log",
  webhookDedupeKeys: "Webhook delivery keys",
  dataRequestReceipts: "Data-request receipts",
};

export default function Settings() {
  const settings = useLoaderData<typeof loader>();
  const result = useActionData<{ saved: boolean; message: string | null; fields: string[] }>();
  const saving = useNavigation().state === "submitting";
  const [values, setValues] = useState<Record<string, string>>(() => ({
    trigger: settings.trigger,
    delayDays: String(settings.delayDays),
    deliveryFallbackDays: String(settings.deliveryFallbackDays),
    reminderDays: settings.reminderDays === null ? "" : String(settings.reminderDays),
    channel: settings.channel,
    consentMode: settings.consentMode,
    grouping: settings.grouping,
    maxProductsPerEmail: String(settings.maxProductsPerEmail),
    excludedProductIds: settings.excludedProductIds.join(", "),
    excludedProductTags: settings.excludedProductTags.join(", "),
    maxRequestsPerCustomerPer30Days: String(settings.maxRequestsPerCustomerPer30Days),
    ...Object.fromEntries(Object.entries(settings.retentionDays).map(([category, days]) => [`retentionDays.${category}`, String(days)])),
  }));
  const [skipPos, setSkipPos] = useState(settings.skipPointOfSaleOrders);
  const field = (name: string) => ({
    name,
    value: values[name] ?? "",
    onChange: (value: string) => setValues((current) => ({ ...current, [name]: value })),
    error: result?.fields.includes(name) ? "Check this value" : undefined,
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
                  <Select label="Start counting from" options={[{ label: "Fulfilment (shipped)", value: "fulfilled" }, { label: "Delivery (carrier event)", value: "delivered" }]} {...field("trigger")} />
                  <TextField label="Days to wait" type="number" helpText="0 to 60 days." {...field("delayDays")} />
                  <TextField label="Ask anyway this many days after fulfilment" type="number" helpText="Used with delivery: many carriers never report delivery. 1 to 60 days." {...field("deliveryFallbackDays")} />
                  <TextField label="Reminder after (days)" type="number" helpText="Leave empty for no reminder. Customers who reviewed or unsubscribed are never reminded." {...field("reminderDays")} />
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection title="Who is asked" description="By default only customers who agreed to email marketing are asked — the safe choice, required in Germany, where feedback requests count as advertising.">
              <Card>
                <FormLayout>
                  <Select label="Consent" options={[{ label: "Consent required (subscribed customers only)", value: "consent_required" }, { label: "Soft opt-in (existing customers, opt-out in every email)", value: "soft_opt_in" }]} {...field("consentMode")} />
                  <TextField label="At most this many requests per customer in 30 days" type="number" {...field("maxRequestsPerCustomerPer30Days")} />
                  <Checkbox label="Skip point-of-sale orders" name="skipPointOfSaleOrders" checked={skipPos} onChange={setSkipPos} />
                  <TextField label="Products never to ask about (product IDs)" multiline={2} helpText="gid://shopify/Product/… separated by commas." {...field("excludedProductIds")} />
                  <TextField label="Product tags never to ask about" helpText="Comma-separated, e.g. sample, gift." {...field("excludedProductTags")} />
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection title="How to ask" description="Email goes out from Candor. Shopify Flow hands the same minimal data (order, products, review link) to Shopify Email or Klaviyo, and Candor never handles an address.">
              <Card>
                <FormLayout>
                  <Select label="Channel" options={[{ label: "Email sent by Candor", value: "email" }, { label: "Shopify Flow trigger", value: "flow" }]} {...field("channel")} />
                  <Select label="Emails per order" options={[{ label: "One email listing the order's products", value: "per_order" }, { label: "One email per product", value: "per_product" }]} {...field("grouping")} />
                  <TextField label="Products listed per email" type="number" helpText="1 to 10." {...field("maxProductsPerEmail")} />
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection title="How long data is kept" description="Candor deletes or anonymises each kind of record once its window ends. Each window has a lower and an upper bound.">
              <Card>
                <FormLayout>
                  {(Object.keys(RETENTION_WINDOWS) as RetentionCategory[]).map((category) => (
                    <TextField
                      key={category}
                      label={`${RETENTION_LABELS[category]} (days)`}
                      type="number"
                      helpText={`${RETENTION_WINDOWS[category].min} to ${RETENTION_WINDOWS[category].max} days; default ${RETENTION_WINDOWS[category].default}.`}
                      {...field(`retentionDays.${category}`)}
                    />
                  ))}
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
          </Layout>
          <Text as="p" tone="subdued">
            Changes apply to requests scheduled from now on.
          </Text>
          <Button submit variant="primary" loading={saving}>
            Save
          </Button>
        </BlockStack>
      </Form>
    </Page>
  );
}
