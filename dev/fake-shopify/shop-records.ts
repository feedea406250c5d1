/**
 * Test-facing edits of a shop's data: add, change or remove customers, orders and
 * products. New records get fresh 64-bit ids and sensible defaults.
 */
import type { FakeShopifyState } from "./state";
import type { FakeCustomer, FakeLineItem, FakeOrder, FakeProduct } from "./types";

export type NewCustomer = Partial<FakeCustomer>;
export type NewProduct = Partial<FakeProduct> & Pick<FakeProduct, "title">;
export type NewLineItem = Partial<FakeLineItem> & Pick<FakeLineItem, "productId">;
export type NewOrder = Partial<Omit<FakeOrder, "lineItems">> & { lineItems: NewLineItem[] };

function shopData(state: FakeShopifyState, domain: string) {
  return state.ensureShop(domain).data;
}

export function addCustomer(state: FakeShopifyState, domain: string, input: NewCustomer): FakeCustomer {
  const now = new Date().toISOString();
  const customer: FakeCustomer = {
    id: state.generateId(),
    firstName: null,
    lastName: null,
    email: null,
    marketingState: "NOT_SUBSCRIBED",
    marketingOptInLevel: null,
    marketingUpdatedAt: null,
    phone: null,
    locale: "en",
    defaultAddress: null,
    tags: [],
    note: null,
    createdAt: now,
    ...input,
  };
  shopData(state, domain).customers.push(customer);
  return customer;
}

export function updateCustomer(state: FakeShopifyState, domain: string, id: string, patch: Partial<FakeCustomer>): FakeCustomer {
  const customer = shopData(state, domain).customers.find((candidate) => candidate.id === id);
  if (!customer) throw new Error(`No customer ${id} in ${domain}`);
  Object.assign(customer, patch, { id });
  return customer;
}

/** Like a customer deleted or redacted on Shopify: lookups of it return null afterwards. */
export function removeCustomer(state: FakeShopifyState, domain: string, id: string): boolean {
  const data = shopData(state, domain);
  const before = data.customers.length;
  data.customers = data.customers.filter((customer) => customer.id !== id);
  return data.customers.length < before;
}

export function addProduct(state: FakeShopifyState, domain: string, input: NewProduct): FakeProduct {
  const handle = input.handle ?? input.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const product: FakeProduct = {
    id: state.generateId(),
    handle,
    status: "ACTIVE",
    vendor: "Fake Vendor",
    productType: "",
    tags: [],
    descriptionHtml: "",
    imageUrl: `https://${domain}/cdn/shop/files/${handle}.jpg`,
    imageAlt: input.title,
    imageMediaId: state.generateId(),
    variants: [{ id: state.generateId(), title: "Default Title", sku: handle.toUpperCase(), price: "10.00" }],
    createdAt: new Date().toISOString(),
    ...input,
  };
  shopData(state, domain).products.push(product);
  return product;
}

export function addOrder(state: FakeShopifyState, domain: string, input: NewOrder): FakeOrder {
  const data = shopData(state, domain);
  const number = data.orders.reduce((max, order) => Math.max(max, order.number), 0) + 1;
  const now = new Date().toISOString();
  const customer = input.customerId ? data.customers.find((candidate) => candidate.id === input.customerId) : undefined;
  const lineItems: FakeLineItem[] = input.lineItems.map((item) => {
    const product = data.products.find((candidate) => candidate.id === item.productId);
    const variant = product?.variants[0];
    return {
      id: state.generateId(),
      variantId: variant?.id ?? null,
      title: product?.title ?? "Custom item",
      variantTitle: null,
      sku: variant?.sku ?? null,
      quantity: 1,
      price: variant?.price ?? "10.00",
      grams: 400,
      ...item,
    };
  });
  const order: FakeOrder = {
    id: state.generateId(),
    name: `#${1000 + number}`,
    number,
    customerId: null,
    email: customer?.email ?? null,
    phone: null,
    customerLocale: customer?.locale ?? "en",
    test: false,
    sourceName: "web",
    createdAt: now,
    processedAt: now,
    cancelledAt: null,
    cancelReason: null,
    displayFulfillmentStatus: "UNFULFILLED",
    displayFinancialStatus: "PAID",
    currencyCode: data.currencyCode,
    tags: [],
    shippingAddress: customer?.defaultAddress ?? null,
    billingAddress: customer?.defaultAddress ?? null,
    fulfillments: [],
    buyerAcceptsMarketing: false,
    ...input,
    lineItems,
  };
  data.orders.push(order);
  return order;
}

/** Marks every line of an order fulfilled in one shipment, as `orders/fulfilled` reports. */
export function fulfillOrder(
  state: FakeShopifyState,
  domain: string,
  orderId: string,
  shipment: { trackingCompany?: string | null; trackingNumber?: string | null; shipmentStatus?: string | null } = {},
): FakeOrder {
  const order = shopData(state, domain).orders.find((candidate) => candidate.id === orderId);
  if (!order) throw new Error(`No order ${orderId} in ${domain}`);
  order.fulfillments.push({
    id: state.generateId(),
    status: "success",
    shipmentStatus: shipment.shipmentStatus ?? null,
    createdAt: new Date().toISOString(),
    trackingCompany: shipment.trackingCompany ?? null,
    trackingNumber: shipment.trackingNumber ?? null,
    lineItemIds: order.lineItems.map((item) => item.id),
  });
  order.displayFulfillmentStatus = "FULFILLED";
  return order;
}
