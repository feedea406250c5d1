import type { Db } from "~/db.server";

/** Counts a failed hand-over to the queue; the reason never carries payload data. */
export async function recordOutboxFailure(db: Db, ids: string[], reason: string): Promise<void> {
  if (ids.length === 0) return;
  await db.outboxMessage.updateMany({
    where: { id: { in: ids } },
    data: { attempts: { increment: 1 }, lastError: reason.slice(0, 200) },
  });
}
