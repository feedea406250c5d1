import { z } from "zod";

/** The stored, minimised `orders/fulfilled` / `orders/cancelled` event (see minimiseWebhookEvent). */
export const orderEventSchema = z.object({
  orderId: z.string(),
  customerRef: z.string().nullable(),
  emailRef: z.string().nullable(),
  hasCustomer: z.boolean(),
  test: z.boolean(),
  sourceName: z.string().nullable(),
  tags: z.array(z.string()),
  cancelledAt: z.string().nullable(),
  fulfillmentStatus: z.string().nullable(),
  processedAt: z.string().nullable(),
  lineItems: z.array(
    z.object({
      lineItemId: z.string(),
      productId: z.string().nullable(),
      quantity: z.number(),
      fulfillmentStatus: z.string().nullable(),
      giftCard: z.boolean(),
    }),
  ),
});

export type OrderEvent = z.output<typeof orderEventSchema>;

/** The stored, minimised `fulfillment_events/create` event. */
export const fulfillmentEventSchema = z.object({
  fulfillmentId: z.string(),
  orderId: z.string(),
  status: z.string().nullable(),
  happenedAt: z.string().nullable(),
});

/** The stored, minimised `fulfillments/create` / `fulfillments/update` event. */
export const fulfillmentCreatedEventSchema = z.object({
  fulfillmentId: z.string(),
  orderId: z.string(),
  status: z.string().nullable(),
  shipmentStatus: z.string().nullable(),
  createdAt: z.string().nullable(),
  emailRef: z.string().nullable().default(null),
  lineItems: z.array(
    z.object({
      lineItemId: z.string(),
      productId: z.string().nullable(),
      quantity: z.number(),
      giftCard: z.boolean().default(false),
    }),
  ),
});

export type FulfillmentCreatedEvent = z.output<typeof fulfillmentCreatedEventSchema>;

/** The stored, minimised `refunds/create` event. */
export const refundEventSchema = z.object({
  refundId: z.string(),
  orderId: z.string(),
  refundLineItems: z.array(
    z.object({
      lineItemId: z.string(),
      quantity: z.number(),
      productId: z.string().nullable().default(null),
      lineItemQuantity: z.number().nullable().default(null),
    }),
  ),
});

export type RefundEvent = z.output<typeof refundEventSchema>;
