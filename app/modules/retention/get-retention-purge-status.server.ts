import { getDb } from "~/db.server";

import { nextRetentionPurgeAt } from "./retention-purge-schedule";

export interface RetentionPurgeStatus {
  /** The shop's latest purge run; null before the first one. */
  lastRun: {
    status: string;
    startedAt: string;
    finishedAt: string | null;
    /** Rows deleted or anonymised per record type. */
    counts: Record<string, number>;
    attempts: number;
    lastError: string | null;
  } | null;
  nextRunAt: string;
}

/** The shop's last retention purge and when the next one starts. */
export async function getRetentionPurgeStatus(shopId: string, now = new Date()): Promise<RetentionPurgeStatus> {
  const run = await getDb().purgeRun.findFirst({ where: { shopId }, orderBy: { startedAt: "desc" } });
  return {
    lastRun: run
      ? {
          status: run.status,
          startedAt: run.startedAt.toISOString(),
          finishedAt: run.finishedAt?.toISOString() ?? null,
          counts: JSON.parse(run.counts) as Record<string, number>,
          attempts: run.attempts,
          lastError: run.lastError,
        }
      : null,
    nextRunAt: nextRetentionPurgeAt(now).toISOString(),
  };
}
