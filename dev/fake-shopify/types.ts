/**
 * The fake's in-memory model of a shop. Ids are Shopify's 64-bit numeric ids kept as
 * decimal strings (`LegacyId`), because most of them exceed Number.MAX_SAFE_INTEGER.
 */

/** A Shopify numeric resource id as its exact decimal digits, e.g. "7340000000000000301". */
export type LegacyId = string;

export type EmailMarketingState = "INVALID" | "NOT_SUBSCRIBED" | "PENDING" | "SUBSCRIBED" | "UNSUBSCRIBED";
export type MarketingOptInLevel = "CONFIRMED_OPT_IN" | "SINGLE_OPT_IN" | "UNKNOWN";
export type ProductStatus = "ACTIVE" | "ARCHIVED" | "DRAFT" | "UNLISTED";
export type OrderFulfillmentStatus =
  | "FULFILLED"
  | "PARTIALLY_FULFILLED"
  | "UNFULFILLED"
  | "IN_PROGRESS"
  | "ON_HOLD"
  | "OPEN"
  | "RESTOCKED";
export type OrderFinancialStatus =
  | "AUTHORIZED"
  | "EXPIRED"
  | "PAID"
  | "PARTIALLY_PAID"
  | "PARTIALLY_REFUNDED"
  | "PENDING"
  | "REFUNDED"
  | "VOIDED";
export type OrderCancelReason = "CUSTOMER" | "DECLINED" | "FRAUD" | "INVENTORY" | "OTHER" | "STAFF";

export interface FakeAddress {
  firstName: string | null;
  lastName: string | null;
  address1: string;
  address2: string | null;
  city: string;
  province: string | null;
  provinceCode: string | null;
  zip: string;
  country: string;
  /** ISO 3166-1 alpha-2, e.g. "FR". */
  countryCode: string;
  phone: string | null;
}

export interface FakeVariant {
  id: LegacyId;
  title: string;
  sku: string;
  /** Decimal string in the shop currency, e.g. "24.00". */
  price: string;
}

export interface FakeProduct {
  id: LegacyId;
  title: string;
  handle: string;
  status: ProductStatus;
  vendor: string;
  productType: string;
  tags: string[];
  descriptionHtml: string;
  imageUrl: string | null;
  imageAlt: string | null;
  /** Media id of the featured image, when there is one. */
  imageMediaId: LegacyId | null;
  variants: FakeVariant[];
  createdAt: string;
}

export interface FakeCustomer {
  id: LegacyId;
  firstName: string | null;
  lastName: string | null;
  /** null: the customer has no email address (e.g. a phone-only POS customer). */
  email: string | null;
  marketingState: EmailMarketingState;
  marketingOptInLevel: MarketingOptInLevel | null;
  marketingUpdatedAt: string | null;
  phone: string | null;
  locale: string;
  defaultAddress: FakeAddress | null;
  tags: string[];
  note: string | null;
  createdAt: string;
}

export interface FakeLineItem {
  id: LegacyId;
  productId: LegacyId | null;
  variantId: LegacyId | null;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  quantity: number;
  price: string;
  /** Grams, as in REST payloads. */
  grams: number;
}

export interface FakeFulfillment {
  id: LegacyId;
  status: "success" | "pending" | "open" | "cancelled" | "error" | "failure";
  /** Shipment status as in fulfillment events: "in_transit", "delivered", ... */
  shipmentStatus: string | null;
  createdAt: string;
  trackingCompany: string | null;
  trackingNumber: string | null;
  lineItemIds: LegacyId[];
}

export interface FakeOrder {
  id: LegacyId;
  /** Order name as shown to merchants, e.g. "#1001". */
  name: string;
  number: number;
  customerId: LegacyId | null;
  email: string | null;
  phone: string | null;
  customerLocale: string | null;
  test: boolean;
  sourceName: "web" | "pos" | "shopify_draft_order" | string;
  createdAt: string;
  processedAt: string;
  cancelledAt: string | null;
  cancelReason: OrderCancelReason | null;
  displayFulfillmentStatus: OrderFulfillmentStatus;
  displayFinancialStatus: OrderFinancialStatus;
  currencyCode: string;
  tags: string[];
  lineItems: FakeLineItem[];
  shippingAddress: FakeAddress | null;
  billingAddress: FakeAddress | null;
  fulfillments: FakeFulfillment[];
  buyerAcceptsMarketing: boolean;
}

export interface FakeStaffMember {
  /** Staff user id, the `sub` of session tokens. Small enough to be a JSON number. */
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  locale: string;
  accountOwner: boolean;
}

export interface FakeShopSeed {
  /** "{name}.myshopify.com" */
  domain: string;
  id: LegacyId;
  name: string;
  email: string;
  contactEmail: string;
  shopOwnerName: string;
  currencyCode: string;
  ianaTimezone: string;
  primaryLocale: string;
  countryCode: string;
  /** As Shopify names plans: "Basic", "Shopify", "Advanced", "Shopify Plus", "Development"… */
  planDisplayName: string;
  /**
   * The Admin GraphQL cost bucket. Defaults to what Shopify gives the plan: 100 points/s
   * with 2000 max on standard plans, 200/4000 on Advanced, 1000/20000 on Shopify Plus.
   */
  costBudget?: { maximumAvailable: number; restoreRate: number };
  staff: FakeStaffMember[];
  products: FakeProduct[];
  customers: FakeCustomer[];
  orders: FakeOrder[];
}
