/**
 * The demo store. Every person, address and phone number here is fictional: emails use
 * example.com / example.org, phones use ranges reserved for fiction (US 555-01xx,
 * UK 020 7946 0xxx, FR 01 99 00 xx xx).
 *
 * Ids are above 2^53 on purpose, so that any code path that turns them into JS numbers
 * shows up as a wrong id in tests.
 */
import type { FakeAddress, FakeCustomer, FakeOrder, FakeProduct, FakeShopSeed, FakeStaffMember } from "./types";

export const DEMO_SHOP_DOMAIN = "candor-demo.myshopify.com";
const SHOP_ORIGIN = `https://${DEMO_SHOP_DOMAIN}`;

export const DEMO_STAFF: readonly FakeStaffMember[] = [
  { id: "90000000001", firstName: "Robin", lastName: "Owner", email: "owner@candor-demo.example.com", locale: "en", accountOwner: true },
  { id: "90000000002", firstName: "Sasha", lastName: "Support", email: "support@candor-demo.example.com", locale: "en", accountOwner: false },
  { id: "90000000003", firstName: "Mika", lastName: "Marketing", email: "marketing@candor-demo.example.com", locale: "fr", accountOwner: false },
];
export const DEMO_OWNER_USER_ID = "90000000001";

/** Ids referenced by tests and the demo script. */
export const DEMO_IDS = {
  shop: "7340000000000000001",
  products: {
    beanie: "7340000000000000101",
    tote: "7340000000000000102",
    dripper: "7340000000000000103",
    blanket: "7340000000000000104",
    candles: "7340000000000000105",
    giftCard: "7340000000000000106",
  },
  customers: {
    ada: "7340000000000000301",
    jonas: "7340000000000000302",
    maya: "7340000000000000303",
    oliver: "7340000000000000304",
    sam: "7340000000000000305",
  },
  orders: {
    adaFulfilled: "7340000000000000401",
    jonasFulfilled: "7340000000000000402",
    mayaTest: "7340000000000000403",
    oliverCancelled: "7340000000000000404",
    guest: "7340000000000000405",
    pos: "7340000000000000406",
  },
} as const;

function product(
  id: string,
  title: string,
  handle: string,
  price: string,
  extra: Partial<FakeProduct> = {},
): FakeProduct {
  const suffix = id.slice(-3);
  return {
    id,
    title,
    handle,
    status: "ACTIVE",
    vendor: "Candor Demo Store",
    productType: "Home",
    tags: [],
    descriptionHtml: `<p>${title}, made for the Candor demo.</p>`,
    imageUrl: `${SHOP_ORIGIN}/cdn/shop/files/${handle}.jpg`,
    imageAlt: title,
    imageMediaId: `7340000000000009${suffix}`,
    variants: [{ id: `7340000000000000${Number(suffix) + 100}`, title: "Default Title", sku: `CANDOR-${suffix}`, price }],
    createdAt: "2026-01-12T09:00:00Z",
    ...extra,
  };
}

const PRODUCTS: FakeProduct[] = [
  product(DEMO_IDS.products.beanie, "Merino Wool Beanie", "merino-wool-beanie", "29.00", { productType: "Accessories", tags: ["winter", "wool"] }),
  product(DEMO_IDS.products.tote, "Organic Cotton Tote Bag", "organic-cotton-tote-bag", "18.00", { productType: "Accessories", tags: ["organic"] }),
  product(DEMO_IDS.products.dripper, "Ceramic Pour-Over Coffee Dripper", "ceramic-pour-over-coffee-dripper", "34.00", { productType: "Kitchen" }),
  product(DEMO_IDS.products.blanket, "Stonewashed Linen Throw Blanket", "stonewashed-linen-throw-blanket", "89.00", { tags: ["linen", "bestseller"] }),
  product(DEMO_IDS.products.candles, "Beeswax Taper Candles (Set of 3)", "beeswax-taper-candles-set-of-3", "24.00", { tags: ["gift"] }),
  product(DEMO_IDS.products.giftCard, "Candor Demo Gift Card", "candor-demo-gift-card", "50.00", {
    productType: "Gift Card",
    tags: ["gift-card"],
    imageUrl: null,
    imageAlt: null,
    imageMediaId: null,
  }),
];

function address(firstName: string, lastName: string, rest: Omit<FakeAddress, "firstName" | "lastName">): FakeAddress {
  return { firstName, lastName, ...rest };
}

const ADDRESSES = {
  ada: address("Ada", "Fontaine", {
    address1: "12 Rue de l'Exemple", address2: null, city: "Lyon", province: null, provinceCode: null,
    zip: "69002", country: "France", countryCode: "FR", phone: "+33 1 99 00 12 34",
  }),
  jonas: address("Jonas", "Becker", {
    address1: "Musterstraße 7", address2: null, city: "Berlin", province: "Berlin", provinceCode: "BE",
    zip: "10115", country: "Germany", countryCode: "DE", phone: null,
  }),
  maya: address("Maya", "Thompson", {
    address1: "100 Example Avenue", address2: "Apt 5", city: "Portland", province: "Oregon", provinceCode: "OR",
    zip: "97201", country: "United States", countryCode: "US", phone: "+1 503-555-0142",
  }),
  oliver: address("Oliver", "Hughes", {
    address1: "3 Sample Lane", address2: null, city: "London", province: "England", provinceCode: "ENG",
    zip: "SW1A 1AA", country: "United Kingdom", countryCode: "GB", phone: "+44 20 7946 0321",
  }),
  sam: address("Sam", "Rivera", {
    address1: "55 Placeholder Road", address2: null, city: "Austin", province: "Texas", provinceCode: "TX",
    zip: "73301", country: "United States", countryCode: "US", phone: "+1 512-555-0187",
  }),
  guest: address("Lee", "Guest", {
    address1: "9 Fictional Court", address2: null, city: "Denver", province: "Colorado", provinceCode: "CO",
    zip: "80202", country: "United States", countryCode: "US", phone: null,
  }),
};

const CUSTOMERS: FakeCustomer[] = [
  {
    id: DEMO_IDS.customers.ada, firstName: "Ada", lastName: "Fontaine", email: "ada.fontaine@example.com",
    marketingState: "SUBSCRIBED", marketingOptInLevel: "CONFIRMED_OPT_IN", marketingUpdatedAt: "2026-02-01T10:15:00Z",
    phone: "+33199001234", locale: "fr", defaultAddress: ADDRESSES.ada, tags: ["vip"], note: null, createdAt: "2026-02-01T10:00:00Z",
  },
  {
    id: DEMO_IDS.customers.jonas, firstName: "Jonas", lastName: "Becker", email: "jonas.becker@example.org",
    marketingState: "NOT_SUBSCRIBED", marketingOptInLevel: null, marketingUpdatedAt: null,
    phone: null, locale: "de", defaultAddress: ADDRESSES.jonas, tags: [], note: null, createdAt: "2026-02-11T08:30:00Z",
  },
  {
    id: DEMO_IDS.customers.maya, firstName: "Maya", lastName: "Thompson", email: "maya.thompson@example.com",
    marketingState: "SUBSCRIBED", marketingOptInLevel: "SINGLE_OPT_IN", marketingUpdatedAt: "2026-03-03T17:45:00Z",
    phone: "+15035550142", locale: "en", defaultAddress: ADDRESSES.maya, tags: [], note: null, createdAt: "2026-03-03T17:40:00Z",
  },
  {
    id: DEMO_IDS.customers.oliver, firstName: "Oliver", lastName: "Hughes", email: "oliver.hughes@example.org",
    marketingState: "UNSUBSCRIBED", marketingOptInLevel: "SINGLE_OPT_IN", marketingUpdatedAt: "2026-04-20T12:00:00Z",
    phone: "+442079460321", locale: "en", defaultAddress: ADDRESSES.oliver, tags: [], note: null, createdAt: "2026-01-28T14:05:00Z",
  },
  {
    // Phone-only customer from the shop counter: there is no email to send a request to.
    id: DEMO_IDS.customers.sam, firstName: "Sam", lastName: "Rivera", email: null,
    marketingState: "NOT_SUBSCRIBED", marketingOptInLevel: null, marketingUpdatedAt: null,
    phone: "+15125550187", locale: "en", defaultAddress: ADDRESSES.sam, tags: ["pos"], note: null, createdAt: "2026-04-02T16:20:00Z",
  },
];

function lineItem(id: string, productIndex: number, quantity: number) {
  const item = PRODUCTS[productIndex];
  const variant = item?.variants[0];
  if (!item || !variant) throw new Error(`demo product ${productIndex} is missing`);
  return {
    id, productId: item.id, variantId: variant.id, title: item.title, variantTitle: null,
    sku: variant.sku, quantity, price: variant.price, grams: 400,
  };
}

function order(fields: Omit<FakeOrder, "currencyCode" | "tags" | "billingAddress" | "buyerAcceptsMarketing"> & Partial<FakeOrder>): FakeOrder {
  return { currencyCode: "USD", tags: [], billingAddress: fields.shippingAddress, buyerAcceptsMarketing: false, ...fields };
}

const ORDERS: FakeOrder[] = [
  order({
    id: DEMO_IDS.orders.adaFulfilled, name: "#1001", number: 1, customerId: DEMO_IDS.customers.ada,
    email: "ada.fontaine@example.com", phone: null, customerLocale: "fr", test: false, sourceName: "web",
    createdAt: "2026-05-02T09:12:00Z", processedAt: "2026-05-02T09:12:00Z", cancelledAt: null, cancelReason: null,
    displayFulfillmentStatus: "FULFILLED", displayFinancialStatus: "PAID", buyerAcceptsMarketing: true,
    lineItems: [lineItem("7340000000000000501", 0, 1), lineItem("7340000000000000502", 1, 2)],
    shippingAddress: ADDRESSES.ada,
    fulfillments: [{
      id: "7340000000000000601", status: "success", shipmentStatus: "delivered", createdAt: "2026-05-03T11:00:00Z",
      trackingCompany: "La Poste", trackingNumber: "LP000000001FR", lineItemIds: ["7340000000000000501", "7340000000000000502"],
    }],
  }),
  order({
    id: DEMO_IDS.orders.jonasFulfilled, name: "#1002", number: 2, customerId: DEMO_IDS.customers.jonas,
    email: "jonas.becker@example.org", phone: null, customerLocale: "de", test: false, sourceName: "web",
    createdAt: "2026-05-04T15:40:00Z", processedAt: "2026-05-04T15:40:00Z", cancelledAt: null, cancelReason: null,
    displayFulfillmentStatus: "FULFILLED", displayFinancialStatus: "PAID",
    lineItems: [lineItem("7340000000000000503", 2, 1)],
    shippingAddress: ADDRESSES.jonas,
    fulfillments: [{
      id: "7340000000000000602", status: "success", shipmentStatus: "in_transit", createdAt: "2026-05-05T08:20:00Z",
      trackingCompany: "DHL", trackingNumber: "00340000000000000002", lineItemIds: ["7340000000000000503"],
    }],
  }),
  order({
    id: DEMO_IDS.orders.mayaTest, name: "#1003", number: 3, customerId: DEMO_IDS.customers.maya,
    email: "maya.thompson@example.com", phone: null, customerLocale: "en", test: true, sourceName: "web",
    createdAt: "2026-05-06T18:03:00Z", processedAt: "2026-05-06T18:03:00Z", cancelledAt: null, cancelReason: null,
    displayFulfillmentStatus: "FULFILLED", displayFinancialStatus: "PAID",
    lineItems: [lineItem("7340000000000000504", 3, 1), lineItem("7340000000000000505", 4, 1)],
    shippingAddress: ADDRESSES.maya,
    fulfillments: [{
      id: "7340000000000000603", status: "success", shipmentStatus: null, createdAt: "2026-05-07T10:30:00Z",
      trackingCompany: "USPS", trackingNumber: "9400000000000000000003", lineItemIds: ["7340000000000000504", "7340000000000000505"],
    }],
  }),
  order({
    id: DEMO_IDS.orders.oliverCancelled, name: "#1004", number: 4, customerId: DEMO_IDS.customers.oliver,
    email: "oliver.hughes@example.org", phone: null, customerLocale: "en", test: false, sourceName: "web",
    createdAt: "2026-05-08T07:55:00Z", processedAt: "2026-05-08T07:55:00Z",
    cancelledAt: "2026-05-08T12:10:00Z", cancelReason: "CUSTOMER",
    displayFulfillmentStatus: "UNFULFILLED", displayFinancialStatus: "REFUNDED",
    lineItems: [lineItem("7340000000000000506", 1, 1)],
    shippingAddress: ADDRESSES.oliver,
    fulfillments: [],
  }),
  order({
    id: DEMO_IDS.orders.guest, name: "#1005", number: 5, customerId: null,
    email: "lee.guest@example.org", phone: null, customerLocale: "en", test: false, sourceName: "web",
    createdAt: "2026-05-09T13:21:00Z", processedAt: "2026-05-09T13:21:00Z", cancelledAt: null, cancelReason: null,
    displayFulfillmentStatus: "FULFILLED", displayFinancialStatus: "PAID",
    lineItems: [lineItem("7340000000000000507", 0, 1)],
    shippingAddress: ADDRESSES.guest,
    fulfillments: [{
      id: "7340000000000000604", status: "success", shipmentStatus: "delivered", createdAt: "2026-05-10T09:00:00Z",
      trackingCompany: "UPS", trackingNumber: "1Z0000000000000005", lineItemIds: ["7340000000000000507"],
    }],
  }),
  order({
    id: DEMO_IDS.orders.pos, name: "#1006", number: 6, customerId: DEMO_IDS.customers.sam,
    email: null, phone: "+15125550187", customerLocale: "en", test: false, sourceName: "pos",
    createdAt: "2026-05-11T11:47:00Z", processedAt: "2026-05-11T11:47:00Z", cancelledAt: null, cancelReason: null,
    displayFulfillmentStatus: "FULFILLED", displayFinancialStatus: "PAID",
    lineItems: [lineItem("7340000000000000508", 4, 2)],
    shippingAddress: null,
    fulfillments: [{
      id: "7340000000000000605", status: "success", shipmentStatus: null, createdAt: "2026-05-11T11:47:00Z",
      trackingCompany: null, trackingNumber: null, lineItemIds: ["7340000000000000508"],
    }],
  }),
];

/** A fresh copy each call, so that tests can mutate their shop freely. */
export function createDemoShopSeed(): FakeShopSeed {
  return structuredClone({
    domain: DEMO_SHOP_DOMAIN,
    id: DEMO_IDS.shop,
    name: "Candor Demo Store",
    email: "owner@candor-demo.example.com",
    contactEmail: "hello@candor-demo.example.com",
    shopOwnerName: "Robin Owner",
    currencyCode: "USD",
    ianaTimezone: "America/New_York",
    primaryLocale: "en",
    countryCode: "US",
    planDisplayName: "Development",
    staff: [...DEMO_STAFF],
    products: PRODUCTS,
    customers: CUSTOMERS,
    orders: ORDERS,
  });
}

/** An installed-but-empty shop, for tenancy tests that need a second store. */
export function createEmptyShopSeed(domain: string, id = "7340000000000000002"): FakeShopSeed {
  const name = domain.replace(/\.myshopify\.com$/, "");
  return {
    domain,
    id,
    name: `${name} (fake)`,
    email: `owner@${name}.example.com`,
    contactEmail: `hello@${name}.example.com`,
    shopOwnerName: "Fake Owner",
    currencyCode: "USD",
    ianaTimezone: "UTC",
    primaryLocale: "en",
    countryCode: "US",
    planDisplayName: "Development",
    // One Shopify user may own several stores (a Partner's development stores): the demo
    // store's owner owns every store the fake creates, so a test or the demo opens any of them as owner.
    staff: [{ id: DEMO_OWNER_USER_ID, firstName: "Fake", lastName: "Owner", email: `owner@${name}.example.com`, locale: "en", accountOwner: true }],
    products: [],
    customers: [],
    orders: [],
  };
}
