import type { Db } from "~/db.server";
import type { DirectConnection } from "~/db/direct-connection.server";
import { enqueueOutboxMessages } from "~/modules/outbox/enqueue-outbox-messages.server";
import { markOutboxRelayed } from "~/modules/outbox/mark-outbox-relayed.server";
import { recordOutboxFailure } from "~/modules/outbox/record-outbox-failure.server";
import { getLogger } from "~/modules/observability/logger.server";
import type { JobProducer } from "~/modules/queue/job-producer.server";

import { storeWebhookDeliveries, type NewWebhookDelivery } from "./store-webhook-deliveries.server";

type Outcome = "accepted" | "duplicate";

interface Pending {
  delivery: NewWebhookDelivery;
  resolve: (outcome: Outcome) => void;
  reject: (error: unknown) => void;
}

/** SQLite and PostgreSQL both cap bound parameters; 8 columns × 200 rows stays well below. */
const MAX_BATCH = 200;
/**
 * One write at a time on both backends: SQLite has a single writer, and on PostgreSQL
 * concurrent commits measured slower (smaller batches, more server CPU) than one larger one.
 */
const MAX_WRITES_IN_FLIGHT = 1;
/** How long relayed marks may wait for a batch to ride along with before being written alone. */
const ACKNOWLEDGE_EVERY_MS = 250;

/**
 * Group commit for webhook intake. Deliveries that arrive while a write is in flight are
 * written together by the next one, so a burst costs one transaction per batch rather than
 * one per request. Each sender is answered as soon as its row and outbox message are
 * committed — the transactional outbox makes that the promise that matters — and the batch
 * is handed to the queue right after, while the next batch is written. If the hand-over
 * fails (Redis down, process killed), the relay enqueues the messages later.
 *
 * Marking messages relayed is deferred to the next batch's commit: if the process dies before
 * the mark, the relay enqueues the message again, which is harmless because jobs are
 * idempotent.
 */
export class WebhookIntakeBatcher {
  private pending: Pending[] = [];
  private writesInFlight = 0;
  private drainScheduled = false;
  private relayed: string[] = [];
  private acknowledgeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: DirectConnection,
    private readonly db: Db,
    private readonly producer: JobProducer,
  ) {}

  submit(delivery: NewWebhookDelivery): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      this.pending.push({ delivery, resolve, reject });
      this.scheduleDrain();
    });
  }

  private scheduleDrain(): void {
    if (this.drainScheduled || this.writesInFlight >= MAX_WRITES_IN_FLIGHT) return;
    this.drainScheduled = true;
    // Deliveries arriving in the same turn of the event loop join the same batch.
    setImmediate(() => {
      this.drainScheduled = false;
      while (this.pending.length > 0 && this.writesInFlight < MAX_WRITES_IN_FLIGHT) {
        void this.write(this.pending.splice(0, MAX_BATCH));
      }
    });
  }

  private async write(batch: Pending[]): Promise<void> {
    this.writesInFlight += 1;
    const started = performance.now();
    const relayedIds = this.takeRelayed();
    try {
      const inserted = await storeWebhookDeliveries(this.connection, batch.map((entry) => entry.delivery), relayedIds);
      getLogger().debug({ batch: batch.length, writeMs: Math.round((performance.now() - started) * 10) / 10 }, "webhook batch written");
      for (const entry of batch) entry.resolve(inserted.has(entry.delivery.id) ? "accepted" : "duplicate");
      void this.handOver(batch, inserted);
    } catch (error) {
      getLogger().error({ err: error, batch: batch.length }, "webhook batch write failed");
      for (const entry of batch) entry.reject(error);
      this.relayed.push(...relayedIds);
    } finally {
      this.writesInFlight -= 1;
      if (this.pending.length > 0) this.scheduleDrain();
    }
  }

  private async handOver(batch: Pending[], inserted: Set<string>): Promise<void> {
    const owed = batch
      .filter((entry) => inserted.has(entry.delivery.id))
      .map(({ delivery }) => ({ id: delivery.id, shopId: delivery.shopId, jobName: delivery.outbox.jobName, payload: delivery.outbox.payload }));
    try {
      const { enqueuedIds } = await enqueueOutboxMessages(this.producer, owed);
      this.acknowledge(enqueuedIds);
    } catch (error) {
      // The rows are durable: a queue outage is not the sender's problem.
      const reason = (error as Error).message;
      getLogger().warn({ count: owed.length, reason }, "queue unavailable; outbox messages kept for the relay");
      void recordOutboxFailure(this.db, owed.map((message) => message.id), reason).catch(() => undefined);
    }
  }

  /** Relayed marks ride along with the next batch's commit; a quiet intake flushes them alone. */
  private acknowledge(ids: string[]): void {
    this.relayed.push(...ids);
    this.acknowledgeTimer ??= setTimeout(() => {
      this.acknowledgeTimer = undefined;
      const relayed = this.takeRelayed();
      markOutboxRelayed(this.db, relayed).catch((error: unknown) =>
        getLogger().warn({ count: relayed.length, reason: (error as Error).message }, "could not mark outbox messages relayed; the relay will re-enqueue them"),
      );
    }, ACKNOWLEDGE_EVERY_MS);
  }

  private takeRelayed(): string[] {
    return this.relayed.splice(0, MAX_BATCH * 5);
  }
}
