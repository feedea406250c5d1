import { describe, expect, it } from "vitest";

import { DEFAULT_SHOP_SETTINGS, type ShopSettings } from "~/modules/settings/shop-settings-schema";

import type { OrderEvent } from "./order-event";
import { planReviewRequests } from "./plan-review-requests";
import { shipmentFromFulfillmentEvent } from "./shipment-from-fulfillment-event";
import { shipmentFromOrderEvent } from "./shipment-from-order-event";

const fulfilledAt = new Date("2026-11-20T10:00:00Z");
const product = (n: number) => `gid://shopify/Product/73400000000001${String(n).padStart(2, "0")}`;

function order(overrides: Partial<OrderEvent> = {}): OrderEvent {
  return {
    orderId: "gid://shopify/Order/7340000000000000401",
    customerRef: "c".repeat(64),
    emailRef: "e".repeat(64),
    hasCustomer: true,
    test: false,
    sourceName: "web",
    tags: [],
    cancelledAt: null,
    fulfillmentStatus: "fulfilled",
    processedAt: "2026-11-18T10:00:00Z",
    lineItems: [1, 2, 3].map((n) => ({
      lineItemId: `gid://shopify/LineItem/${n}`,
      productId: product(n),
      quantity: 1,
      fulfillmentStatus: "fulfilled",
      giftCard: false,
    })),
    ...overrides,
  };
}

const settings = (overrides: Partial<ShopSettings> = {}): ShopSettings => ({ ...DEFAULT_SHOP_SETTINGS, ...overrides });

describe("planReviewRequests", () => {
  it("schedules one request per order, delayDays after fulfilment", () => {
    expect(planReviewRequests(shipmentFromOrderEvent(order()), settings({ delayDays: 7 }), fulfilledAt)).toEqual({
      kind: "schedule",
      requests: [{ groupKey: "order", productIds: [product(1), product(2), product(3)], dueAt: new Date("2026-11-27T10:00:00Z") }],
    });
  });

  it("asks only about what shipped, once per product, never about gift cards or custom items", () => {
    const plan = planReviewRequests(shipmentFromOrderEvent(
      order({
        lineItems: [
          { lineItemId: "a", productId: product(1), quantity: 2, fulfillmentStatus: "fulfilled", giftCard: false },
          { lineItemId: "b", productId: product(1), quantity: 1, fulfillmentStatus: "fulfilled", giftCard: false },
          { lineItemId: "c", productId: product(2), quantity: 1, fulfillmentStatus: null, giftCard: false },
          { lineItemId: "d", productId: product(3), quantity: 1, fulfillmentStatus: "fulfilled", giftCard: true },
          { lineItemId: "e", productId: null, quantity: 1, fulfillmentStatus: "fulfilled", giftCard: false },
        ],
      })),
      settings(),
      fulfilledAt,
    );
    expect(plan).toMatchObject({ kind: "schedule", requests: [{ productIds: [product(1)] }] });
  });

  it("splits per product and caps the products listed per email", () => {
    const perProduct = planReviewRequests(shipmentFromOrderEvent(order()), settings({ grouping: "per_product" }), fulfilledAt);
    expect(perProduct.kind === "schedule" && perProduct.requests.map((request) => request.groupKey)).toEqual([product(1), product(2), product(3)]);
    const capped = planReviewRequests(shipmentFromOrderEvent(order()), settings({ maxProductsPerEmail: 2 }), fulfilledAt);
    expect(capped.kind === "schedule" && capped.requests[0]?.productIds).toEqual([product(1), product(2)]);
  });

  it("waits for delivery up to the fallback when the trigger is delivery", () => {
    const plan = planReviewRequests(shipmentFromOrderEvent(order()), settings({ trigger: "delivered", delayDays: 3, deliveryFallbackDays: 14 }), fulfilledAt);
    expect(plan.kind === "schedule" && plan.requests[0]?.dueAt).toEqual(new Date("2026-12-04T10:00:00Z"));
  });

  it.each([
    ["test_order", order({ test: true }), settings()],
    ["cancelled_order", order({ cancelledAt: "2026-11-19T00:00:00Z" }), settings()],
    ["point_of_sale_order", order({ sourceName: "pos" }), settings({ skipPointOfSaleOrders: true })],
    ["no_customer_contact", order({ customerRef: null, emailRef: null, hasCustomer: false }), settings()],
    ["nothing_fulfilled", order({ lineItems: [] }), settings()],
    ["all_products_excluded", order(), settings({ excludedProductIds: [product(1), product(2), product(3)] })],
  ])("skips with reason %s", (reason, event, shopSettings) => {
    expect(planReviewRequests(shipmentFromOrderEvent(event), shopSettings, fulfilledAt)).toEqual({ kind: "skip", reason });
  });

  it("asks point-of-sale orders unless the shop opts out", () => {
    expect(planReviewRequests(shipmentFromOrderEvent(order({ sourceName: "pos" })), settings(), fulfilledAt).kind).toBe("schedule");
  });

  it("never asks twice about a product this order or customer was already asked about", () => {
    const plan = planReviewRequests(shipmentFromOrderEvent(order()), settings(), fulfilledAt, new Set([product(1), product(3)]));
    expect(plan).toMatchObject({ kind: "schedule", requests: [{ groupKey: "order", productIds: [product(2)] }] });
    expect(planReviewRequests(shipmentFromOrderEvent(order()), settings(), fulfilledAt, new Set([product(1), product(2), product(3)]))).toEqual({
      kind: "skip",
      reason: "already_requested",
    });
  });

  describe("a partial shipment (fulfillments/create)", () => {
    const fulfillment = (status: string) => ({
      fulfillmentId: "gid://shopify/Fulfillment/55",
      orderId: "gid://shopify/Order/7340000000000000401",
      status,
      shipmentStatus: null,
      createdAt: "2026-11-20T10:00:00Z",
      emailRef: "e".repeat(64),
      lineItems: [
        { lineItemId: "gid://shopify/LineItem/1", productId: product(2), quantity: 1, giftCard: false },
        { lineItemId: "gid://shopify/LineItem/2", productId: null, quantity: 1, giftCard: false },
        { lineItemId: "gid://shopify/LineItem/3", productId: product(3), quantity: 1, giftCard: true },
      ],
    });

    it("asks only about what this shipment carried, grouped under the fulfilment", () => {
      const shipment = shipmentFromFulfillmentEvent(fulfillment("success"));
      expect(shipment).not.toBeNull();
      expect(planReviewRequests(shipment!, settings(), fulfilledAt)).toMatchObject({
        kind: "schedule",
        requests: [{ groupKey: "gid://shopify/Fulfillment/55", productIds: [product(2)] }],
      });
    });

    it("ignores fulfilments that did not succeed", () => {
      expect(shipmentFromFulfillmentEvent(fulfillment("cancelled"))).toBeNull();
      expect(shipmentFromFulfillmentEvent(fulfillment("pending"))).toBeNull();
    });
  });
});
