import { DelayedError, UnrecoverableError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";

import { getDb } from "~/db.server";
import { findJobDefinition, QUEUE_NAMES } from "~/jobs/definitions";
import { JOB_HANDLERS } from "~/jobs/handlers.server";
import { getEnv } from "~/modules/config/get-env.server";
import { getLogger } from "~/modules/observability/logger.server";
import { relayPendingOutbox } from "~/modules/outbox/relay-pending-outbox.server";
import { scheduleRetentionPurge } from "~/modules/retention/schedule-retention-purge.server";
import { getJobProducer } from "~/modules/queue/get-job-producer.server";
import { createRedisConnection } from "~/modules/queue/redis-connection.server";

export interface RunningWorkers {
  close(): Promise<void>;
}

export interface WorkerOptions {
  /** Jobs each queue's worker runs at once; default WORKER_CONCURRENCY. */
  concurrency?: number;
  /** How often the outbox relay sweeps for messages owed to the queue. */
  relayIntervalMs?: number;
  relayMinAgeMs?: number;
}

/**
 * Queues whose jobs run one at a time in each worker process, whatever WORKER_CONCURRENCY
 * says: a retention purge is long and yields to live traffic by design, and several at once
 * would take back the room each one leaves.
 */
const ONE_AT_A_TIME_QUEUES = new Set(["maintenance"]);

async function runJob(job: Job, token?: string): Promise<unknown> {
  const definition = findJobDefinition(job.name);
  const handler = definition ? JOB_HANDLERS[definition.name] : undefined;
  if (!definition || !handler) {
    throw new UnrecoverableError(`no handler for job ${job.name}`);
  }
  const parsed = definition.payload.safeParse(job.data);
  if (!parsed.success) {
    throw new UnrecoverableError(`payload of ${job.name} does not match its schema`);
  }
  const logger = getLogger().child({ jobId: job.id, job: job.name, attempt: job.attemptsMade + 1 });
  const attempts = job.opts.attempts ?? 1;
  return handler(parsed.data as never, {
    logger,
    attempt: job.attemptsMade + 1,
    isFinalAttempt: job.attemptsMade + 1 >= attempts,
    async delayUntil(runAt: Date): Promise<never> {
      await job.moveToDelayed(runAt.getTime(), token);
      throw new DelayedError();
    },
  });
}

/**
 * Starts one BullMQ worker per queue plus the outbox relay. Used by the worker entry point
 * and, in single-process mode, by the web server.
 */
export async function startWorkers(options: WorkerOptions = {}): Promise<RunningWorkers> {
  const env = getEnv();
  const logger = getLogger().child({ component: "worker" });
  const connections: Redis[] = [];
  const workers = QUEUE_NAMES.map((queueName) => {
    const connection = createRedisConnection(env.REDIS_URL, "worker");
    connection.on("error", (error) => logger.warn({ reason: error.message }, "redis connection error"));
    connections.push(connection);
    const worker = new Worker(queueName, runJob, {
      connection,
      prefix: env.QUEUE_PREFIX,
      concurrency: ONE_AT_A_TIME_QUEUES.has(queueName) ? 1 : (options.concurrency ?? env.WORKER_CONCURRENCY),
    });
    worker.on("error", (error) => logger.error({ queue: queueName, reason: error.message }, "worker error"));
    worker.on("failed", (job, error) =>
      logger.warn(
        { queue: queueName, jobId: job?.id, job: job?.name, attempts: job?.attemptsMade, reason: error.message },
        "job failed",
      ),
    );
    return worker;
  });

  const db = getDb();
  const producer = getJobProducer();
  let relaying: Promise<unknown> | null = null;
  const relayTimer = setInterval(() => {
    if (relaying) return;
    relaying = relayPendingOutbox(db, producer, {
      minAgeMs: options.relayMinAgeMs ?? 5_000,
      batchSize: 500,
    })
      .then((result) => {
        if (result.relayed > 0) logger.info(result, "outbox relayed");
      })
      .catch((error: unknown) => logger.warn({ reason: (error as Error).message }, "outbox relay failed"))
      .finally(() => {
        relaying = null;
      });
  }, options.relayIntervalMs ?? 2_000);
  relayTimer.unref();

  await Promise.all(workers.map((worker) => worker.waitUntilReady().catch(() => undefined)));
  // Redis may be down at start: the schedule is upserted by the next worker start, or is already there.
  await scheduleRetentionPurge().catch((error: unknown) =>
    logger.warn({ reason: (error as Error).message }, "retention purge could not be scheduled"),
  );
  logger.info({ queues: QUEUE_NAMES, prefix: env.QUEUE_PREFIX }, "workers started");

  return {
    async close() {
      clearInterval(relayTimer);
      await relaying;
      await Promise.allSettled(workers.map((worker) => worker.close()));
      for (const connection of connections) connection.disconnect();
      logger.info("workers stopped");
    },
  };
}
