import type { Db } from "~/db.server";
import type { JobProducer } from "~/modules/queue/job-producer.server";

import { dispatchOutboxMessages } from "./dispatch-outbox-messages.server";

export interface RelayOptions {
  /** Leaves fresh rows to the request that wrote them, which enqueues them itself. */
  minAgeMs: number;
  batchSize: number;
}

/**
 * Sweeps outbox rows still owed to the queue (for example, written while Redis was down)
 * and enqueues them, oldest first. Works across shops by design: it is the system's own
 * delivery duty, and each message carries its shop.
 */
export async function relayPendingOutbox(
  db: Db,
  producer: JobProducer,
  options: RelayOptions = { minAgeMs: 5_000, batchSize: 500 },
): Promise<{ relayed: number; failed: number }> {
  const totals = { relayed: 0, failed: 0 };
  for (;;) {
    const pending = await db.outboxMessage.findMany({
      where: { relayedAt: null, createdAt: { lte: new Date(Date.now() - options.minAgeMs) }, attempts: { lt: 1_000 } },
      orderBy: { createdAt: "asc" },
      take: options.batchSize,
      select: { id: true, shopId: true, jobName: true, payload: true, availableAt: true },
    });
    if (pending.length === 0) return totals;
    const result = await dispatchOutboxMessages(db, producer, pending);
    totals.relayed += result.relayed;
    totals.failed += result.failed;
    if (result.relayed === 0 || pending.length < options.batchSize) return totals;
  }
}
