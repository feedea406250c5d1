import { getDb } from "~/db.server";
import { getShopSettings } from "~/modules/settings/get-shop-settings.server";

const DAY_MS = 24 * 3_600_000;

/**
 * `fulfillment_events/create` with status `delivered`: for shops that ask after delivery,
 * the order's pending requests become due `delayDays` after delivery — earlier than the
 * fallback date they were scheduled on, never later. Safe to repeat.
 */
export async function rescheduleOnDelivery(shopId: string, orderId: string, deliveredAt: Date): Promise<number> {
  const settings = await getShopSettings(shopId);
  if (settings.trigger !== "delivered") return 0;
  const dueAt = new Date(deliveredAt.getTime() + settings.delayDays * DAY_MS);
  const { count } = await getDb().reviewRequest.updateMany({
    where: { shopId, orderId, status: "scheduled", dueAt: { gt: dueAt } },
    data: { dueAt },
  });
  return count;
}
