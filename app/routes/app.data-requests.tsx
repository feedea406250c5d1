import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Card, DataTable, InlineStack, List, Page, Select, Text } from "@shopify/polaris";
import { z } from "zod";

import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions } from "~/modules/access-control/route-permissions";
import { describeDataRequestReceipt } from "~/modules/data-rights/describe-data-request-receipt";
import { describeRequester } from "~/modules/data-rights/describe-requester";
import { listDataRequests } from "~/modules/data-rights/list-data-requests.server";

export const meta: MetaFunction = () => [{ title: "Candor — Data requests" }];

const STATUSES = ["pending", "completed", "failed"] as const;
const querySchema = z.object({ status: z.enum(STATUSES).optional().catch(undefined) });

export const permissions = declareRoutePermissions({ loader: "data-requests:read" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requirePermission(request, permissions.loader);
  const { status } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { dataRequests: await listDataRequests(shop, { status }) };
}

const KIND_LABELS: Record<string, string> = { access: "Access (export)", erasure: "Erasure" };
const SOURCE_LABELS: Record<string, string> = { shopify_webhook: "Shopify", admin: "Admin", api: "API" };
const REGIME_LABELS: Record<string, string> = { gdpr: "GDPR (1 month)", ccpa: "CCPA (45 days)" };
const STATUS_TONE = { pending: "attention", completed: "success", failed: "critical" } as const;
const STATUS_LABELS: Record<string, string> = { pending: "Pending", completed: "Completed", failed: "Failed" };

const formatDate = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "—";

type DataRequestRow = ReturnType<typeof useLoaderData<typeof loader>>["dataRequests"][number];

function Receipt({ entry }: { entry: DataRequestRow }) {
  const described = describeDataRequestReceipt(entry.receipt);
  return (
    <details>
      <summary style={{ cursor: "pointer" }}>{entry.receipt ? "Receipt" : "Requested by"}</summary>
      <BlockStack gap="100">
        <Text as="p" variant="bodySm">
          {`Requested by ${describeRequester(entry.requestedBy)}`}
        </Text>
        {described.at ? (
          <Text as="p" variant="bodySm">
            {`${described.kind === "erasure" ? "Erased" : "Exported"} ${formatDate(described.at)}${described.format ? ` as ${described.format.toUpperCase()}` : ""}`}
          </Text>
        ) : null}
        {described.lines.length > 0 ? (
          <List>
            {described.lines.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        ) : null}
        {described.suppressionAdded ? (
          <Text as="p" variant="bodySm">
            Do-not-ask entry added.
          </Text>
        ) : null}
        {entry.receipt ? null : (
          <Text as="p" variant="bodySm" tone="subdued">
            No receipt yet: it is written when the request is answered.
          </Text>
        )}
      </BlockStack>
    </details>
  );
}

export default function DataRequests() {
  const { dataRequests } = useLoaderData<typeof loader>();
  const [searchParams, setSearchParams] = useSearchParams();
  const overdue = dataRequests.filter((entry) => entry.overdue).length;
  return (
    <Page
      title="Data requests"
      subtitle="Every customer request to see or erase their data, with its legal due date. Customers are named by keyed fingerprints only."
    >
      <Card>
        <BlockStack gap="300">
          {overdue > 0 ? (
            <InlineStack gap="200" blockAlign="center">
              <Badge tone="critical">{`${overdue} overdue`}</Badge>
              <Text as="span">Answer overdue requests first: the legal deadline has passed.</Text>
            </InlineStack>
          ) : null}
          <Select
            label="Status"
            options={[{ label: "All", value: "" }, ...STATUSES.map((status) => ({ label: STATUS_LABELS[status]!, value: status }))]}
            value={searchParams.get("status") ?? ""}
            onChange={(value) => {
              const next = new URLSearchParams(searchParams);
              if (value) next.set("status", value);
              else next.delete("status");
              setSearchParams(next);
            }}
          />
          {dataRequests.length === 0 ? (
            <Text as="p">
              No data requests yet. Requests from Shopify&apos;s compliance webhooks, exports and erasures made on the Customer data screen
              or through the API are entered here.
            </Text>
          ) : (
            <DataTable
              verticalAlign="top"
              columnContentTypes={["text", "text", "text", "text", "text", "text", "text", "text"]}
              headings={["Kind", "Source", "Regime", "Received", "Due", "Completed", "Status", "Receipt"]}
              rows={dataRequests.map((entry) => [
                KIND_LABELS[entry.kind] ?? entry.kind,
                SOURCE_LABELS[entry.source] ?? entry.source,
                REGIME_LABELS[entry.regime] ?? entry.regime,
                formatDate(entry.receivedAt),
                formatDate(entry.dueAt),
                formatDate(entry.completedAt),
                <InlineStack key="status" gap="100">
                  <Badge tone={STATUS_TONE[entry.status as keyof typeof STATUS_TONE]}>{STATUS_LABELS[entry.status] ?? entry.status}</Badge>
                  {entry.overdue ? <Badge tone="critical">Overdue</Badge> : null}
                </InlineStack>,
                <Receipt key="receipt" entry={entry} />,
              ])}
            />
          )}
        </BlockStack>
      </Card>
    </Page>
  );
}
