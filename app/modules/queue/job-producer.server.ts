import { Queue, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";

import { jobNameFor, type JobDefinition } from "./define-job";
import { createRedisConnection } from "./redis-connection.server";

export interface QueueSettings {
  redisUrl: string;
  /** BullMQ key prefix; tests give each run its own so queues never collide. */
  prefix: string;
}

export interface OutgoingJob {
  definition: JobDefinition;
  /** Deterministic: a replayed enqueue of the same id is ignored by BullMQ while the job exists. */
  jobId: string;
  payload: unknown;
  delayMs?: number;
}

/** Finished jobs are removed automatically so Redis holds only work still to do. */
export function defaultJobOptions(definition: JobDefinition): JobsOptions {
  return {
    attempts: definition.attempts,
    backoff: { type: "exponential", delay: definition.backoffMs },
    removeOnComplete: definition.removeWhenFinished ? true : { age: 3_600, count: 1_000 },
    removeOnFail: definition.removeWhenFinished ? true : { age: 7 * 24 * 3_600, count: 10_000 },
  };
}

/**
 * The web process's side of the queue. It fails fast: when Redis is unreachable the call
 * rejects within `timeoutMs` and the caller leaves the job in the outbox.
 */
export class JobProducer {
  private readonly connection: Redis;
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly settings: QueueSettings) {
    this.connection = createRedisConnection(settings.redisUrl, "producer");
    // Without a listener ioredis prints every failed reconnect; the outbox covers outages.
    this.connection.on("error", () => {});
    this.connection.on("ready", () => {
      this.everReady = true;
    });
  }

  private everReady = false;

  private waitForFirstConnection(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.connection.off("ready", onReady);
        resolve(false);
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.connection.once("ready", onReady);
    });
  }

  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.settings.prefix });
      queue.on("error", () => {});
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue(jobs: OutgoingJob[], timeoutMs = 1_000): Promise<void> {
    if (jobs.length === 0) return;
    if (this.connection.status !== "ready") {
      // Only the first connection is waited for (briefly): once Redis has been reached, a
      // lost connection means an outage and the outbox takes over at once.
      if (this.everReady || !(await this.waitForFirstConnection(timeoutMs))) {
        throw new Error(`Redis is not connected (${this.connection.status})`);
      }
    }
    const byQueue = new Map<string, OutgoingJob[]>();
    for (const job of jobs) {
      const parsed = job.definition.payload.safeParse(job.payload);
      if (!parsed.success) {
        throw new Error(`Payload for ${job.definition.name} does not match its schema`);
      }
      const list = byQueue.get(job.definition.queue) ?? [];
      list.push({ ...job, payload: parsed.data });
      byQueue.set(job.definition.queue, list);
    }
    const adds = [...byQueue].map(([queueName, queueJobs]) =>
      this.queue(queueName).addBulk(
        queueJobs.map((job) => ({
          name: jobNameFor(job.definition),
          data: job.payload,
          opts: { ...defaultJobOptions(job.definition), jobId: job.jobId, delay: job.delayMs },
        })),
      ),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Enqueue timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([Promise.all(adds), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Removes waiting or delayed jobs by id (a job already running is left to finish; its
   * handler re-checks the state). Returns how many were removed.
   */
  async remove(definition: JobDefinition, jobIds: string[]): Promise<number> {
    if (jobIds.length === 0) return 0;
    if (this.connection.status !== "ready") throw new Error(`Redis is not connected (${this.connection.status})`);
    const queue = this.queue(definition.queue);
    const removed = await Promise.all(jobIds.map((jobId) => queue.remove(jobId)));
    return removed.reduce((total, count) => total + count, 0);
  }

  /** Moves a delayed job to run at `runAt` (sooner or later). False when it is not delayed. */
  async reschedule(definition: JobDefinition, jobId: string, runAt: Date): Promise<boolean> {
    if (this.connection.status !== "ready") throw new Error(`Redis is not connected (${this.connection.status})`);
    const job = await this.queue(definition.queue).getJob(jobId);
    if (!job || !(await job.isDelayed())) return false;
    await job.changeDelay(Math.max(0, runAt.getTime() - Date.now()));
    return true;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    this.connection.disconnect();
  }
}
