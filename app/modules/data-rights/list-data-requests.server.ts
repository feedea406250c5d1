import { getDb } from "~/db.server";

/** The shop's register of data requests, newest first; overdue ones are flagged. No personal data. */
export async function listDataRequests(shopId: string, options: { status?: "pending" | "completed" | "failed"; limit?: number; now?: Date } = {}) {
  const now = options.now ?? new Date();
  const rows = await getDb().dataRequest.findMany({
    where: { shopId, ...(options.status ? { status: options.status } : {}) },
    orderBy: { receivedAt: "desc" },
    take: Math.min(options.limit ?? 100, 500),
    select: { id: true, kind: true, source: true, regime: true, status: true, requestedBy: true, receivedAt: true, dueAt: true, completedAt: true, receipt: true },
  });
  return rows.map((row) => ({
    ...row,
    receivedAt: row.receivedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    receipt: row.receipt ? (JSON.parse(row.receipt) as unknown) : null,
    overdue: row.status !== "completed" && row.dueAt < now,
  }));
}
