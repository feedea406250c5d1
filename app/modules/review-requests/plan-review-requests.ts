import type { ShopSettings } from "~/modules/settings/shop-settings-schema";

import type { Shipment } from "./shipment";

export type SkipReason =
  | "test_order"
  | "cancelled_order"
  | "point_of_sale_order"
  | "no_customer_contact"
  | "nothing_fulfilled"
  | "all_products_excluded"
  | "already_requested"
  | "suppressed";

export interface PlannedReviewRequest {
  /** "order", the fulfilment GID (partial shipment), or the product GID when asking once per product. */
  groupKey: string;
  productIds: string[];
  dueAt: Date;
}

export type ReviewRequestPlan = { kind: "skip"; reason: SkipReason } | { kind: "schedule"; requests: PlannedReviewRequest[] };

const DAY_MS = 24 * 3_600_000;

/**
 * Decides, from a shipment and the shop's settings alone, which review requests to schedule
 * and when. `alreadyRequested` holds products this order or this customer was already asked
 * about. Checks that need Shopify (consent, tags, refunds) happen at send time, where they
 * are current.
 */
export function planReviewRequests(
  shipment: Shipment,
  settings: ShopSettings,
  fulfilledAt: Date,
  alreadyRequested: ReadonlySet<string> = new Set(),
): ReviewRequestPlan {
  if (shipment.test) return { kind: "skip", reason: "test_order" };
  if (shipment.cancelled) return { kind: "skip", reason: "cancelled_order" };
  if (settings.skipPointOfSaleOrders && shipment.sourceName === "pos") return { kind: "skip", reason: "point_of_sale_order" };
  if (!shipment.customerRef && !shipment.emailRef) return { kind: "skip", reason: "no_customer_contact" };
  if (shipment.productIds.length === 0) return { kind: "skip", reason: "nothing_fulfilled" };

  const excluded = new Set(settings.excludedProductIds);
  const wanted = shipment.productIds.filter((id) => !excluded.has(id));
  if (wanted.length === 0) return { kind: "skip", reason: "all_products_excluded" };
  const productIds = wanted.filter((id) => !alreadyRequested.has(id));
  if (productIds.length === 0) return { kind: "skip", reason: "already_requested" };

  // With the delivery trigger, this is the fallback date; a delivery event brings it forward.
  const waitDays = settings.trigger === "fulfilled" ? settings.delayDays : Math.max(settings.deliveryFallbackDays, settings.delayDays);
  const dueAt = new Date(fulfilledAt.getTime() + waitDays * DAY_MS);

  if (settings.grouping === "per_product") {
    return { kind: "schedule", requests: productIds.map((productId) => ({ groupKey: productId, productIds: [productId], dueAt })) };
  }
  return {
    kind: "schedule",
    requests: [{ groupKey: shipment.shipmentKey, productIds: productIds.slice(0, settings.maxProductsPerEmail), dueAt }],
  };
}
