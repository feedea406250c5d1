import type { Db, DatabaseDialect } from "~/db.server";
import { dispatchOutboxMessages } from "~/modules/outbox/dispatch-outbox-messages.server";
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
 * Group commit for webhook intake. Deliveries that arrive while a write is in flight are
 * written together by the next one, so a burst costs one transaction per batch rather than
 * one per request. Each caller is answered only after its row is committed and its job
 * handed to the queue (or kept in the outbox when the queue is down).
 */
export class WebhookIntakeBatcher {
  private pending: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly db: Db,
    private readonly dialect: DatabaseDialect,
    private readonly producer: JobProducer,
  ) {}

  submit(delivery: NewWebhookDelivery): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      this.pending.push({ delivery, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flushLoop());
      }
    });
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        await this.flush(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    let inserted: Set<string>;
    try {
      inserted = await storeWebhookDeliveries(
        this.db,
        this.dialect,
        batch.map((entry) => entry.delivery),
      );
    } catch (error) {
      getLogger().error({ err: error, batch: batch.length }, "webhook batch write failed");
      for (const entry of batch) entry.reject(error);
      return;
    }

    const owed = batch
      .filter((entry) => inserted.has(entry.delivery.id))
      .map(({ delivery }) => ({
        id: delivery.id,
        shopId: delivery.shopId,
        jobName: delivery.outbox.jobName,
        payload: delivery.outbox.payload,
      }));
    // The rows are durable: a queue failure here is not the sender's problem (the relay
    // retries), so it never turns into an error response.
    await dispatchOutboxMessages(this.db, this.producer, owed).catch((error: unknown) =>
      getLogger().warn({ reason: (error as Error).message }, "outbox dispatch failed; relay will retry"),
    );
    for (const entry of batch) {
      entry.resolve(inserted.has(entry.delivery.id) ? "accepted" : "duplicate");
    }
  }
}
