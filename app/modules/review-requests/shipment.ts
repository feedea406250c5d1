/**
 * What was shipped to one customer, from either an order or a single fulfilment: the input
 * of planning. Fields the event does not carry are null and re-checked at send time.
 */
export interface Shipment {
  orderId: string;
  /** "order" when the whole order shipped, or the fulfilment GID of a partial shipment. */
  shipmentKey: string;
  customerRef: string | null;
  emailRef: string | null;
  /** null: unknown from this event (a fulfilment); checked against the order at send time. */
  test: boolean | null;
  sourceName: string | null;
  cancelled: boolean;
  /** When the order was placed (null when the event does not say). */
  orderPlacedAt: Date | null;
  /** Shipped products, in line order, without duplicates, gift cards or custom items. */
  productIds: string[];
}
