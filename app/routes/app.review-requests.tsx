import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Card, DataTable, InlineStack, Page, Select, Text } from "@shopify/polaris";
import { z } from "zod";

import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions } from "~/modules/access-control/route-permissions";
import { listReviewRequests } from "~/modules/review-requests/list-review-requests.server";
import { describeStatusReason } from "~/modules/review-requests/describe-status-reason";
import { REVIEW_REQUEST_STATUSES } from "~/modules/review-requests/review-request-status";

export const meta: MetaFunction = () => [{ title: "Candor — Review requests" }];

const querySchema = z.object({ status: z.enum(REVIEW_REQUEST_STATUSES).optional() });

export const permissions = declareRoutePermissions({ loader: "review-requests:read" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requirePermission(request, permissions.loader);
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  return listReviewRequests(shop, { status: parsed.success ? parsed.data.status : undefined });
}

const STATUS_TONE = { scheduled: "info", sending: "attention", sent: "success", cancelled: undefined, failed: "critical" } as const;

const formatDate = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "—";

export default function ReviewRequests() {
  const { items, counts } = useLoaderData<typeof loader>();
  const [searchParams, setSearchParams] = useSearchParams();
  return (
    <Page title="Review requests" subtitle="Each request names an order and its products — never the customer.">
      <Card>
        <BlockStack gap="300">
          <InlineStack gap="200" blockAlign="center">
            {REVIEW_REQUEST_STATUSES.map((status) => (
              <Badge key={status} tone={STATUS_TONE[status]}>{`${counts[status]} ${status}`}</Badge>
            ))}
          </InlineStack>
          <Select
            label="Status"
            options={[{ label: "All", value: "" }, ...REVIEW_REQUEST_STATUSES.map((status) => ({ label: status, value: status }))]}
            value={searchParams.get("status") ?? ""}
            onChange={(value) => {
              const next = new URLSearchParams(searchParams);
              if (value) next.set("status", value);
              else next.delete("status");
              setSearchParams(next);
            }}
          />
          {items.length === 0 ? (
            <Text as="p">No review requests yet. Fulfilled orders are scheduled here as their webhooks arrive.</Text>
          ) : (
            <DataTable
              columnContentTypes={["text", "numeric", "text", "text", "text", "text", "text"]}
              headings={["Order", "Products", "Status", "Why", "Due", "Sent / cancelled", "Reminder"]}
              rows={items.map((item) => [
                item.orderId.replace("gid://shopify/Order/", "#"),
                item.productCount,
                item.status,
                describeStatusReason(item.statusReason),
                formatDate(item.dueAt),
                formatDate(item.sentAt ?? item.cancelledAt),
                item.reminderSentAt ? `Sent ${formatDate(item.reminderSentAt)}` : item.reminderDueAt ? `Due ${formatDate(item.reminderDueAt)}` : "—",
              ])}
            />
          )}
        </BlockStack>
      </Card>
    </Page>
  );
}
