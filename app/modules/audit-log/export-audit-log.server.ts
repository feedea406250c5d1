import { getDb } from "~/db.server";
import { formatCsvRow } from "~/modules/csv/format-csv-row";

import type { AuditActor } from "./audit-actions";
import type { AuditLogFilters } from "./audit-log-filters";
import { auditWhere } from "./list-audit-entries.server";
import { recordAuditEntry } from "./record-audit-entry.server";

const HEADER = ["occurred_at", "actor_kind", "actor_id", "action", "outcome", "target_type", "target_ref", "request_id", "details"];
const PAGE = 1_000;

/**
 * The shop's audit log (filters applied) as CSV, oldest first, read in pages so a long log
 * does not sit in memory twice. The export itself is recorded in the log.
 */
export async function exportAuditLog(shopId: string, filters: AuditLogFilters, context: { actor: AuditActor; requestId?: string | null }) {
  const db = getDb();
  const where = auditWhere(shopId, filters);
  const lines = [formatCsvRow(HEADER)];
  let cursor: { id: string } | undefined;
  for (;;) {
    const page = await db.auditEntry.findMany({
      where,
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      take: PAGE,
      ...(cursor ? { cursor, skip: 1 } : {}),
    });
    for (const entry of page) {
      lines.push(
        formatCsvRow([
          entry.occurredAt.toISOString(),
          entry.actorKind,
          entry.actorId,
          entry.action,
          entry.outcome,
          entry.targetType,
          entry.targetRef,
          entry.requestId,
          entry.details,
        ]),
      );
    }
    if (page.length < PAGE) break;
    cursor = { id: page[page.length - 1]!.id };
  }
  await recordAuditEntry(shopId, {
    actor: context.actor,
    action: "audit-log.exported",
    target: { type: "audit-log", ref: "csv" },
    requestId: context.requestId,
    details: { rows: lines.length - 1, ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) },
  });
  return {
    filename: `candor-audit-log-${shopId.replace(/\.myshopify\.com$/, "")}-${new Date().toISOString().slice(0, 10)}.csv`,
    contentType: "text/csv; charset=utf-8",
    body: `${lines.join("\r\n")}\r\n`,
  };
}
