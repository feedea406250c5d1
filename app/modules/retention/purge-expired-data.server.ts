import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";

import { getDb } from "~/db.server";
import { getLogger } from "~/modules/observability/logger.server";
import { getShopSettings } from "~/modules/settings/get-shop-settings.server";

import { PurgeBatchConflict, RETENTION_PURGERS, type RetentionPurger } from "./retention-purgers.server";

export interface PurgeOptions {
  /** Records per batch: each batch is one short transaction. */
  batchSize?: number;
  /**
   * After each full batch the purge rests for this multiple of the time the batch took (default
   * 0.5: it works at most two thirds of the time). The rest leaves the CPUs and the database to
   * webhook intake and sends, whose latency would otherwise suffer on a small machine; 0 runs
   * batches back to back. Proportional rather than fixed, so a purge slowed by a busy database
   * also gives way more.
   */
  restFactor?: number;
  /** The purgers to apply; default every one. */
  purgers?: readonly RetentionPurger[];
  /**
   * Called after each committed batch. Lets tests stop a run midway (by throwing) at a known
   * point, as a crash would.
   */
  onBatch?: (progress: { purger: string; counts: Record<string, number> }) => void | Promise<void>;
}

export interface PurgeResult {
  runId: string;
  /** Rows deleted or anonymised by the whole run, per record type (an interrupted run's earlier work included). */
  counts: Record<string, number>;
  /** More than 1 when this call carried on a run that had been interrupted. */
  attempts: number;
  /** Time this call spent in batches, and resting between them (milliseconds). */
  workMs: number;
  restMs: number;
}

const DEFAULT_BATCH_SIZE = 250;
const DEFAULT_REST_FACTOR = 0.5;
const BATCH_TIMEOUT_MS = 30_000;
/** A batch whose rows changed under it is tried again this many times before the run stops. */
const CONFLICT_RETRIES = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function addCounts(total: Record<string, number>, batch: Record<string, number>): Record<string, number> {
  const sum = { ...total };
  for (const [key, count] of Object.entries(batch)) sum[key] = (sum[key] ?? 0) + count;
  return sum;
}

/**
 * Deletes or anonymises what has passed its retention window in one shop, category by
 * category, in batches of short transactions. Each batch records its counts in the shop's
 * PurgeRun row in the same transaction, so the counts are exactly what was removed even if
 * the process dies. An unfinished run (interrupted, or killed while running) is carried on by
 * the next call rather than started afresh. Safe to run twice: a second run finds nothing.
 *
 * Runs for one shop must not overlap; the purge job's fixed job id ensures it.
 */
export async function purgeExpiredData(shopId: string, options: PurgeOptions = {}): Promise<PurgeResult> {
  const db = getDb();
  const logger = getLogger().child({ shop: shopId, component: "retention-purge" });
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const restFactor = options.restFactor ?? DEFAULT_REST_FACTOR;
  const settings = await getShopSettings(shopId);

  const unfinished = await db.purgeRun.findFirst({
    where: { shopId, status: { in: ["running", "interrupted"] } },
    orderBy: { startedAt: "desc" },
  });
  const run = unfinished
    ? await db.purgeRun.update({ where: { id: unfinished.id }, data: { status: "running", attempts: { increment: 1 }, lastError: null } })
    : await db.purgeRun.create({ data: { id: randomUUID(), shopId, status: "running" } });
  if (unfinished) logger.info({ runId: run.id, attempts: run.attempts }, "carrying on an interrupted purge");

  let counts = JSON.parse(run.counts) as Record<string, number>;
  let workMs = 0;
  let restMs = 0;
  try {
    for (const purger of options.purgers ?? RETENTION_PURGERS) {
      for (;;) {
        const batchStarted = performance.now();
        const batch = await purgeOneBatch(purger, { shopId, retentionDays: settings.retentionDays, limit: batchSize }, run.id, counts);
        const batchMs = performance.now() - batchStarted;
        workMs += batchMs;
        counts = batch.total;
        if (batch.found > 0) await options.onBatch?.({ purger: purger.name, counts: batch.counts });
        if (batch.found < batchSize) break;
        if (restFactor > 0) {
          const restStarted = performance.now();
          await sleep(batchMs * restFactor);
          restMs += performance.now() - restStarted;
        }
      }
    }
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}${(error as { code?: string }).code ? ` ${(error as { code?: string }).code}` : ""}` : "unknown";
    await db.purgeRun
      .update({ where: { id: run.id }, data: { status: "interrupted", lastError: reason } })
      .catch(() => undefined);
    logger.warn({ runId: run.id, reason, counts }, "retention purge interrupted");
    throw error;
  }
  await db.purgeRun.update({ where: { id: run.id }, data: { status: "completed", finishedAt: new Date(), lastError: null } });
  const timing = { workMs: Math.round(workMs), restMs: Math.round(restMs) };
  logger.info({ runId: run.id, counts, attempts: run.attempts, ...timing }, "retention purge completed");
  return { runId: run.id, counts, attempts: run.attempts, ...timing };
}

/** One batch of one purger and its counts, committed together; retried when rows changed under it. */
async function purgeOneBatch(
  purger: RetentionPurger,
  context: { shopId: string; retentionDays: Parameters<RetentionPurger["purgeBatch"]>[1]["retentionDays"]; limit: number },
  runId: string,
  runningTotal: Record<string, number>,
): Promise<{ found: number; counts: Record<string, number>; total: Record<string, number> }> {
  const db = getDb();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.$transaction(
        async (tx) => {
          const batch = await purger.purgeBatch(tx, { ...context, now: new Date() });
          const total = addCounts(runningTotal, batch.counts);
          if (batch.found > 0) await tx.purgeRun.update({ where: { id: runId }, data: { counts: JSON.stringify(total) } });
          return { ...batch, total };
        },
        // A batch takes milliseconds; the limit only stops one stuck behind a lock from holding its own for long.
        { maxWait: BATCH_TIMEOUT_MS, timeout: BATCH_TIMEOUT_MS },
      );
    } catch (error) {
      if (!(error instanceof PurgeBatchConflict) || attempt >= CONFLICT_RETRIES) throw error;
    }
  }
}
