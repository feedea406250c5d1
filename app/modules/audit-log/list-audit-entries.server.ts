import { getDb } from "~/db.server";

import type { AuditLogFilters } from "./audit-log-filters";

const DAY_MS = 86_400_000;

export function auditWhere(shopId: string, filters: AuditLogFilters) {
  return {
    shopId,
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.actor ? { actorId: filters.actor } : {}),
    ...(filters.outcome ? { outcome: filters.outcome } : {}),
    ...(filters.from || filters.to
      ? {
          occurredAt: {
            ...(filters.from ? { gte: new Date(`${filters.from}T00:00:00Z`) } : {}),
            ...(filters.to ? { lt: new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + DAY_MS) } : {}),
          },
        }
      : {}),
  };
}

/** One page of the shop's audit log, newest first, with the filters applied. */
export async function listAuditEntries(shopId: string, filters: AuditLogFilters, { limit = 100 }: { limit?: number } = {}) {
  const where = auditWhere(shopId, filters);
  const db = getDb();
  const [entries, total] = await Promise.all([
    db.auditEntry.findMany({ where, orderBy: [{ occurredAt: "desc" }, { id: "asc" }], take: limit }),
    db.auditEntry.count({ where }),
  ]);
  return {
    total,
    entries: entries.map((entry) => ({
      id: entry.id,
      occurredAt: entry.occurredAt.toISOString(),
      actorKind: entry.actorKind,
      actorId: entry.actorId,
      action: entry.action,
      outcome: entry.outcome,
      targetType: entry.targetType,
      targetRef: entry.targetRef,
      requestId: entry.requestId,
      details: JSON.parse(entry.details) as Record<string, unknown>,
    })),
  };
}
