import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, InlineStack, Page, Text } from "@shopify/polaris";
import { useState } from "react";

import { downloadThroughFetch } from "~/components/download-through-fetch";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, describeAuditActor } from "~/modules/audit-log/audit-actions";
import { auditLogFiltersSchema, type AuditLogFilters } from "~/modules/audit-log/audit-log-filters";
import { requirePermission } from "~/modules/access-control/require-permission.server";
import { declareRoutePermissions } from "~/modules/access-control/route-permissions";
import { listAuditEntries } from "~/modules/audit-log/list-audit-entries.server";

export const meta: MetaFunction = () => [{ title: "Candor — Audit log" }];

export const permissions = declareRoutePermissions({ loader: "audit-log:read" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requirePermission(request, permissions.loader);
  const parsed = auditLogFiltersSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const filters: AuditLogFilters = parsed.success ? parsed.data : { actor: undefined };
  return { filters, filterError: parsed.success ? null : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "), ...(await listAuditEntries(shop, filters)) };
}

const formatTime = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }) + " UTC";

function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(", ") : String(value)}`)
    .join("; ");
}

export default function AuditLog() {
  const { entries, total, filters, filterError } = useLoaderData<typeof loader>();
  const [download, setDownload] = useState<{ state: "idle" | "working" } | { state: "done"; filename: string } | { state: "failed"; message: string }>({ state: "idle" });
  const exportCsv = () => {
    setDownload({ state: "working" });
    const body = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
    downloadThroughFetch("/app/audit-log/export", body, "audit-log.csv").then(
      (filename) => setDownload({ state: "done", filename }),
      (error: Error) => setDownload({ state: "failed", message: error.message }),
    );
  };
  return (
    <Page title="Audit log" subtitle="Who viewed, exported or erased customer data, and who changed roles, keys and settings. Entries cannot be changed; they are kept for the audit-log retention window.">
      <BlockStack gap="400">
        {filterError ? <Banner tone="warning">{`Some filters were ignored: ${filterError}`}</Banner> : null}
        <Card>
          <Form method="get">
            <InlineStack gap="300" blockAlign="end" wrap>
              <label>
                Action{" "}
                <select name="action" defaultValue={filters.action ?? ""}>
                  <option value="">Any</option>
                  {AUDIT_ACTIONS.map((action) => (
                    <option key={action} value={action}>
                      {AUDIT_ACTION_LABELS[action]}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Staff user or key id <input name="actor" defaultValue={filters.actor ?? ""} size={18} />
              </label>
              <label>
                Outcome{" "}
                <select name="outcome" defaultValue={filters.outcome ?? ""}>
                  <option value="">Any</option>
                  <option value="allowed">Allowed</option>
                  <option value="denied">Denied</option>
                </select>
              </label>
              <label>
                From <input type="date" name="from" defaultValue={filters.from ?? ""} />
              </label>
              <label>
                To <input type="date" name="to" defaultValue={filters.to ?? ""} />
              </label>
              <Button submit>Filter</Button>
              <Button onClick={exportCsv} loading={download.state === "working"}>
                Export CSV
              </Button>
            </InlineStack>
          </Form>
          {download.state === "done" ? <Text as="p">{`Downloaded ${download.filename}. The export is itself recorded in the log.`}</Text> : null}
          {download.state === "failed" ? <Banner tone="critical">{download.message}</Banner> : null}
        </Card>
        <Card>
          <BlockStack gap="200">
            <Text as="p" variant="bodySm" tone="subdued">
              {total > entries.length ? `The newest ${entries.length} of ${total} entries; export to see them all.` : `${total} entries.`}
            </Text>
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text", "text"]}
              headings={["When", "Who", "Action", "Target", "Details", "Request"]}
              rows={entries.map((entry) => [
                formatTime(entry.occurredAt),
                describeAuditActor(entry.actorKind, entry.actorId),
                `${AUDIT_ACTION_LABELS[entry.action as keyof typeof AUDIT_ACTION_LABELS] ?? entry.action}${entry.outcome === "denied" ? " (denied)" : ""}`,
                entry.targetType ? `${entry.targetType} ${entry.targetRef ?? ""}` : "—",
                describeDetails(entry.details) || "—",
                entry.requestId ?? "—",
              ])}
            />
          </BlockStack>
        </Card>
      </BlockStack>
    </Page>
  );
}
