import { reviewEmailJobId, sendReviewReminderJob, sendReviewRequestJob } from "~/jobs/definitions";
import { getLogger } from "~/modules/observability/logger.server";
import { getJobProducer } from "~/modules/queue/get-job-producer.server";

/**
 * Takes the queued sends and reminders of cancelled requests out of Redis. Best effort: the
 * database already says "cancelled", and the send handler re-checks it, so a job that could
 * not be removed (Redis down) runs later and does nothing.
 */
export async function removePendingReviewJobs(shopId: string, reviewRequestIds: string[]): Promise<number> {
  if (reviewRequestIds.length === 0) return 0;
  const producer = getJobProducer();
  try {
    const [requests, reminders] = await Promise.all([
      producer.remove(sendReviewRequestJob, reviewRequestIds.map((id) => reviewEmailJobId("request", id))),
      producer.remove(sendReviewReminderJob, reviewRequestIds.map((id) => reviewEmailJobId("reminder", id))),
    ]);
    return requests + reminders;
  } catch (error) {
    getLogger().warn({ shop: shopId, count: reviewRequestIds.length, reason: (error as Error).message }, "queued review jobs not removed; their handlers will skip them");
    return 0;
  }
}
