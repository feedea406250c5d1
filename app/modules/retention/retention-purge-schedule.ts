/**
 * When the retention purge runs: at the start of every hour (UTC). Hourly rather than daily
 * so a record goes within the hour after the date the customer inventory shows, and each run
 * has only an hour's worth of expired records to remove.
 */
export const RETENTION_PURGE_CRON = "0 * * * *";

/** The BullMQ job scheduler that starts the hourly purge. */
export const RETENTION_PURGE_SCHEDULER_ID = "retention-purge";

const HOUR_MS = 3_600_000;

/** The next start of the purge after `now`: the next full UTC hour (what `RETENTION_PURGE_CRON` gives). */
export function nextRetentionPurgeAt(now: Date): Date {
  return new Date((Math.floor(now.getTime() / HOUR_MS) + 1) * HOUR_MS);
}
