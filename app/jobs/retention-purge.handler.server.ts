import type { JobPayload } from "~/modules/queue/define-job";
import { purgeExpiredData } from "~/modules/retention/purge-expired-data.server";
import { queueShopPurges } from "~/modules/retention/queue-shop-purges.server";

import type { planRetentionPurgeJob, purgeExpiredDataJob } from "./definitions";
import type { JobContext } from "./job-context";

/** The hourly schedule's job: one purge job per shop. */
export async function planRetentionPurge(_payload: JobPayload<typeof planRetentionPurgeJob>, context: JobContext) {
  const shops = await queueShopPurges();
  context.logger.info({ shops }, "retention purges queued");
  return { shops };
}

/** One shop's purge; an interrupted run is carried on by the retry or the next hour's job. */
export async function purgeShopData(payload: JobPayload<typeof purgeExpiredDataJob>) {
  const result = await purgeExpiredData(payload.shop);
  return { runId: result.runId, counts: result.counts };
}
