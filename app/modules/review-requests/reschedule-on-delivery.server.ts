import { getDb } from "~/db.server";
import { reviewEmailJobId, sendReviewRequestJob } from "~/jobs/definitions";
import { getLogger } from "~/modules/observability/logger.server";
import { getJobProducer } from "~/modules/queue/get-job-producer.server";
import { getCachedShopSettings } from "~/modules/settings/get-cached-shop-settings.server";

const DAY_MS = 24 * 3_600_000;

/**
 * A delivery (`fulfillment_events/create` with status `delivered`, or a fulfilment whose
 * shipment status became `delivered`): for shops that ask after delivery, the order's pending
 * requests become due `delayDays` after delivery — earlier than the fallback date they were
 * scheduled on, never later. Their delayed jobs are moved too. Safe to repeat.
 */
export async function rescheduleOnDelivery(shopId: string, orderId: string, deliveredAt: Date): Promise<number> {
  const settings = await getCachedShopSettings(shopId);
  if (settings.trigger !== "delivered") return 0;
  const dueAt = new Date(deliveredAt.getTime() + settings.delayDays * DAY_MS);
  const db = getDb();
  const affected = await db.reviewRequest.findMany({
    where: { shopId, orderId, status: "scheduled", dueAt: { gt: dueAt } },
    select: { id: true },
  });
  if (affected.length === 0) return 0;
  const jobIds = affected.map((row) => reviewEmailJobId("request", row.id));
  const [{ count }] = await db.$transaction([
    db.reviewRequest.updateMany({ where: { shopId, id: { in: affected.map((row) => row.id) }, status: "scheduled" }, data: { dueAt } }),
    // Messages not relayed yet are enqueued with the new time by whoever relays them.
    db.outboxMessage.updateMany({ where: { shopId, id: { in: jobIds }, relayedAt: null }, data: { availableAt: dueAt } }),
  ]);

  const producer = getJobProducer();
  for (const jobId of jobIds) {
    try {
      await producer.reschedule(sendReviewRequestJob, jobId, dueAt);
    } catch (error) {
      // The job then runs at the fallback time: later than wished, never lost.
      getLogger().warn({ shop: shopId, jobId, reason: (error as Error).message }, "delayed send not moved forward");
    }
  }
  return count;
}
