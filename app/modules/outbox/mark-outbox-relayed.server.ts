import type { Db } from "~/db.server";

interface OpenBatch {
  ids: string[];
  written: Promise<void>;
}

/** Per database client: the batch still taking ids, and the write last started. */
const openBatches = new WeakMap<Db, OpenBatch>();
const lastWrites = new WeakMap<Db, Promise<void>>();

/**
 * Records that these messages reached the queue, so the relay leaves them alone. Marks that
 * arrive while a write is running share the next one (a group commit: one UPDATE for the
 * jobs of a burst instead of one each); the returned promise settles when this caller's ids
 * are written.
 */
export function markOutboxRelayed(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return Promise.resolve();
  const open = openBatches.get(db);
  if (open) {
    open.ids.push(...ids);
    return open.written;
  }
  const batch: OpenBatch = { ids: [...ids], written: Promise.resolve() };
  const previous = lastWrites.get(db) ?? Promise.resolve();
  batch.written = previous
    .catch(() => undefined)
    .then(async () => {
      // From here on, new marks start the next batch.
      if (openBatches.get(db) === batch) openBatches.delete(db);
      await db.outboxMessage.updateMany({ where: { id: { in: batch.ids }, relayedAt: null }, data: { relayedAt: new Date() } });
    });
  openBatches.set(db, batch);
  lastWrites.set(db, batch.written);
  return batch.written;
}
