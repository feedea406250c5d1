import { getDb } from "~/db.server";

import { removePendingReviewJobs } from "./remove-pending-review-jobs.server";

export type CancellationReason = "order_cancelled" | "order_refunded";

/**
 * Cancels requests of the order that have not been sent yet (all of them, or only those
 * named), recording why, and takes their jobs out of the queue. Safe to repeat.
 */
export async function cancelOrderReviewRequests(
  shopId: string,
  orderId: string,
  reason: CancellationReason,
  onlyRequestIds?: string[],
): Promise<number> {
  const db = getDb();
  const where = { shopId, orderId, status: "scheduled", ...(onlyRequestIds ? { id: { in: onlyRequestIds } } : {}) };
  const pending = await db.reviewRequest.findMany({ where, select: { id: true } });
  if (pending.length === 0) return 0;
  const { count } = await db.reviewRequest.updateMany({
    where: { ...where, id: { in: pending.map((row) => row.id) } },
    data: { status: "cancelled", statusReason: reason, cancelledAt: new Date() },
  });
  await removePendingReviewJobs(shopId, pending.map((row) => row.id));
  return count;
}
