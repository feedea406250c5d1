/**
 * REST Admin API shapes (as in webhook bodies, API 2026-04) of the fake's records.
 * Numeric ids are `bigint` so that stringifyRawJson writes every digit.
 */
import { toGid } from "./ids";
import type { RawJsonValue } from "./raw-json";
import type { FakeAddress, FakeCustomer, FakeFulfillment, FakeLineItem, FakeOrder, FakeShopSeed } from "./types";

type RestObject = { [key: string]: RawJsonValue };

export function restId(id: string | null): bigint | null {
  return id === null ? null : BigInt(id);
}

export function moneySet(amount: string, currency: string): RestObject {
  const money = { amount, currency_code: currency };
  return { shop_money: money, presentment_money: { ...money } };
}

export function restAddress(address: FakeAddress | null): RestObject | null {
  if (!address) return null;
  return {
    first_name: address.firstName,
    address1: address.address1,
    phone: address.phone,
    city: address.city,
    zip: address.zip,
    province: address.province,
    country: address.country,
    last_name: address.lastName,
    address2: address.address2,
    company: null,
    latitude: null,
    longitude: null,
    name: [address.firstName, address.lastName].filter(Boolean).join(" "),
    country_code: address.countryCode,
    province_code: address.provinceCode,
  };
}

export function restCustomer(customer: FakeCustomer | undefined, currency: string): RestObject | null {
  if (!customer) return null;
  const address = restAddress(customer.defaultAddress);
  return {
    id: BigInt(customer.id),
    email: customer.email,
    created_at: customer.createdAt,
    updated_at: customer.marketingUpdatedAt ?? customer.createdAt,
    first_name: customer.firstName,
    last_name: customer.lastName,
    state: "disabled",
    note: customer.note,
    verified_email: customer.email !== null,
    multipass_identifier: null,
    tax_exempt: false,
    phone: customer.phone,
    currency,
    tax_exemptions: [],
    admin_graphql_api_id: toGid("Customer", customer.id),
    default_address: address && {
      // Address ids are not modelled; derive a stable one that no demo record uses.
      id: BigInt(customer.id) + 1_000_000n,
      customer_id: BigInt(customer.id),
      ...address,
      country_name: customer.defaultAddress?.country ?? null,
      default: true,
    },
  };
}

export function restLineItem(shop: FakeShopSeed, order: FakeOrder, item: FakeLineItem): RestObject {
  const product = shop.products.find((candidate) => candidate.id === item.productId);
  const fulfilled = order.fulfillments.some((fulfillment) => fulfillment.status === "success" && fulfillment.lineItemIds.includes(item.id));
  return {
    id: BigInt(item.id),
    admin_graphql_api_id: toGid("LineItem", item.id),
    attributed_staffs: [],
    current_quantity: order.cancelledAt ? 0 : item.quantity,
    fulfillable_quantity: fulfilled || order.cancelledAt ? 0 : item.quantity,
    fulfillment_service: "manual",
    fulfillment_status: fulfilled ? "fulfilled" : null,
    gift_card: product?.productType === "Gift Card",
    grams: item.grams,
    name: item.variantTitle ? `${item.title} - ${item.variantTitle}` : item.title,
    price: item.price,
    price_set: moneySet(item.price, order.currencyCode),
    product_exists: product !== undefined,
    product_id: restId(item.productId),
    properties: [],
    quantity: item.quantity,
    requires_shipping: order.sourceName !== "pos",
    sales_line_item_group_id: null,
    sku: item.sku,
    taxable: true,
    title: item.title,
    total_discount: "0.00",
    total_discount_set: moneySet("0.00", order.currencyCode),
    variant_id: restId(item.variantId),
    variant_inventory_management: "shopify",
    variant_title: item.variantTitle,
    vendor: product?.vendor ?? null,
    tax_lines: [],
    duties: [],
    discount_allocations: [],
  };
}

export function restFulfillment(shop: FakeShopSeed, order: FakeOrder, fulfillment: FakeFulfillment): RestObject {
  const trackingUrl = fulfillment.trackingNumber ? `https://tracking.example.com/${fulfillment.trackingNumber}` : null;
  return {
    id: BigInt(fulfillment.id),
    order_id: BigInt(order.id),
    status: fulfillment.status,
    created_at: fulfillment.createdAt,
    service: "manual",
    updated_at: fulfillment.createdAt,
    tracking_company: fulfillment.trackingCompany,
    shipment_status: fulfillment.shipmentStatus,
    location_id: null,
    origin_address: null,
    email: order.email,
    destination: restAddress(order.shippingAddress),
    line_items: order.lineItems
      .filter((item) => fulfillment.lineItemIds.includes(item.id))
      .map((item) => restLineItem(shop, order, item)),
    tracking_number: fulfillment.trackingNumber,
    tracking_numbers: fulfillment.trackingNumber ? [fulfillment.trackingNumber] : [],
    tracking_url: trackingUrl,
    tracking_urls: trackingUrl ? [trackingUrl] : [],
    receipt: {},
    name: `${order.name}.${order.fulfillments.indexOf(fulfillment) + 1}`,
    admin_graphql_api_id: toGid("Fulfillment", fulfillment.id),
  };
}

export function orderTotal(order: FakeOrder): string {
  const cents = order.lineItems.reduce((total, item) => total + Math.round(Number(item.price) * 100) * item.quantity, 0);
  return (cents / 100).toFixed(2);
}

export function restOrderFulfillmentStatus(order: FakeOrder): string | null {
  switch (order.displayFulfillmentStatus) {
    case "FULFILLED":
      return "fulfilled";
    case "PARTIALLY_FULFILLED":
      return "partial";
    case "RESTOCKED":
      return "restocked";
    default:
      return null;
  }
}
