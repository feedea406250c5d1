import { randomUUID } from "node:crypto";

import { getDb } from "~/db.server";
import { getShopSettings } from "~/modules/settings/get-shop-settings.server";

import type { OrderEvent } from "./order-event";
import { planReviewRequests, type SkipReason } from "./plan-review-requests";

/**
 * Records the review requests a fulfilled order calls for. Safe to run twice: a request is
 * unique per (shop, order, group), so a replayed or repeated event adds nothing.
 */
export async function scheduleReviewRequests(
  shopId: string,
  order: OrderEvent,
  fulfilledAt: Date,
): Promise<{ scheduled: number; skipped: SkipReason | null }> {
  const plan = planReviewRequests(order, await getShopSettings(shopId), fulfilledAt);
  if (plan.kind === "skip") return { scheduled: 0, skipped: plan.reason };

  const db = getDb();
  for (const request of plan.requests) {
    await db.reviewRequest.upsert({
      where: { shopId_orderId_groupKey: { shopId, orderId: order.orderId, groupKey: request.groupKey } },
      create: {
        id: randomUUID(),
        shopId,
        orderId: order.orderId,
        groupKey: request.groupKey,
        productIds: JSON.stringify(request.productIds),
        customerRef: order.customerRef,
        emailRef: order.emailRef,
        status: "scheduled",
        dueAt: request.dueAt,
      },
      update: {},
    });
  }
  return { scheduled: plan.requests.length, skipped: null };
}
