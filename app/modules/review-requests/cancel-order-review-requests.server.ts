import { getDb } from "~/db.server";

export type CancellationReason = "order_cancelled";

/** Cancels every request of the order that has not been sent yet, recording why. Safe to repeat. */
export async function cancelOrderReviewRequests(shopId: string, orderId: string, reason: CancellationReason): Promise<number> {
  const { count } = await getDb().reviewRequest.updateMany({
    where: { shopId, orderId, status: "scheduled" },
    data: { status: "cancelled", statusReason: reason, cancelledAt: new Date() },
  });
  return count;
}
