import { z } from "zod";

import { computeBlindIndex } from "~/modules/crypto/compute-blind-index.server";

import type { WebhookTopic } from "./webhook-topics";

/**
 * The projection of a webhook payload that Candor keeps: Shopify identifiers, flags and
 * keyed blind indexes. Names, emails, phones, addresses and amounts never leave this
 * function. Unknown fields are dropped by the schemas (zod strips them).
 */
export type MinimisedWebhookEvent = Record<string, unknown>;

const numericId = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);
const nullableString = z.string().nullish().transform((value) => value ?? null);

const gidFor = (resource: string) => (id: string) => `gid://shopify/${resource}/${id}`;

const customerIdentity = z
  .object({ id: numericId.nullish(), admin_graphql_api_id: z.string().nullish(), email: z.string().nullish() })
  .nullish();

const orderLineItem = z.object({
  id: numericId,
  admin_graphql_api_id: z.string().nullish(),
  product_id: numericId.nullish(),
  variant_id: numericId.nullish(),
  quantity: z.number().int(),
  fulfillment_status: nullableString,
  gift_card: z.boolean().nullish(),
});

const orderPayload = z.object({
  id: numericId,
  admin_graphql_api_id: z.string().nullish(),
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  customer: customerIdentity,
  test: z.boolean().nullish(),
  source_name: nullableString,
  tags: z.string().nullish(),
  cancelled_at: nullableString,
  fulfillment_status: nullableString,
  financial_status: nullableString,
  customer_locale: nullableString,
  processed_at: nullableString,
  line_items: z.array(orderLineItem).default([]),
});

const fulfillmentPayload = z.object({
  id: numericId,
  admin_graphql_api_id: z.string().nullish(),
  order_id: numericId,
  status: nullableString,
  shipment_status: nullableString,
  created_at: nullableString,
  email: z.string().nullish(),
  line_items: z
    .array(
      z.object({
        id: numericId,
        admin_graphql_api_id: z.string().nullish(),
        product_id: numericId.nullish(),
        quantity: z.number().int(),
        gift_card: z.boolean().nullish(),
      }),
    )
    .default([]),
});

const fulfillmentEventPayload = z.object({
  id: numericId,
  fulfillment_id: numericId,
  order_id: numericId,
  status: nullableString,
  happened_at: nullableString,
});

const refundPayload = z.object({
  id: numericId,
  admin_graphql_api_id: z.string().nullish(),
  order_id: numericId,
  refund_line_items: z
    .array(
      z.object({
        line_item_id: numericId,
        quantity: z.number().int(),
        line_item: z.object({ product_id: numericId.nullish(), quantity: z.number().int() }).nullish(),
      }),
    )
    .default([]),
});

const consentPayload = z.object({
  customer_id: numericId,
  email_address: z.string().nullish(),
  email_marketing_consent: z
    .object({ state: nullableString, opt_in_level: nullableString, consent_updated_at: nullableString })
    .nullish(),
});

const complianceCustomerPayload = z.object({
  shop_domain: z.string(),
  customer: z.object({ id: numericId, email: z.string().nullish(), phone: z.string().nullish() }),
  orders_to_redact: z.array(numericId).nullish(),
  orders_requested: z.array(numericId).nullish(),
  data_request: z.object({ id: numericId }).nullish(),
});

const scopesUpdatePayload = z.object({ current: z.array(z.string()).default([]) });

const shopRedactPayload = z.object({ shop_domain: z.string() });

export class WebhookPayloadError extends Error {}

export interface MinimiseContext {
  shopId: string;
  blindIndexKey: Buffer;
}

function refs(context: MinimiseContext, customerId: string | null, email: string | null | undefined) {
  return {
    customerRef: customerId ? computeBlindIndex(context.blindIndexKey, context.shopId, "customer", customerId) : null,
    emailRef: email ? computeBlindIndex(context.blindIndexKey, context.shopId, "email", email) : null,
  };
}

function parse<Schema extends z.ZodType>(schema: Schema, payload: unknown, topic: string): z.output<Schema> {
  const result = schema.safeParse(payload);
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((issue) => issue.path.join(".") || "(root)"))].slice(0, 5);
    throw new WebhookPayloadError(`Payload does not match topic ${topic}: check ${fields.join(", ")}`);
  }
  return result.data;
}

const customerGidOf = (customer: z.output<typeof customerIdentity>) =>
  customer?.admin_graphql_api_id ?? (customer?.id ? gidFor("Customer")(customer.id) : null);

export function minimiseWebhookEvent(
  topic: WebhookTopic,
  payload: unknown,
  context: MinimiseContext,
): MinimisedWebhookEvent {
  switch (topic) {
    case "ORDERS_FULFILLED":
    case "ORDERS_CANCELLED": {
      const order = parse(orderPayload, payload, topic);
      const customerId = customerGidOf(order.customer);
      return {
        orderId: order.admin_graphql_api_id ?? gidFor("Order")(order.id),
        ...refs(context, customerId, order.customer?.email ?? order.email ?? order.contact_email),
        hasCustomer: customerId !== null,
        test: order.test ?? false,
        sourceName: order.source_name,
        tags: (order.tags ?? "").split(",").map((tag) => tag.trim()).filter(Boolean),
        cancelledAt: order.cancelled_at,
        fulfillmentStatus: order.fulfillment_status,
        financialStatus: order.financial_status,
        customerLocale: order.customer_locale,
        processedAt: order.processed_at,
        lineItems: order.line_items.map((item) => ({
          lineItemId: item.admin_graphql_api_id ?? gidFor("LineItem")(item.id),
          productId: item.product_id ? gidFor("Product")(item.product_id) : null,
          variantId: item.variant_id ? gidFor("ProductVariant")(item.variant_id) : null,
          quantity: item.quantity,
          fulfillmentStatus: item.fulfillment_status,
          giftCard: item.gift_card ?? false,
        })),
      };
    }
    case "FULFILLMENTS_CREATE":
    case "FULFILLMENTS_UPDATE": {
      const fulfillment = parse(fulfillmentPayload, payload, topic);
      return {
        fulfillmentId: fulfillment.admin_graphql_api_id ?? gidFor("Fulfillment")(fulfillment.id),
        orderId: gidFor("Order")(fulfillment.order_id),
        status: fulfillment.status,
        shipmentStatus: fulfillment.shipment_status,
        createdAt: fulfillment.created_at,
        // The order's email, as a blind index: a partial shipment is requested before the
        // order (which names the customer) is complete; the customer is resolved at send time.
        emailRef: refs(context, null, fulfillment.email).emailRef,
        lineItems: fulfillment.line_items.map((item) => ({
          lineItemId: item.admin_graphql_api_id ?? gidFor("LineItem")(item.id),
          productId: item.product_id ? gidFor("Product")(item.product_id) : null,
          quantity: item.quantity,
          giftCard: item.gift_card ?? false,
        })),
      };
    }
    case "FULFILLMENT_EVENTS_CREATE": {
      const event = parse(fulfillmentEventPayload, payload, topic);
      return {
        fulfillmentId: gidFor("Fulfillment")(event.fulfillment_id),
        orderId: gidFor("Order")(event.order_id),
        status: event.status,
        happenedAt: event.happened_at,
      };
    }
    case "REFUNDS_CREATE": {
      const refund = parse(refundPayload, payload, topic);
      return {
        refundId: refund.admin_graphql_api_id ?? gidFor("Refund")(refund.id),
        orderId: gidFor("Order")(refund.order_id),
        refundLineItems: refund.refund_line_items.map((item) => ({
          lineItemId: gidFor("LineItem")(item.line_item_id),
          quantity: item.quantity,
          productId: item.line_item?.product_id ? gidFor("Product")(item.line_item.product_id) : null,
          lineItemQuantity: item.line_item?.quantity ?? null,
        })),
      };
    }
    case "CUSTOMERS_EMAIL_MARKETING_CONSENT_UPDATE": {
      const consent = parse(consentPayload, payload, topic);
      return {
        ...refs(context, gidFor("Customer")(consent.customer_id), consent.email_address),
        state: consent.email_marketing_consent?.state?.toUpperCase() ?? null,
        optInLevel: consent.email_marketing_consent?.opt_in_level?.toUpperCase() ?? null,
        consentUpdatedAt: consent.email_marketing_consent?.consent_updated_at ?? null,
      };
    }
    case "CUSTOMERS_DATA_REQUEST":
    case "CUSTOMERS_REDACT": {
      const request = parse(complianceCustomerPayload, payload, topic);
      const orders = request.orders_to_redact ?? request.orders_requested ?? [];
      return {
        ...refs(context, gidFor("Customer")(request.customer.id), request.customer.email),
        orderIds: orders.map(gidFor("Order")),
        dataRequestId: request.data_request?.id ?? null,
      };
    }
    case "SHOP_REDACT":
      parse(shopRedactPayload, payload, topic);
      return {};
    case "APP_SCOPES_UPDATE":
      return { scopes: parse(scopesUpdatePayload, payload, topic).current };
    case "APP_UNINSTALLED":
      return {};
  }
}
