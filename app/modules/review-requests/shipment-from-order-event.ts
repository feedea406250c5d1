import type { OrderEvent } from "./order-event";
import type { Shipment } from "./shipment";

/** `orders/fulfilled`: every line that is fulfilled, once per product. */
export function shipmentFromOrderEvent(order: OrderEvent): Shipment {
  const shipped = order.lineItems.filter((item) => item.fulfillmentStatus === "fulfilled" && item.productId !== null && !item.giftCard);
  return {
    orderId: order.orderId,
    shipmentKey: "order",
    customerRef: order.customerRef,
    emailRef: order.emailRef,
    test: order.test,
    sourceName: order.sourceName,
    cancelled: order.cancelledAt !== null,
    orderPlacedAt: order.processedAt && !Number.isNaN(Date.parse(order.processedAt)) ? new Date(order.processedAt) : null,
    productIds: [...new Set(shipped.map((item) => item.productId as string))],
  };
}
