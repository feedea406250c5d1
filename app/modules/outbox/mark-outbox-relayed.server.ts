import type { Db } from "~/db.server";

/** Records that these messages reached the queue, so the relay leaves them alone. */
export async function markOutboxRelayed(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.outboxMessage.updateMany({ where: { id: { in: ids }, relayedAt: null }, data: { relayedAt: new Date() } });
}
