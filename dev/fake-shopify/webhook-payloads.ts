/**
 * Webhook bodies shaped like Shopify's (REST JSON, API 2026-04; compare
 * tests/fixtures/shopify-webhooks), built from the fake's records and serialized
 * with every digit of the 64-bit ids intact.
 */
import { randomInt } from "node:crypto";

import { toGid } from "./ids";
import { stringifyRawJson, type RawJsonValue } from "./raw-json";
import {
  moneySet,
  orderTotal,
  restAddress,
  restCustomer,
  restFulfillment,
  restLineItem,
  restOrderFulfillmentStatus,
} from "./rest-shapes";
import type { FakeCustomer, FakeFulfillment, FakeOrder, FakeShopSeed } from "./types";

type RestObject = { [key: string]: RawJsonValue };

export const SUPPORTED_WEBHOOK_TOPICS = [
  "orders/fulfilled",
  "orders/cancelled",
  "orders/updated",
  "fulfillments/create",
  "fulfillments/update",
  "fulfillment_events/create",
  "customers/data_request",
  "customers/redact",
  "shop/redact",
  "app/uninstalled",
  "customers_email_marketing_consent/update",
] as const;
export type SupportedWebhookTopic = (typeof SUPPORTED_WEBHOOK_TOPICS)[number];

function findOrder(shop: FakeShopSeed, orderId: string): FakeOrder {
  const order = shop.orders.find((candidate) => candidate.id === orderId);
  if (!order) throw new Error(`No order ${orderId} in ${shop.domain}`);
  return order;
}

function findCustomer(shop: FakeShopSeed, customerId: string): FakeCustomer {
  const customer = shop.customers.find((candidate) => candidate.id === customerId);
  if (!customer) throw new Error(`No customer ${customerId} in ${shop.domain}`);
  return customer;
}

function lastFulfillment(order: FakeOrder): FakeFulfillment {
  const fulfillment = order.fulfillments.at(-1);
  if (!fulfillment) throw new Error(`Order ${order.name} has no fulfillment`);
  return fulfillment;
}

/** A fresh 64-bit id above 2^53, for records the fake does not keep (events, requests). */
export function randomShopifyId(): bigint {
  return 7_300_000_000_000_000_000n + BigInt(randomInt(0, 2 ** 47));
}

export function orderBody(shop: FakeShopSeed, order: FakeOrder): RestObject {
  const total = orderTotal(order);
  const currentTotal = order.cancelledAt ? "0.00" : total;
  const customer = shop.customers.find((candidate) => candidate.id === order.customerId);
  const zero = () => moneySet("0.00", order.currencyCode);
  return {
    id: BigInt(order.id),
    admin_graphql_api_id: toGid("Order", order.id),
    app_id: null,
    browser_ip: null,
    buyer_accepts_marketing: order.buyerAcceptsMarketing,
    cancel_reason: order.cancelReason?.toLowerCase() ?? null,
    cancelled_at: order.cancelledAt,
    cart_token: null,
    checkout_token: null,
    client_details: null,
    closed_at: order.displayFulfillmentStatus === "FULFILLED" ? order.fulfillments.at(-1)?.createdAt ?? null : null,
    confirmation_number: `CNF${order.number.toString().padStart(6, "0")}`,
    confirmed: true,
    contact_email: order.email,
    created_at: order.createdAt,
    currency: order.currencyCode,
    current_shipping_price_set: zero(),
    current_subtotal_price: currentTotal,
    current_subtotal_price_set: moneySet(currentTotal, order.currencyCode),
    current_total_additional_fees_set: null,
    current_total_discounts: "0.00",
    current_total_discounts_set: zero(),
    current_total_duties_set: null,
    current_total_price: currentTotal,
    current_total_price_set: moneySet(currentTotal, order.currencyCode),
    current_total_tax: "0.00",
    current_total_tax_set: zero(),
    customer_locale: order.customerLocale,
    device_id: null,
    discount_codes: [],
    duties_included: false,
    email: order.email ?? "",
    estimated_taxes: false,
    financial_status: order.displayFinancialStatus.toLowerCase(),
    fulfillment_status: restOrderFulfillmentStatus(order),
    landing_site: null,
    landing_site_ref: null,
    location_id: order.sourceName === "pos" ? 7_340_000_000_000_000_701n : null,
    merchant_business_entity_id: Buffer.from(shop.id).toString("base64url"),
    merchant_of_record_app_id: null,
    name: order.name,
    note: null,
    note_attributes: [],
    number: order.number,
    order_number: 1000 + order.number,
    original_total_additional_fees_set: null,
    original_total_duties_set: null,
    order_status_url: `https://${shop.domain}/${shop.id}/orders/${order.id}/authenticate?key=fake`,
    payment_gateway_names: order.sourceName === "pos" ? ["cash"] : ["bogus"],
    phone: order.phone,
    po_number: null,
    presentment_currency: order.currencyCode,
    processed_at: order.processedAt,
    reference: null,
    referring_site: null,
    source_identifier: null,
    source_name: order.sourceName,
    source_url: null,
    subtotal_price: total,
    subtotal_price_set: moneySet(total, order.currencyCode),
    tags: order.tags.join(", "),
    tax_exempt: false,
    tax_lines: [],
    taxes_included: false,
    test: order.test,
    token: `fake${order.id.slice(-8)}`,
    total_cash_rounding_payment_adjustment_set: zero(),
    total_cash_rounding_refund_adjustment_set: zero(),
    total_discounts: "0.00",
    total_discounts_set: zero(),
    total_line_items_price: total,
    total_line_items_price_set: moneySet(total, order.currencyCode),
    total_outstanding: "0.00",
    total_price: total,
    total_price_set: moneySet(total, order.currencyCode),
    total_shipping_price_set: zero(),
    total_tax: "0.00",
    total_tax_set: zero(),
    total_tip_received: "0.00",
    total_weight: order.lineItems.reduce((sum, item) => sum + item.grams * item.quantity, 0),
    updated_at: order.cancelledAt ?? order.fulfillments.at(-1)?.createdAt ?? order.processedAt,
    user_id: null,
    billing_address: restAddress(order.billingAddress),
    customer: restCustomer(customer, order.currencyCode),
    discount_applications: [],
    fulfillments: order.fulfillments.map((fulfillment) => restFulfillment(shop, order, fulfillment)),
    line_items: order.lineItems.map((item) => restLineItem(shop, order, item)),
    payment_terms: null,
    refunds: [],
    shipping_address: restAddress(order.shippingAddress),
    shipping_lines: [],
    returns: [],
    line_item_groups: [],
  };
}

export function fulfillmentEventBody(shop: FakeShopSeed, order: FakeOrder, fulfillment: FakeFulfillment, status = "delivered"): RestObject {
  const id = randomShopifyId();
  const now = new Date().toISOString();
  return {
    id,
    fulfillment_id: BigInt(fulfillment.id),
    status,
    message: status === "delivered" ? "Delivered" : null,
    happened_at: now,
    city: order.shippingAddress?.city ?? null,
    province: order.shippingAddress?.province ?? null,
    country: order.shippingAddress?.countryCode ?? null,
    zip: order.shippingAddress?.zip ?? null,
    address1: null,
    latitude: null,
    longitude: null,
    shop_id: BigInt(shop.id),
    created_at: now,
    updated_at: now,
    estimated_delivery_at: null,
    order_id: BigInt(order.id),
    admin_graphql_api_id: toGid("FulfillmentEvent", id.toString()),
  };
}

function customerOrderIds(shop: FakeShopSeed, customer: FakeCustomer): bigint[] {
  return shop.orders.filter((order) => order.customerId === customer.id).map((order) => BigInt(order.id));
}

export function customersRedactBody(shop: FakeShopSeed, customer: FakeCustomer): RestObject {
  return {
    shop_id: BigInt(shop.id),
    shop_domain: shop.domain,
    customer: { id: BigInt(customer.id), email: customer.email, phone: customer.phone },
    orders_to_redact: customerOrderIds(shop, customer),
  };
}

export function customersDataRequestBody(shop: FakeShopSeed, customer: FakeCustomer, dataRequestId = randomShopifyId()): RestObject {
  return {
    shop_id: BigInt(shop.id),
    shop_domain: shop.domain,
    customer: { id: BigInt(customer.id), email: customer.email, phone: customer.phone },
    orders_requested: customerOrderIds(shop, customer),
    data_request: { id: dataRequestId },
  };
}

export function shopRedactBody(shop: FakeShopSeed): RestObject {
  return { shop_id: BigInt(shop.id), shop_domain: shop.domain };
}

export function appUninstalledBody(shop: FakeShopSeed): RestObject {
  const money = shop.currencyCode === "USD" ? "${{amount}}" : `{{amount}} ${shop.currencyCode}`;
  return {
    id: BigInt(shop.id),
    name: shop.name,
    email: shop.email,
    domain: shop.domain,
    province: null,
    country: shop.countryCode,
    address1: null,
    zip: null,
    city: null,
    source: null,
    phone: null,
    latitude: null,
    longitude: null,
    primary_locale: shop.primaryLocale,
    address2: null,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: new Date().toISOString(),
    country_code: shop.countryCode,
    country_name: shop.countryCode,
    currency: shop.currencyCode,
    customer_email: shop.contactEmail,
    timezone: `(GMT+00:00) ${shop.ianaTimezone}`,
    iana_timezone: shop.ianaTimezone,
    shop_owner: shop.shopOwnerName,
    money_format: money,
    money_with_currency_format: `${money} ${shop.currencyCode}`,
    weight_unit: "kg",
    province_code: null,
    taxes_included: false,
    auto_configure_tax_inclusivity: null,
    tax_shipping: null,
    county_taxes: true,
    plan_display_name: shop.planDisplayName,
    plan_name: "partner_test",
    has_discounts: false,
    has_gift_cards: false,
    myshopify_domain: shop.domain,
    google_apps_domain: null,
    google_apps_login_enabled: null,
    money_in_emails_format: money,
    money_with_currency_in_emails_format: `${money} ${shop.currencyCode}`,
    eligible_for_payments: true,
    requires_extra_payments_agreement: false,
    password_enabled: true,
    has_storefront: true,
    finances: true,
    primary_location_id: 7_340_000_000_000_000_701n,
    checkout_api_supported: true,
    multi_location_enabled: true,
    setup_required: false,
    pre_launch_enabled: false,
    enabled_presentment_currencies: [shop.currencyCode],
    marketing_sms_consent_enabled_at_checkout: false,
    transactional_sms_disabled: false,
  };
}

export function emailConsentUpdateBody(customer: FakeCustomer): RestObject {
  return {
    customer_id: BigInt(customer.id),
    email_address: customer.email,
    email_marketing_consent: {
      state: customer.marketingState.toLowerCase(),
      opt_in_level: customer.marketingOptInLevel?.toLowerCase() ?? null,
      consent_updated_at: customer.marketingUpdatedAt,
    },
  };
}

export interface WebhookSubject {
  /** For order and fulfillment topics. */
  orderId?: string;
  /** For customer topics. */
  customerId?: string;
  /** For fulfillment_events/create; "delivered" by default. */
  eventStatus?: string;
}

/** The raw JSON text Shopify would POST for `topic`, ids written with all their digits. */
export function buildWebhookBody(topic: SupportedWebhookTopic, shop: FakeShopSeed, subject: WebhookSubject = {}): string {
  const order = () => findOrder(shop, required(subject.orderId, "orderId", topic));
  const customer = () => findCustomer(shop, required(subject.customerId, "customerId", topic));
  switch (topic) {
    case "orders/fulfilled":
    case "orders/cancelled":
    case "orders/updated":
      return stringifyRawJson(orderBody(shop, order()));
    case "fulfillments/create":
    case "fulfillments/update": {
      const target = order();
      return stringifyRawJson(restFulfillment(shop, target, lastFulfillment(target)));
    }
    case "fulfillment_events/create": {
      const target = order();
      return stringifyRawJson(fulfillmentEventBody(shop, target, lastFulfillment(target), subject.eventStatus));
    }
    case "customers/data_request":
      return stringifyRawJson(customersDataRequestBody(shop, customer()));
    case "customers/redact":
      return stringifyRawJson(customersRedactBody(shop, customer()));
    case "customers_email_marketing_consent/update":
      return stringifyRawJson(emailConsentUpdateBody(customer()));
    case "shop/redact":
      return stringifyRawJson(shopRedactBody(shop));
    case "app/uninstalled":
      return stringifyRawJson(appUninstalledBody(shop));
  }
}

function required(value: string | undefined, name: string, topic: string): string {
  if (!value) throw new Error(`${topic} needs ${name}`);
  return value;
}

/** The most common case, spelled out: the body of `orders/fulfilled` for one order. */
export function buildOrdersFulfilledBody(shop: FakeShopSeed, orderId: string): string {
  return buildWebhookBody("orders/fulfilled", shop, { orderId });
}
