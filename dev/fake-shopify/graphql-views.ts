/**
 * Turns the fake's records into objects shaped like Admin GraphQL types. Every object
 * carries `__typename` (so `Node` and other interfaces resolve); a field may be a plain
 * value or a function of the field's arguments. Fields not listed here are answered by
 * the field resolver's placeholders.
 */
import { applySearch, toConnection, type ConnectionArgs } from "./graphql-connection";
import { toGid } from "./ids";
import type { FakeAddress, FakeCustomer, FakeFulfillment, FakeLineItem, FakeOrder, FakeProduct, FakeShopSeed, FakeStaffMember, FakeVariant } from "./types";

export type GraphQLView = { __typename: string } & Record<string, unknown>;
type Args = Record<string, unknown>;

function money(amount: string, currencyCode: string): GraphQLView {
  return { __typename: "MoneyV2", amount, currencyCode };
}

function moneyBag(amount: string, currencyCode: string): GraphQLView {
  return { __typename: "MoneyBag", shopMoney: money(amount, currencyCode), presentmentMoney: money(amount, currencyCode) };
}

function sumPrices(lineItems: readonly FakeLineItem[]): string {
  const cents = lineItems.reduce((total, item) => total + Math.round(Number(item.price) * 100) * item.quantity, 0);
  return (cents / 100).toFixed(2);
}

function imageView(url: string, altText: string | null, id: string): GraphQLView {
  return { __typename: "Image", id: toGid("ProductImage", id), url, altText, width: 1200, height: 1200 };
}

/** `role` tells apart the addresses of one owner, as Shopify's `?model_name=` suffix does. */
export function addressView(address: FakeAddress, ownerId: string, role = "Address"): GraphQLView {
  const name = [address.firstName, address.lastName].filter(Boolean).join(" ");
  return {
    __typename: "MailingAddress",
    id: `${toGid("MailingAddress", ownerId)}?model_name=${role}`,
    ...address,
    name,
    countryCodeV2: address.countryCode,
    formatted: [address.address1, address.address2, `${address.zip} ${address.city}`, address.country].filter(Boolean),
  };
}

export function shopView(shop: FakeShopSeed): GraphQLView {
  const url = `https://${shop.domain}`;
  return {
    __typename: "Shop",
    id: toGid("Shop", shop.id),
    name: shop.name,
    email: shop.email,
    contactEmail: shop.contactEmail,
    shopOwnerName: shop.shopOwnerName,
    myshopifyDomain: shop.domain,
    url,
    primaryDomain: { __typename: "Domain", id: toGid("Domain", shop.id), host: shop.domain, url, sslEnabled: true },
    currencyCode: shop.currencyCode,
    ianaTimezone: shop.ianaTimezone,
    plan: { __typename: "ShopPlan", displayName: shop.planDisplayName, publicDisplayName: shop.planDisplayName, partnerDevelopment: true, shopifyPlus: /\bplus\b/i.test(shop.planDisplayName) },
    description: null,
  };
}

export function staffView(member: FakeStaffMember): GraphQLView {
  return {
    __typename: "StaffMember",
    id: toGid("StaffMember", member.id),
    firstName: member.firstName,
    lastName: member.lastName,
    name: `${member.firstName} ${member.lastName}`,
    initials: [member.firstName.charAt(0), member.lastName.charAt(0)],
    email: member.email,
    locale: member.locale,
    isShopOwner: member.accountOwner,
    accountType: "REGULAR",
    active: true,
    exists: true,
    phone: null,
  };
}

export function variantView(shop: FakeShopSeed, product: FakeProduct, variant: FakeVariant): GraphQLView {
  return {
    __typename: "ProductVariant",
    id: toGid("ProductVariant", variant.id),
    legacyResourceId: variant.id,
    title: variant.title,
    displayName: `${product.title} - ${variant.title}`,
    sku: variant.sku,
    price: variant.price,
    product: () => productView(shop, product),
  };
}

function featuredMediaView(product: FakeProduct): GraphQLView | null {
  if (!product.imageUrl || !product.imageMediaId) return null;
  const image = imageView(product.imageUrl, product.imageAlt, product.imageMediaId);
  return {
    __typename: "MediaImage",
    id: toGid("MediaImage", product.imageMediaId),
    alt: product.imageAlt,
    mediaContentType: "IMAGE",
    status: "READY",
    image,
    preview: { __typename: "MediaPreviewImage", image, status: "READY" },
  };
}

export function productView(shop: FakeShopSeed, product: FakeProduct): GraphQLView {
  const featuredMedia = featuredMediaView(product);
  const featuredImage = product.imageUrl && product.imageMediaId ? imageView(product.imageUrl, product.imageAlt, product.imageMediaId) : null;
  const plainDescription = product.descriptionHtml.replace(/<[^>]*>/g, "");
  return {
    __typename: "Product",
    id: toGid("Product", product.id),
    legacyResourceId: product.id,
    title: product.title,
    handle: product.handle,
    status: product.status,
    vendor: product.vendor,
    productType: product.productType,
    tags: product.tags,
    descriptionHtml: product.descriptionHtml,
    description: (args: Args) =>
      typeof args.truncateAt === "number" ? plainDescription.slice(0, args.truncateAt) : plainDescription,
    onlineStoreUrl: product.status === "ACTIVE" ? `https://${shop.domain}/products/${product.handle}` : null,
    onlineStorePreviewUrl: `https://${shop.domain}/products/${product.handle}`,
    featuredMedia,
    featuredImage,
    media: (args: ConnectionArgs) => toConnection(featuredMedia ? [featuredMedia] : [], args),
    images: (args: ConnectionArgs) => toConnection(featuredImage ? [featuredImage] : [], args),
    variants: (args: ConnectionArgs) => toConnection(product.variants.map((variant) => variantView(shop, product, variant)), args),
    totalInventory: 25,
    createdAt: product.createdAt,
    updatedAt: product.createdAt,
  };
}

function customerOrders(shop: FakeShopSeed, customer: FakeCustomer): FakeOrder[] {
  return shop.orders.filter((order) => order.customerId === customer.id);
}

export function customerView(shop: FakeShopSeed, customer: FakeCustomer): GraphQLView {
  const orders = customerOrders(shop, customer);
  const displayName = [customer.firstName, customer.lastName].filter(Boolean).join(" ") || customer.email || customer.phone || "";
  const amountSpent = sumPrices(orders.filter((order) => !order.cancelledAt).flatMap((order) => order.lineItems));
  return {
    __typename: "Customer",
    id: toGid("Customer", customer.id),
    legacyResourceId: customer.id,
    firstName: customer.firstName,
    lastName: customer.lastName,
    displayName,
    email: customer.email,
    phone: customer.phone,
    locale: customer.locale,
    note: customer.note,
    tags: customer.tags,
    state: "DISABLED",
    verifiedEmail: customer.email !== null,
    validEmailAddress: customer.email !== null,
    createdAt: customer.createdAt,
    updatedAt: customer.marketingUpdatedAt ?? customer.createdAt,
    numberOfOrders: String(orders.length),
    amountSpent: money(amountSpent, shop.currencyCode),
    defaultEmailAddress: customer.email
      ? {
          __typename: "CustomerEmailAddress",
          emailAddress: customer.email,
          marketingState: customer.marketingState,
          marketingOptInLevel: customer.marketingOptInLevel,
          marketingUpdatedAt: customer.marketingUpdatedAt,
          validFormat: true,
          openTrackingLevel: "UNKNOWN",
          marketingUnsubscribeUrl: `https://${shop.domain}/unsubscribe?c=${customer.id}`,
          openTrackingUrl: `https://${shop.domain}/open-tracking?c=${customer.id}`,
        }
      : null,
    emailMarketingConsent: customer.email
      ? {
          __typename: "CustomerEmailMarketingConsentState",
          marketingState: customer.marketingState,
          marketingOptInLevel: customer.marketingOptInLevel,
          consentUpdatedAt: customer.marketingUpdatedAt,
        }
      : null,
    defaultPhoneNumber: customer.phone
      ? { __typename: "CustomerPhoneNumber", phoneNumber: customer.phone, marketingState: "NOT_SUBSCRIBED" }
      : null,
    defaultAddress: customer.defaultAddress ? addressView(customer.defaultAddress, customer.id) : null,
    addresses: customer.defaultAddress ? [addressView(customer.defaultAddress, customer.id)] : [],
    orders: (args: ConnectionArgs) => toConnection(orders.map((order) => orderView(shop, order)), args),
    lastOrder: () => {
      const last = orders.at(-1);
      return last ? orderView(shop, last) : null;
    },
  };
}

export function lineItemView(shop: FakeShopSeed, order: FakeOrder, item: FakeLineItem): GraphQLView {
  const product = item.productId ? shop.products.find((candidate) => candidate.id === item.productId) : undefined;
  const variant = product?.variants.find((candidate) => candidate.id === item.variantId);
  return {
    __typename: "LineItem",
    id: toGid("LineItem", item.id),
    title: item.title,
    name: item.variantTitle ? `${item.title} - ${item.variantTitle}` : item.title,
    variantTitle: item.variantTitle,
    sku: item.sku,
    quantity: item.quantity,
    currentQuantity: order.cancelledAt ? 0 : item.quantity,
    originalUnitPriceSet: moneyBag(item.price, order.currencyCode),
    product: product ? () => productView(shop, product) : null,
    variant: product && variant ? () => variantView(shop, product, variant) : null,
    image: product?.imageUrl && product.imageMediaId ? imageView(product.imageUrl, product.imageAlt, product.imageMediaId) : null,
  };
}

function fulfillmentView(shop: FakeShopSeed, order: FakeOrder, fulfillment: FakeFulfillment): GraphQLView {
  return {
    __typename: "Fulfillment",
    id: toGid("Fulfillment", fulfillment.id),
    legacyResourceId: fulfillment.id,
    name: `${order.name}.${order.fulfillments.indexOf(fulfillment) + 1}`,
    status: fulfillment.status.toUpperCase(),
    displayStatus: fulfillment.shipmentStatus === "delivered" ? "DELIVERED" : fulfillment.shipmentStatus === "in_transit" ? "IN_TRANSIT" : "FULFILLED",
    createdAt: fulfillment.createdAt,
    updatedAt: fulfillment.createdAt,
    deliveredAt: fulfillment.shipmentStatus === "delivered" ? fulfillment.createdAt : null,
    requiresShipping: order.sourceName !== "pos",
    totalQuantity: order.lineItems
      .filter((item) => fulfillment.lineItemIds.includes(item.id))
      .reduce((total, item) => total + item.quantity, 0),
    trackingInfo: fulfillment.trackingNumber
      ? [{ __typename: "FulfillmentTrackingInfo", company: fulfillment.trackingCompany, number: fulfillment.trackingNumber, url: null }]
      : [],
    order: () => orderView(shop, order),
  };
}

export function orderView(shop: FakeShopSeed, order: FakeOrder): GraphQLView {
  const customer = order.customerId ? shop.customers.find((candidate) => candidate.id === order.customerId) : undefined;
  const total = sumPrices(order.lineItems);
  return {
    __typename: "Order",
    id: toGid("Order", order.id),
    legacyResourceId: order.id,
    name: order.name,
    email: order.email,
    phone: order.phone,
    customerLocale: order.customerLocale,
    test: order.test,
    sourceName: order.sourceName,
    createdAt: order.createdAt,
    processedAt: order.processedAt,
    updatedAt: order.cancelledAt ?? order.processedAt,
    cancelledAt: order.cancelledAt,
    cancelReason: order.cancelReason,
    closed: order.cancelledAt !== null || order.displayFulfillmentStatus === "FULFILLED",
    confirmed: true,
    displayFulfillmentStatus: order.displayFulfillmentStatus,
    displayFinancialStatus: order.displayFinancialStatus,
    fullyPaid: order.displayFinancialStatus === "PAID",
    currencyCode: order.currencyCode,
    tags: order.tags,
    note: null,
    totalPriceSet: moneyBag(total, order.currencyCode),
    subtotalPriceSet: moneyBag(total, order.currencyCode),
    currentTotalPriceSet: moneyBag(order.cancelledAt ? "0.00" : total, order.currencyCode),
    customer: customer ? () => customerView(shop, customer) : null,
    shippingAddress: order.shippingAddress ? addressView(order.shippingAddress, order.id, "ShippingAddress") : null,
    billingAddress: order.billingAddress ? addressView(order.billingAddress, order.id, "BillingAddress") : null,
    lineItems: (args: ConnectionArgs) => toConnection(order.lineItems.map((item) => lineItemView(shop, order, item)), args),
    fulfillments: (args: { first?: number | null }) =>
      order.fulfillments.slice(0, args.first ?? undefined).map((fulfillment) => fulfillmentView(shop, order, fulfillment)),
    refunds: [],
  };
}

export function customersConnection(shop: FakeShopSeed, args: ConnectionArgs) {
  const matching = applySearch(
    shop.customers,
    args.query,
    {
      id: (customer) => customer.id,
      email: (customer) => customer.email,
      phone: (customer) => customer.phone,
      first_name: (customer) => customer.firstName,
      last_name: (customer) => customer.lastName,
      tag: (customer) => customer.tags,
      country: (customer) => customer.defaultAddress?.countryCode,
      email_marketing_state: (customer) => customer.marketingState,
    },
    (customer) => [customer.firstName ?? "", customer.lastName ?? "", customer.email ?? "", customer.phone ?? ""],
  );
  return toConnection(matching.map((customer) => customerView(shop, customer)), args);
}

export function ordersConnection(shop: FakeShopSeed, args: ConnectionArgs) {
  const matching = applySearch(
    shop.orders,
    args.query,
    {
      id: (order) => order.id,
      name: (order) => [order.name, order.name.replace(/^#/, "")],
      email: (order) => order.email,
      customer_id: (order) => order.customerId,
      tag: (order) => order.tags,
      test: (order) => order.test,
      source_name: (order) => order.sourceName,
      fulfillment_status: (order) => order.displayFulfillmentStatus.toLowerCase(),
      financial_status: (order) => order.displayFinancialStatus.toLowerCase(),
      status: (order) => (order.cancelledAt ? "cancelled" : order.displayFulfillmentStatus === "FULFILLED" ? "closed" : "open"),
    },
    (order) => [order.name, order.email ?? ""],
  );
  return toConnection(matching.map((order) => orderView(shop, order)), args);
}

export function productsConnection(shop: FakeShopSeed, args: ConnectionArgs) {
  const matching = applySearch(
    shop.products,
    args.query,
    {
      id: (product) => product.id,
      title: (product) => product.title,
      handle: (product) => product.handle,
      tag: (product) => product.tags,
      status: (product) => product.status.toLowerCase(),
      product_type: (product) => product.productType,
      vendor: (product) => product.vendor,
    },
    (product) => [product.title, product.handle],
  );
  return toConnection(matching.map((product) => productView(shop, product)), args);
}
