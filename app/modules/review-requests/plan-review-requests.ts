import type { ShopSettings } from "~/modules/settings/shop-settings-schema";

import type { OrderEvent } from "./order-event";

export type SkipReason =
  | "test_order"
  | "cancelled_order"
  | "point_of_sale_order"
  | "no_customer_contact"
  | "nothing_fulfilled"
  | "all_products_excluded";

export interface PlannedReviewRequest {
  /** "order", or the product GID when the shop asks once per product. */
  groupKey: string;
  productIds: string[];
  dueAt: Date;
}

export type ReviewRequestPlan = { kind: "skip"; reason: SkipReason } | { kind: "schedule"; requests: PlannedReviewRequest[] };

const DAY_MS = 24 * 3_600_000;

/**
 * Decides, from a fulfilled order's minimised event and the shop's settings alone, which
 * review requests to schedule and when. Checks that need Shopify or other records (consent,
 * suppression, caps, product tags, refunds) happen at send time, where they are current.
 */
export function planReviewRequests(order: OrderEvent, settings: ShopSettings, fulfilledAt: Date): ReviewRequestPlan {
  if (order.test) return { kind: "skip", reason: "test_order" };
  if (order.cancelledAt) return { kind: "skip", reason: "cancelled_order" };
  if (settings.skipPointOfSaleOrders && order.sourceName === "pos") return { kind: "skip", reason: "point_of_sale_order" };
  if (!order.customerRef && !order.emailRef) return { kind: "skip", reason: "no_customer_contact" };

  const shipped = order.lineItems.filter(
    (item) => item.fulfillmentStatus === "fulfilled" && item.productId !== null && !item.giftCard,
  );
  if (shipped.length === 0) return { kind: "skip", reason: "nothing_fulfilled" };

  const excluded = new Set(settings.excludedProductIds);
  const productIds = [...new Set(shipped.map((item) => item.productId as string))].filter((id) => !excluded.has(id));
  if (productIds.length === 0) return { kind: "skip", reason: "all_products_excluded" };

  // With the delivery trigger, this is the fallback date; a delivery event brings it forward.
  const waitDays = settings.trigger === "fulfilled" ? settings.delayDays : Math.max(settings.deliveryFallbackDays, settings.delayDays);
  const dueAt = new Date(fulfilledAt.getTime() + waitDays * DAY_MS);

  if (settings.grouping === "per_product") {
    return { kind: "schedule", requests: productIds.map((productId) => ({ groupKey: productId, productIds: [productId], dueAt })) };
  }
  return { kind: "schedule", requests: [{ groupKey: "order", productIds: productIds.slice(0, settings.maxProductsPerEmail), dueAt }] };
}
