import type { FulfillmentCreatedEvent } from "./order-event";
import type { Shipment } from "./shipment";

/**
 * `fulfillments/create|update`: a (possibly partial) shipment. Only a successful fulfilment
 * counts; the products are those of its lines. The customer is known by the email's blind
 * index only, and resolved against the order at send time.
 */
export function shipmentFromFulfillmentEvent(event: FulfillmentCreatedEvent): Shipment | null {
  if (event.status !== "success") return null;
  const lines = event.lineItems.filter((item) => item.productId !== null && !item.giftCard && item.quantity > 0);
  return {
    orderId: event.orderId,
    shipmentKey: event.fulfillmentId,
    customerRef: null,
    emailRef: event.emailRef,
    test: null,
    sourceName: null,
    cancelled: false,
    orderPlacedAt: null,
    productIds: [...new Set(lines.map((item) => item.productId as string))],
  };
}
