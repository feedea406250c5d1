import { findJobDefinition } from "~/jobs/definitions";
import type { JobProducer, OutgoingJob } from "~/modules/queue/job-producer.server";

export interface OutboxMessageToDispatch {
  id: string;
  shopId: string;
  jobName: string;
  /** JSON text of identifiers, as stored. */
  payload: string;
  /** When the job should run; null or past runs it at once. */
  availableAt?: Date | null;
}

/**
 * Hands outbox messages to the queue, each under its own id as job id (a message enqueued
 * twice runs once while its job exists), delayed until its `availableAt`. Rejects when Redis is unreachable; the messages
 * then stay owed for the relay. Messages naming no known job are returned, not enqueued.
 */
export async function enqueueOutboxMessages(
  producer: JobProducer,
  messages: OutboxMessageToDispatch[],
): Promise<{ enqueuedIds: string[]; unknownIds: string[] }> {
  const jobs: OutgoingJob[] = [];
  const unknownIds: string[] = [];
  const now = Date.now();
  for (const message of messages) {
    const definition = findJobDefinition(message.jobName);
    if (!definition) {
      unknownIds.push(message.id);
      continue;
    }
    const delayMs = message.availableAt ? Math.max(0, message.availableAt.getTime() - now) : undefined;
    jobs.push({ definition, jobId: message.id, payload: JSON.parse(message.payload) as unknown, delayMs: delayMs || undefined });
  }
  await producer.enqueue(jobs);
  return { enqueuedIds: jobs.map((job) => job.jobId), unknownIds };
}
