import type { Db } from "~/db.server";
import { getLogger } from "~/modules/observability/logger.server";
import type { JobProducer } from "~/modules/queue/job-producer.server";

import { enqueueOutboxMessages, type OutboxMessageToDispatch } from "./enqueue-outbox-messages.server";
import { markOutboxRelayed } from "./mark-outbox-relayed.server";
import { recordOutboxFailure } from "./record-outbox-failure.server";

export type { OutboxMessageToDispatch };

/**
 * Enqueues committed outbox messages and marks them relayed; when Redis is unreachable they
 * stay owed (relayedAt null) with the failure counted, for the next relay sweep.
 */
export async function dispatchOutboxMessages(
  db: Db,
  producer: JobProducer,
  messages: OutboxMessageToDispatch[],
): Promise<{ relayed: number; failed: number }> {
  if (messages.length === 0) return { relayed: 0, failed: 0 };
  let result: Awaited<ReturnType<typeof enqueueOutboxMessages>>;
  try {
    result = await enqueueOutboxMessages(producer, messages);
  } catch (error) {
    const reason = (error as Error).message;
    getLogger().warn({ count: messages.length, reason }, "queue unavailable; outbox messages kept for the relay");
    await recordOutboxFailure(db, messages.map((message) => message.id), reason).catch(() => undefined);
    return { relayed: 0, failed: messages.length };
  }
  await recordOutboxFailure(db, result.unknownIds, "unknown job name");
  await markOutboxRelayed(db, result.enqueuedIds);
  return { relayed: result.enqueuedIds.length, failed: result.unknownIds.length };
}
