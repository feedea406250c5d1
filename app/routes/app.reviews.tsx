import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Divider,
  FormLayout,
  InlineStack,
  Layout,
  Link,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";

import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions } from "~/modules/access-control/route-permissions";
import { isAppError } from "~/modules/errors/app-error";
import { DISCLOSURE_LANGUAGES, type DisclosureLanguage } from "~/modules/reviews/compose-review-disclosure";
import { getReviewModerationView } from "~/modules/reviews/get-review-moderation-view.server";
import type { ReviewListItem } from "~/modules/reviews/list-reviews.server";
import { moderateReview } from "~/modules/reviews/moderate-review.server";
import { MODERATION_REASON_MAX, REVIEW_STATUSES } from "~/modules/reviews/review-status";
import { requestIdOf } from "~/modules/observability/request-id-of";
import { describeActor } from "~/modules/access-control/actor";

export const meta: MetaFunction = () => [{ title: "Candor — Reviews" }];

/** A product is filtered by its numeric id; a pasted product GID is accepted too. */
const PRODUCT_ID = /^(?:gid:\/\/shopify\/Product\/)?(\d{1,20})$/;

const querySchema = z.object({
  status: z.enum(REVIEW_STATUSES).optional().catch(undefined),
  rating: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  product: z.string().trim().max(100).optional().catch(undefined),
});

/** The list shows each review's author (display name): every role with `reviews:read` also holds `reviews:read-author`. */
export const permissions = declareRoutePermissions({ loader: "reviews:read", action: "reviews:moderate" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop, actor } = await requirePermission(request, permissions.loader);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const productNumber = query.product ? PRODUCT_ID.exec(query.product)?.[1] : undefined;
  const view = await getReviewModerationView(shop, {
    status: query.status,
    rating: query.rating,
    productId: productNumber ? `gid://shopify/Product/${productNumber}` : undefined,
  }, { requestedBy: describeActor(actor), requestId: requestIdOf(request) });
  return { ...view, productFilterInvalid: Boolean(query.product) && !productNumber };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("publish"), reviewId: z.string().min(1).max(100) }),
  z.object({ intent: z.literal("reject"), reviewId: z.string().min(1).max(100), reason: z.string().max(10_000).default("") }),
]);

type ActionResult =
  | { ok: true; reviewId: string; status: string }
  | { ok: false; reviewId: string | null; error: { code: string; message: string } };

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requirePermission(request, permissions.action);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    return Response.json(
      { ok: false, reviewId: null, error: { code: "bad_request", message: "That action is not understood." } } satisfies ActionResult,
      { status: 400 },
    );
  }
  const { intent, reviewId } = parsed.data;
  try {
    const moderated = await moderateReview(
      shop,
      reviewId,
      intent === "publish" ? { action: "publish" } : { action: "reject", reason: parsed.data.reason },
    );
    return Response.json({ ok: true, reviewId, status: moderated.status } satisfies ActionResult);
  } catch (error) {
    if (isAppError(error) && error.status < 500) {
      return Response.json(
        { ok: false, reviewId, error: { code: error.code, message: error.message } } satisfies ActionResult,
        { status: error.status },
      );
    }
    throw error;
  }
}

const STATUS_TONE = { pending: "attention", published: "success", rejected: "critical" } as const;
const STATUS_LABEL = { pending: "Pending", published: "Published", rejected: "Rejected" } as const;
const LANGUAGE_NAMES: Record<DisclosureLanguage, string> = { en: "English", fr: "French", de: "German" };

const formatDate = (iso: string) =>
  new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

const productNumberOf = (gid: string) => gid.replace("gid://shopify/Product/", "");

function Stars({ rating }: { rating: number }) {
  return (
    <span role="img" aria-label={`${rating} out of 5 stars`} style={{ color: "var(--p-color-icon-caution, #b28400)", letterSpacing: "2px" }}>
      {"★".repeat(rating)}
      <span style={{ color: "var(--p-color-icon-disabled, #cccccc)" }}>{"★".repeat(5 - rating)}</span>
    </span>
  );
}

/** One review as written, with its own Publish and Reject forms; text is rendered by React, never as HTML. */
function ReviewEntry({ review }: { review: ReviewListItem }) {
  const fetcher = useFetcher<ActionResult>();
  const [reason, setReason] = useState("");
  const busy = fetcher.state !== "idle";
  const submitting = busy ? fetcher.formData?.get("intent") : null;
  const result = fetcher.data;
  const status = review.status as keyof typeof STATUS_TONE;
  const product = productNumberOf(review.productId);
  const reasonRefused = result && !result.ok && result.error.code === "unprocessable";

  return (
    <section aria-label={`Review of product ${product}, ${review.rating} star${review.rating === 1 ? "" : "s"}, ${formatDate(review.submittedAt)}`}>
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <InlineStack gap="200" blockAlign="center">
            <Stars rating={review.rating} />
            <Badge tone={STATUS_TONE[status]}>{STATUS_LABEL[status] ?? review.status}</Badge>
            {review.verifiedBuyer ? <Badge tone="info">Verified buyer</Badge> : null}
          </InlineStack>
          <Text as="span" tone="subdued" variant="bodySm">
            {formatDate(review.submittedAt)}
          </Text>
        </InlineStack>
        {review.title ? (
          <Text as="h3" variant="headingSm">
            {review.title}
          </Text>
        ) : null}
        <Box>
          <Text as="p">
            <span style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{review.body}</span>
          </Text>
        </Box>
        <InlineStack gap="300" blockAlign="center">
          <Text as="span" variant="bodySm">
            {review.displayName === null ? "Name unavailable" : `— ${review.displayName}`}
          </Text>
          <Text as="span" variant="bodySm" tone="subdued">
            Product{" "}
            <Link url={`shopify://admin/products/${product}`} target="_top">
              {product}
            </Link>
          </Text>
        </InlineStack>
        {review.status === "rejected" && review.moderationReason ? (
          <Text as="p" variant="bodySm">
            <Text as="span" fontWeight="semibold">
              Rejected because:
            </Text>{" "}
            {review.moderationReason}
          </Text>
        ) : null}
        {result && !result.ok && !reasonRefused ? (
          <Banner tone="critical" title="Nothing was changed">
            <p>{result.error.message}</p>
          </Banner>
        ) : null}
        <InlineStack gap="300" blockAlign="end">
          {review.status !== "published" ? (
            <fetcher.Form method="post">
              <input type="hidden" name="intent" value="publish" />
              <input type="hidden" name="reviewId" value={review.id} />
              <Button submit variant="primary" loading={submitting === "publish"} disabled={busy}>
                Publish
              </Button>
            </fetcher.Form>
          ) : null}
          {review.status !== "rejected" ? (
            <fetcher.Form method="post" style={{ flex: "1 1 20rem" }}>
              <input type="hidden" name="intent" value="reject" />
              <input type="hidden" name="reviewId" value={review.id} />
              <InlineStack gap="200" blockAlign="end" wrap={false}>
                <Box width="100%">
                  <TextField
                    label="Reason for rejecting (required)"
                    name="reason"
                    value={reason}
                    onChange={setReason}
                    maxLength={MODERATION_REASON_MAX}
                    autoComplete="off"
                    placeholder="For example: contains the customer's phone number"
                    error={reasonRefused ? result.error.message : undefined}
                  />
                </Box>
                <Button submit tone="critical" loading={submitting === "reject"} disabled={busy}>
                  Reject
                </Button>
              </InlineStack>
            </fetcher.Form>
          ) : null}
        </InlineStack>
      </BlockStack>
    </section>
  );
}

function DisclosureCard({ disclosures }: { disclosures: Record<DisclosureLanguage, string> }) {
  const [language, setLanguage] = useState<DisclosureLanguage>("en");
  const [copied, setCopied] = useState(false);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          How reviews are collected — text for your shop
        </Text>
        <Text as="p" tone="subdued">
          Consumer law (the EU Omnibus Directive, for one) asks shops that show reviews to say how they are collected and checked. This
          text is written from your settings; paste it next to your reviews or on a policy page. It changes when your settings do.
        </Text>
        <Select
          label="Language"
          options={DISCLOSURE_LANGUAGES.map((value) => ({ label: LANGUAGE_NAMES[value], value }))}
          value={language}
          onChange={(value) => {
            setLanguage(value as DisclosureLanguage);
            setCopied(false);
          }}
        />
        <TextField
          label="Disclosure text"
          value={disclosures[language]}
          readOnly
          selectTextOnFocus
          multiline={8}
          autoComplete="off"
        />
        <InlineStack gap="200" blockAlign="center">
          <Button
            onClick={() => {
              void navigator.clipboard?.writeText(disclosures[language]).then(() => setCopied(true), () => setCopied(false));
            }}
          >
            Copy text
          </Button>
          {copied ? (
            <Text as="span" tone="success">
              Copied
            </Text>
          ) : null}
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

export default function Reviews() {
  const { items, counts, autoPublishMinRating, disclosures, productFilterInvalid } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const [status, setStatus] = useState(searchParams.get("status") ?? "");
  const [rating, setRating] = useState(searchParams.get("rating") ?? "");
  const [product, setProduct] = useState(searchParams.get("product") ?? "");
  // The admin's own parameters (shop, host, embedded, …) travel with the filter form.
  const carried = [...searchParams.entries()].filter(([name]) => !["status", "rating", "product"].includes(name));

  return (
    <Page title="Reviews" subtitle="Verified-buyer reviews left through your customers' review links.">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Banner tone="info" title="Moderate on content, never on rating">
              <p>
                Publish every genuine review, positive or negative. Holding back or rejecting reviews because they are negative misleads
                customers and is unlawful under the EU Omnibus Directive and the FTC&apos;s rule on consumer reviews. Reject a review only
                for reasons such as offensive content or personal data, and give the reason: it is kept with the review and shown here.
              </p>
            </Banner>
            <Card>
              <BlockStack gap="300">
                <InlineStack gap="200" blockAlign="center">
                  {REVIEW_STATUSES.map((value) => (
                    <Badge key={value} tone={STATUS_TONE[value]}>{`${counts[value]} ${value}`}</Badge>
                  ))}
                  <Text as="span" tone="subdued" variant="bodySm">
                    {autoPublishMinRating === null
                      ? "Every review waits here for you (see Settings)."
                      : autoPublishMinRating === 1
                        ? "Every review is published at once (see Settings)."
                        : `Reviews of ${autoPublishMinRating} stars and up are published at once; the rest wait here (see Settings).`}
                  </Text>
                </InlineStack>
                <Form method="get">
                  {carried.map(([name, value]) => (
                    <input key={name} type="hidden" name={name} value={value} />
                  ))}
                  <FormLayout>
                    <FormLayout.Group condensed>
                      <Select
                        label="Status"
                        name="status"
                        options={[{ label: "All", value: "" }, ...REVIEW_STATUSES.map((value) => ({ label: STATUS_LABEL[value], value }))]}
                        value={status}
                        onChange={setStatus}
                      />
                      <Select
                        label="Rating"
                        name="rating"
                        options={[{ label: "All", value: "" }, ...[5, 4, 3, 2, 1].map((stars) => ({ label: `${stars} star${stars === 1 ? "" : "s"}`, value: String(stars) }))]}
                        value={rating}
                        onChange={setRating}
                      />
                      <TextField
                        label="Product ID"
                        name="product"
                        value={product}
                        onChange={setProduct}
                        autoComplete="off"
                        placeholder="e.g. 8123456789"
                        error={productFilterInvalid ? "Enter the product's numeric ID, as in its admin address." : undefined}
                      />
                    </FormLayout.Group>
                    <Button submit>Filter</Button>
                  </FormLayout>
                </Form>
              </BlockStack>
            </Card>
            <Card>
              {items.length === 0 ? (
                <Text as="p">No reviews match. Reviews appear here as customers answer their review emails.</Text>
              ) : (
                <BlockStack gap="400">
                  {items.map((review, index) => (
                    <BlockStack key={review.id} gap="400">
                      {index > 0 ? <Divider /> : null}
                      <ReviewEntry review={review} />
                    </BlockStack>
                  ))}
                </BlockStack>
              )}
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <DisclosureCard disclosures={disclosures} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
