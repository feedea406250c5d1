import { findJobDefinition } from "~/jobs/definitions";
import type { Db } from "~/db.server";
import { getLogger } from "~/modules/observability/logger.server";
import type { JobProducer } from "~/modules/queue/job-producer.server";

export interface OutboxMessageToDispatch {
  id: string;
  shopId: string;
  jobName: string;
  /** JSON text of identifiers, as stored. */
  payload: string;
}

/**
 * Hands committed outbox messages to the queue and marks them relayed. When Redis is
 * unreachable the messages stay owed (relayedAt null) and the relay picks them up later;
 * the job id is the message id, so a message enqueued twice runs once while it is queued.
 */
export async function dispatchOutboxMessages(
  db: Db,
  producer: JobProducer,
  messages: OutboxMessageToDispatch[],
): Promise<{ relayed: number; failed: number }> {
  if (messages.length === 0) return { relayed: 0, failed: 0 };
  const jobs = [];
  const unknown: string[] = [];
  for (const message of messages) {
    const definition = findJobDefinition(message.jobName);
    if (!definition) {
      unknown.push(message.id);
      continue;
    }
    jobs.push({ definition, jobId: message.id, payload: JSON.parse(message.payload) as unknown });
  }
  if (unknown.length > 0) {
    await db.outboxMessage.updateMany({
      where: { id: { in: unknown } },
      data: { attempts: { increment: 1 }, lastError: "unknown job name" },
    });
  }

  try {
    await producer.enqueue(jobs);
  } catch (error) {
    getLogger().warn(
      { count: jobs.length, reason: (error as Error).message },
      "queue unavailable; outbox messages kept for the relay",
    );
    await db.outboxMessage
      .updateMany({
        where: { id: { in: jobs.map((job) => job.jobId) } },
        data: { attempts: { increment: 1 }, lastError: (error as Error).message.slice(0, 200) },
      })
      .catch(() => undefined);
    return { relayed: 0, failed: messages.length };
  }

  await db.outboxMessage.updateMany({
    where: { id: { in: jobs.map((job) => job.jobId) }, relayedAt: null },
    data: { relayedAt: new Date() },
  });
  return { relayed: jobs.length, failed: unknown.length };
}
