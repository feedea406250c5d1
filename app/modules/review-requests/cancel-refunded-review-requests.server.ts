import { getDb } from "~/db.server";

import { cancelOrderReviewRequests } from "./cancel-order-review-requests.server";
import type { RefundEvent } from "./order-event";

/**
 * `refunds/create`: a pending request is cancelled when this refund returns every product it
 * asks about in full. Partial refunds leave it; the send-time check against the order's
 * current quantities drops what was refunded by then.
 */
export async function cancelRefundedReviewRequests(shopId: string, refund: RefundEvent): Promise<number> {
  const fullyRefunded = new Set(
    refund.refundLineItems
      .filter((item) => item.productId !== null && item.lineItemQuantity !== null && item.quantity >= item.lineItemQuantity)
      .map((item) => item.productId as string),
  );
  if (fullyRefunded.size === 0) return 0;
  const pending = await getDb().reviewRequest.findMany({
    where: { shopId, orderId: refund.orderId, status: "scheduled" },
    select: { id: true, productIds: true },
  });
  const refunded = pending.filter((request) => (JSON.parse(request.productIds) as string[]).every((id) => fullyRefunded.has(id)));
  if (refunded.length === 0) return 0;
  return cancelOrderReviewRequests(shopId, refund.orderId, "order_refunded", refunded.map((request) => request.id));
}
