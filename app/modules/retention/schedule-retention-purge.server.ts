import { planRetentionPurgeJob } from "~/jobs/definitions";
import { jobNameFor } from "~/modules/queue/define-job";
import { getJobProducer } from "~/modules/queue/get-job-producer.server";
import { defaultJobOptions } from "~/modules/queue/job-producer.server";

import { RETENTION_PURGE_CRON, RETENTION_PURGE_SCHEDULER_ID } from "./retention-purge-schedule";

/**
 * Makes sure the hourly purge is scheduled in BullMQ. Idempotent: every worker calls it at
 * start, and there is still one schedule (upserted under a fixed id, in UTC).
 */
export async function scheduleRetentionPurge(): Promise<void> {
  await getJobProducer()
    .queue(planRetentionPurgeJob.queue)
    .upsertJobScheduler(
      RETENTION_PURGE_SCHEDULER_ID,
      { pattern: RETENTION_PURGE_CRON, tz: "UTC" },
      { name: jobNameFor(planRetentionPurgeJob), data: {}, opts: defaultJobOptions(planRetentionPurgeJob) },
    );
}
