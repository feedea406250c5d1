import type { Db } from "~/db.server";
import { createGroupCommit } from "~/modules/runtime/create-group-commit";

const markersByDb = new WeakMap<Db, (ids: string[]) => Promise<void>>();

/**
 * Records that these messages reached the queue, so the relay leaves them alone. Marks made
 * while one is being written share the next UPDATE (one for a burst of jobs rather than one
 * each); the promise settles when this caller's ids are written.
 */
export function markOutboxRelayed(db: Db, ids: string[]): Promise<void> {
  let mark = markersByDb.get(db);
  if (!mark) {
    mark = createGroupCommit<string>((batch) => db.outboxMessage.updateMany({ where: { id: { in: batch }, relayedAt: null }, data: { relayedAt: new Date() } }));
    markersByDb.set(db, mark);
  }
  return mark(ids);
}
