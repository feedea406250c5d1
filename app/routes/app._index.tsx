import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Card, DataTable, InlineGrid, InlineStack, Layout, Page, Text } from "@shopify/polaris";

import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions } from "~/modules/access-control/route-permissions";
import { ReviewRequestActivityChart } from "~/components/review-request-activity-chart";
import { ReviewStatsChart } from "~/components/review-stats-chart";
import { getShopOverview } from "~/modules/overview/get-shop-overview.server";

export const meta: MetaFunction = () => [{ title: "Candor — Overview" }];

export const permissions = declareRoutePermissions({ loader: "overview:read" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requirePermission(request, permissions.loader);
  return getShopOverview(shop);
}

const TOPIC_LABELS: Record<string, string> = {
  APP_UNINSTALLED: "App uninstalled",
  APP_SCOPES_UPDATE: "Access scopes updated",
  ORDERS_FULFILLED: "Order fulfilled",
  ORDERS_CANCELLED: "Order cancelled",
  FULFILLMENTS_CREATE: "Fulfillment created",
  FULFILLMENTS_UPDATE: "Fulfillment updated",
  FULFILLMENT_EVENTS_CREATE: "Delivery status event",
  REFUNDS_CREATE: "Refund created",
  CUSTOMERS_EMAIL_MARKETING_CONSENT_UPDATE: "Email consent changed",
  CUSTOMERS_DATA_REQUEST: "Customer data request",
  CUSTOMERS_REDACT: "Customer erasure request",
  SHOP_REDACT: "Shop data erasure",
};

const formatRating = (rating: number | null) => (rating === null ? "—" : `${rating.toFixed(1)} ★`);
const formatShare = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);

function Figure({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <BlockStack gap="100">
      <Text as="h3" variant="headingSm" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="heading2xl">
        {value}
      </Text>
      <Text as="p" variant="bodySm" tone="subdued">
        {note}
      </Text>
    </BlockStack>
  );
}

function formatDate(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "—";
}

const PURGE_COUNT_LABELS: Record<string, string> = {
  reviewRequests: "review requests",
  requestedProducts: "requested products",
  sendAttempts: "send log entries",
  outboxMessages: "queue messages",
  webhookDeliveries: "webhook delivery keys",
  reviewerDisplayNames: "display names anonymised",
  dataRequests: "data-request receipts",
  purgeRuns: "old purge records",
};

const PURGE_STATUS: Record<string, { tone: "success" | "attention" | "info"; label: string }> = {
  completed: { tone: "success", label: "Completed" },
  running: { tone: "info", label: "Running" },
  interrupted: { tone: "attention", label: "Interrupted — the next run carries it on" },
};

function RetentionPurgeCard({ purge }: { purge: ReturnType<typeof useLoaderData<typeof loader>>["retentionPurge"] }) {
  const last = purge.lastRun;
  const removed = last ? Object.entries(last.counts).filter(([, count]) => count > 0) : [];
  const status = last ? (PURGE_STATUS[last.status] ?? { tone: "info" as const, label: last.status }) : null;
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Retention purge
        </Text>
        {last && status ? (
          <BlockStack gap="100">
            <InlineStack gap="200">
              <Badge tone={status.tone}>{status.label}</Badge>
              <Text as="span">Last run {formatDate(last.finishedAt ?? last.startedAt)}</Text>
            </InlineStack>
            <Text as="p" tone="subdued">
              {removed.length === 0
                ? "Nothing had reached the end of its retention window."
                : `Removed: ${removed.map(([key, count]) => `${count} ${PURGE_COUNT_LABELS[key] ?? key}`).join(", ")}.`}
            </Text>
          </BlockStack>
        ) : (
          <Text as="p">No run yet.</Text>
        )}
        <Text as="p">Next run {formatDate(purge.nextRunAt)}</Text>
      </BlockStack>
    </Card>
  );
}

export default function Overview() {
  const overview = useLoaderData<typeof loader>();
  const totalReceived = overview.webhooksLast24h.reduce((sum, row) => sum + row.received, 0);
  return (
    <Page title="Overview" subtitle={overview.shop}>
      <Layout>
        {overview.dataRequests.open > 0 ? (
          <Layout.Section>
            <Banner
              tone={overview.dataRequests.overdue > 0 ? "critical" : "warning"}
              title={
                overview.dataRequests.open === 1 ? "A customer data request is waiting" : `${overview.dataRequests.open} customer data requests are waiting`
              }
              action={{ content: "Open the register", url: "/app/data-requests" }}
            >
              <p>
                {overview.dataRequests.overdue > 0
                  ? `Overdue: ${overview.dataRequests.overdue} past the legal due date; the earliest was due ${formatDate(overview.dataRequests.nextDueAt)}. Answer on the Customer data screen.`
                  : `The nearest is due ${formatDate(overview.dataRequests.nextDueAt)}. Answer on the Customer data screen.`}
              </p>
            </Banner>
          </Layout.Section>
        ) : null}
        {overview.accessReview.due ? (
          <Layout.Section>
            <Banner tone="warning" title="An access review is due" action={{ content: "Review access", url: "/app/access-review" }}>
              <p>
                {overview.accessReview.lastReviewedAt
                  ? `Staff roles and API keys were last reviewed ${formatDate(overview.accessReview.lastReviewedAt)}; review them at least every 90 days.`
                  : "Staff roles and API keys have never been reviewed; review them at least every 90 days."}
              </p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack align="space-between">
                <Text as="h2" variant="headingMd">
                  Store events received (last 24 hours)
                </Text>
                <Badge tone={totalReceived > 0 ? "success" : undefined}>{`${totalReceived} received`}</Badge>
              </InlineStack>
              <Text as="p" tone="subdued">
                Candor keeps only order, product and customer identifiers from each event, plus keyed fingerprints
                used to find or erase a customer&apos;s records. Names, email addresses, phone numbers, addresses and
                amounts are discarded on arrival.
              </Text>
              {overview.webhooksLast24h.length === 0 ? (
                <Text as="p">No store events yet. Fulfilled orders will appear here as they arrive.</Text>
              ) : (
                <DataTable
                  columnContentTypes={["text", "numeric", "numeric"]}
                  headings={["Event", "Received", "Processed"]}
                  rows={overview.webhooksLast24h.map((row) => [
                    TOPIC_LABELS[row.topic] ?? row.topic,
                    row.received,
                    row.processed,
                  ])}
                />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Review requests
                </Text>
                <InlineStack gap="200">
                  <Badge tone="info">{`${overview.reviewRequests.scheduled ?? 0} scheduled`}</Badge>
                  <Badge tone="success">{`${overview.reviewRequests.sent ?? 0} sent`}</Badge>
                  <Badge>{`${overview.reviewRequests.cancelled ?? 0} cancelled`}</Badge>
                  <Badge tone="critical">{`${overview.reviewRequests.failed ?? 0} failed`}</Badge>
                </InlineStack>
                <Text as="p">Next due {formatDate(overview.nextDueAt)}</Text>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Installation
                </Text>
                <Text as="p">Installed {formatDate(overview.installedAt)}</Text>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Background processing
                </Text>
                {overview.outbox.owed === 0 ? (
                  <InlineStack gap="200">
                    <Badge tone="success">Up to date</Badge>
                    <Text as="span">Every accepted event has been queued.</Text>
                  </InlineStack>
                ) : (
                  <BlockStack gap="100">
                    <Badge tone="warning">{`${overview.outbox.owed} waiting`}</Badge>
                    <Text as="p">
                      Events accepted since {formatDate(overview.outbox.oldestOwedAt)} are stored safely and will be
                      processed as soon as the queue is reachable again.
                    </Text>
                  </BlockStack>
                )}
              </BlockStack>
            </Card>
            <RetentionPurgeCard purge={overview.retentionPurge} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {`Review requests over time (last ${overview.activity.length} days)`}
              </Text>
              <ReviewRequestActivityChart activity={overview.activity} />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="400">
              <Text as="h2" variant="headingMd">
                {`Reviews (last ${overview.reviews.days} days)`}
              </Text>
              <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
                <Figure label="Reviews received" value={String(overview.reviews.reviewsReceived)} note="Every review submitted, whatever its status." />
                <Figure
                  label="Average rating"
                  value={formatRating(overview.reviews.averageRating)}
                  note={`Of ${overview.reviews.ratedReviews} published and pending reviews; rejected ones are left out.`}
                />
                <Figure
                  label="Reviews per request sent"
                  value={formatShare(overview.reviews.conversion)}
                  note={`${overview.reviews.reviewsReceived} reviews for ${overview.reviews.requestsSent} requests sent. One request can ask about several products.`}
                />
              </InlineGrid>
              <ReviewStatsChart series={overview.reviews.series} />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
