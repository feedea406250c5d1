import { randomBytes } from "node:crypto";

import { Session } from "@shopify/shopify-api";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { disconnectDb } from "../../app/db.server";
import {
  AdminApiTransientError,
  AdminQueryError,
  ShopifyThrottledError,
  ShopUnavailableError,
} from "../../app/modules/shopify-admin/admin-api-errors";
import { createCostLimiter, type CostLimiter } from "../../app/modules/shopify-admin/create-cost-limiter.server";
import { runAdminQuery } from "../../app/modules/shopify-admin/run-admin-query.server";
import { fetchSendContext } from "../../app/modules/review-requests/fetch-send-context.server";
import { getShopify } from "../../app/shopify.server";
import { createEmptyShopSeed, startFakeShopify, toGid, type FakeShopify } from "../../dev/fake-shopify/index";
import { baseTestEnv } from "../support/app-process";
import { deleteRedisPrefix } from "../support/redis-server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const REDIS_URL = "redis://127.0.0.1:6379";
const API_KEY = "candor-test-key";
const API_SECRET = `test-secret-${randomBytes(8).toString("hex")}`;

/** What the worker asks just before a send. The fake charges it 45 points for a 20-line order. */
const RECIPIENT_QUERY = `query ReviewRecipient($id: ID!) {
  order(id: $id) {
    id
    cancelledAt
    customer { id locale defaultEmailAddress { emailAddress marketingState } }
    lineItems(first: 20) { nodes { currentQuantity product { id } } }
  }
}`;
const RECIPIENT_COST = 45;
const CUSTOMER_EMAIL = "noor.haddad.limiter@example.org";

interface RecipientData {
  order: {
    id: string;
    customer: { defaultEmailAddress: { emailAddress: string; marketingState: string } | null } | null;
    lineItems: { nodes: Array<{ product: { id: string } | null }> };
  } | null;
}

/** A limiter that lets everything through: what the shop's budget sees without one. */
const noLimiter: CostLimiter = {
  reserve: async () => ({ granted: true }),
  observe: async () => undefined,
  status: async () => null,
};

describe("Admin GraphQL within the shop's cost budget (real Redis, database, fake Shopify)", () => {
  let fake: FakeShopify;
  let database: TestDatabase;
  const savedEnv = { ...process.env };
  const connections: Redis[] = [];
  const prefixes: string[] = [];
  let nextShopId = 7_340_000_000_000_900_000n;

  beforeAll(async () => {
    fake = await startFakeShopify({ apiKey: API_KEY, apiSecret: API_SECRET, shops: [], autoCreateShops: false });
    database = await createTestDatabase();
    Object.assign(
      process.env,
      baseTestEnv({
        DATABASE_URL: database.url,
        SHOPIFY_API_KEY: API_KEY,
        SHOPIFY_API_SECRET: API_SECRET,
        SHOPIFY_FAKE_ORIGIN: fake.url,
        LOG_LEVEL: "warn",
      }),
    );
  });

  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.quit()));
    for (const prefix of prefixes.splice(0)) await deleteRedisPrefix(REDIS_URL, prefix);
  });

  afterAll(async () => {
    await disconnectDb();
    await fake?.close();
    await database?.drop();
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
  });

  /** A Redis connection of the test's own: one per simulated worker process. */
  function connect(): Redis {
    const connection = new Redis(REDIS_URL);
    connections.push(connection);
    return connection;
  }

  function newPrefix(): string {
    const prefix = `t${randomBytes(6).toString("hex")}`;
    prefixes.push(prefix);
    return prefix;
  }

  /**
   * A shop on the fake with a customer and one 20-line order, installed with an offline
   * session stored through the app's own (encrypted) session storage.
   */
  async function installShop(domain: string, planDisplayName = "Basic", options: { storeSession?: boolean } = {}) {
    nextShopId += 1n;
    fake.addShop({ ...createEmptyShopSeed(domain, nextShopId.toString()), planDisplayName });
    const customer = fake.addCustomer(domain, { email: CUSTOMER_EMAIL, firstName: "Noor", lastName: "Haddad", marketingState: "SUBSCRIBED", locale: "fr" });
    const products = Array.from({ length: 20 }, (_, index) => fake.addProduct(domain, { title: `Product ${index + 1}` }));
    const order = fake.addOrder(domain, { customerId: customer.id, lineItems: products.map((product) => ({ productId: product.id })) });
    if (options.storeSession !== false) {
      const session = new Session({
        id: `offline_${domain}`,
        shop: domain,
        state: "installed",
        isOnline: false,
        scope: "read_orders,read_customers,read_products",
        accessToken: fake.issueOfflineToken(domain),
      });
      await getShopify().sessionStorage!.storeSession(session);
    }
    return { domain, orderId: toGid("Order", order.id) };
  }

  const fetchRecipient = (shop: string, orderId: string, limiter: CostLimiter) =>
    runAdminQuery<RecipientData>(shop, RECIPIENT_QUERY, { id: orderId }, { estimatedCost: RECIPIENT_COST, limiter });

  const throttledByShopify = (shop: string) => fake.graphqlRequests(shop).filter((entry) => entry.errorCodes.includes("THROTTLED"));

  it("the recipient query costs what the tests assume, and a lone call returns its data", async () => {
    const { domain, orderId } = await installShop("limiter-single.myshopify.com");
    const direct = await fetch(`${fake.url}/shops/${domain}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": fake.issueOfflineToken(domain) },
      body: JSON.stringify({ query: RECIPIENT_QUERY, variables: { id: orderId } }),
    });
    const { extensions } = (await direct.json()) as { extensions: { cost: { requestedQueryCost: number; actualQueryCost: number } } };
    expect(extensions.cost).toMatchObject({ requestedQueryCost: RECIPIENT_COST, actualQueryCost: RECIPIENT_COST });

    const limiter = createCostLimiter(connect(), { prefix: newPrefix() });
    const data = await fetchRecipient(domain, orderId, limiter);
    expect(data.order).toMatchObject({ id: orderId, customer: { defaultEmailAddress: { emailAddress: CUSTOMER_EMAIL, marketingState: "SUBSCRIBED" } } });
    expect(data.order?.lineItems.nodes).toHaveLength(20);
    // The limiter's view: the full standard bucket less this one call, re-synced to Shopify's figure.
    const status = await limiter.status(domain);
    expect(status).toMatchObject({ maximumAvailable: 2000, restoreRate: 100 });
    expect(status!.currentlyAvailable).toBeLessThanOrEqual(2000 - RECIPIENT_COST + 5);
  });

  it("without a limiter, 60 concurrent calls overdraw a standard shop and Shopify answers THROTTLED", async () => {
    const { domain, orderId } = await installShop("limiter-control.myshopify.com");
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => fetchRecipient(domain, orderId, noLimiter)));
    expect(throttledByShopify(domain).length).toBeGreaterThan(0);
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(rejected.length).toBe(throttledByShopify(domain).length);
    for (const { reason } of rejected) {
      expect(reason).toBeInstanceOf(ShopifyThrottledError);
      expect(reason).toMatchObject({ source: "shopify", retryAfterMs: expect.any(Number) });
    }
  });

  it("(a) with the limiter, 60 concurrent calls costing more than the bucket draw no THROTTLED from Shopify", async () => {
    const { domain, orderId } = await installShop("limiter-standard.myshopify.com");
    const limiter = createCostLimiter(connect(), { prefix: newPrefix() });
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => fetchRecipient(domain, orderId, limiter)));

    expect(throttledByShopify(domain)).toEqual([]);
    const fulfilled = results.filter((result) => result.status === "fulfilled");
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    for (const result of fulfilled) expect(result.value.order?.id).toBe(orderId);
    for (const { reason } of rejected) {
      expect(reason).toBeInstanceOf(ShopifyThrottledError);
      expect(reason.source).toBe("limiter");
      expect(reason.retryAfterMs).toBeGreaterThan(0);
      expect(reason.message).not.toContain(CUSTOMER_EMAIL);
    }
    // 60 × 45 = 2700 points against 2000 (1800 usable) regaining 100/s: most go, the rest wait for a later try.
    expect(fulfilled.length).toBeGreaterThanOrEqual(40);
    expect(rejected.length).toBeGreaterThan(0);
    expect(fake.graphqlRequests(domain)).toHaveLength(fulfilled.length);

    // The shop's key holds numbers only and expires.
    const redis = connect();
    const key = `${prefixes.at(-1)}:shopify-cost:${domain}`;
    const stored = await redis.hgetall(key);
    expect(Object.keys(stored).sort()).toEqual(["available", "maximum", "restoreRate", "updatedAt"]);
    for (const value of Object.values(stored)) expect(value).toMatch(/^-?\d+(\.\d+)?$/);
    expect(await redis.pttl(key)).toBeGreaterThan(0);
  });

  it("(b) two limiters on two connections (two worker processes) share one budget", async () => {
    const prefix = newPrefix();
    // A budget that does not refill during the test, so the count is exact.
    const frozen = { maximumAvailable: 1000, restoreRate: 0.001 };
    const first = createCostLimiter(connect(), { prefix, defaultBudget: frozen });
    const second = createCostLimiter(connect(), { prefix, defaultBudget: frozen });
    const reservations = await Promise.all(
      Array.from({ length: 100 }, (_, index) => (index % 2 === 0 ? first : second).reserve("shared.myshopify.com", 10)),
    );
    // 1000 points less the 10% margin: exactly 90 reservations of 10, whichever process asked.
    expect(reservations.filter((reservation) => reservation.granted)).toHaveLength(90);
    expect(await second.reserve("shared.myshopify.com", 10)).toEqual({ granted: false, retryAfterMs: expect.any(Number) });
    expect(await first.status("shared.myshopify.com")).toMatchObject({ currentlyAvailable: expect.closeTo(100, 0) });

    // And against the fake: 60 calls split over both processes still draw no THROTTLED.
    const { domain, orderId } = await installShop("limiter-two-processes.myshopify.com");
    const processA = createCostLimiter(connect(), { prefix });
    const processB = createCostLimiter(connect(), { prefix });
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, index) => fetchRecipient(domain, orderId, index % 2 === 0 ? processA : processB)),
    );
    expect(throttledByShopify(domain)).toEqual([]);
    expect(results.filter((result) => result.status === "rejected").length).toBeGreaterThan(0);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toBeInstanceOf(ShopifyThrottledError);
    }
  });

  it("(c) a forced throttle on Shopify's side becomes ShopifyThrottledError with a delay", async () => {
    const { domain, orderId } = await installShop("limiter-forced.myshopify.com");
    const limiter = createCostLimiter(connect(), { prefix: newPrefix() });
    fake.setThrottled(domain, true);
    const error = await fetchRecipient(domain, orderId, limiter).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ShopifyThrottledError);
    expect(error).toMatchObject({ source: "shopify", shop: domain, code: "shopify_throttled", permanent: false });
    expect((error as ShopifyThrottledError).retryAfterMs).toBeGreaterThan(0);
    expect(throttledByShopify(domain)).toHaveLength(1);
    // The throttled call cost nothing: its reservation went back.
    expect((await limiter.status(domain))!.currentlyAvailable).toBeGreaterThan(2000 - RECIPIENT_COST);

    fake.setThrottled(domain, false);
    expect((await fetchRecipient(domain, orderId, limiter)).order?.id).toBe(orderId);
  });

  it("(d) an uninstalled shop and a shop without a stored session are unavailable, for good", async () => {
    const uninstalled = await installShop("limiter-uninstalled.myshopify.com");
    const limiter = createCostLimiter(connect(), { prefix: newPrefix() });
    expect((await fetchRecipient(uninstalled.domain, uninstalled.orderId, limiter)).order?.id).toBe(uninstalled.orderId);
    fake.uninstall(uninstalled.domain);
    const revoked = await fetchRecipient(uninstalled.domain, uninstalled.orderId, limiter).catch((caught: unknown) => caught);
    expect(revoked).toBeInstanceOf(ShopUnavailableError);
    expect(revoked).toMatchObject({ reason: "invalid_token", status: 401, permanent: true, message: expect.stringContaining("401") });

    const neverStored = await installShop("limiter-no-session.myshopify.com", "Basic", { storeSession: false });
    const missing = await fetchRecipient(neverStored.domain, neverStored.orderId, limiter).catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(ShopUnavailableError);
    expect(missing).toMatchObject({ reason: "no_offline_session", permanent: true });
    // Nothing was sent, and no points were spent, for a shop Candor cannot act for.
    expect(fake.graphqlRequests(neverStored.domain)).toEqual([]);
    expect(await limiter.status(neverStored.domain)).toBeNull();
  });

  it("refuses a query Shopify's schema rejects as a permanent AdminQueryError naming only the code", async () => {
    const { domain, orderId } = await installShop("limiter-bad-query.myshopify.com");
    const limiter = createCostLimiter(connect(), { prefix: newPrefix() });
    const error = await runAdminQuery(domain, `query Bad($id: ID!) { order(id: $id) { id emailMarketingStatus } }`, { id: orderId }, {
      estimatedCost: 2,
      limiter,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AdminQueryError);
    expect(error).toMatchObject({ errorCodes: ["undefinedField"], permanent: true });
    expect((error as Error).message).not.toContain("emailMarketingStatus");
  });

  it("reads a call that outlives its timeout as transient", async () => {
    const { domain, orderId } = await installShop("limiter-timeout.myshopify.com");
    const limiter = createCostLimiter(connect(), { prefix: newPrefix() });
    const error = await runAdminQuery(domain, RECIPIENT_QUERY, { id: orderId }, { estimatedCost: RECIPIENT_COST, limiter, timeoutMs: 1 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AdminApiTransientError);
    expect(error).toMatchObject({ reason: "timeout", permanent: false });
  });

  it("(e) a Shopify Plus shop's budget (1000/s, 20000) is learned from the first answer", async () => {
    const { domain, orderId } = await installShop("limiter-plus.myshopify.com", "Shopify Plus");
    const limiter = createCostLimiter(connect(), { prefix: newPrefix() });
    expect(await limiter.status(domain)).toBeNull();
    await fetchRecipient(domain, orderId, limiter);
    const learned = await limiter.status(domain);
    expect(learned).toMatchObject({ maximumAvailable: 20000, restoreRate: 1000 });
    expect(learned!.currentlyAvailable).toBeGreaterThan(19000);

    // 60 concurrent calls fit the Plus budget: none waits out its bound, none is throttled.
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => fetchRecipient(domain, orderId, limiter)));
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    expect(throttledByShopify(domain)).toEqual([]);
  });

  it("sends of one shop in flight together share one query, and each gets only its own order's customer and products", async () => {
    const first = await installShop("send-context-a.myshopify.com");
    const other = await installShop("send-context-b.myshopify.com");
    const ada = fake.addCustomer(first.domain, { email: "ada.context@example.org", firstName: "Ada", lastName: "Quist", marketingState: "SUBSCRIBED", locale: "de" });
    const [lamp, chair] = [fake.addProduct(first.domain, { title: "Brass lamp" }), fake.addProduct(first.domain, { title: "Oak chair" })];
    const adaOrder = fake.addOrder(first.domain, { customerId: ada.id, lineItems: [{ productId: lamp.id }, { productId: chair.id }] });
    const limiter = createCostLimiter(connect(), { prefix: newPrefix() });
    const before = { first: fake.graphqlRequests(first.domain).length, other: fake.graphqlRequests(other.domain).length };

    const [noor, adaContext, missing, elsewhere] = await Promise.all([
      fetchSendContext(first.domain, { orderId: first.orderId, productIds: [] }, limiter),
      fetchSendContext(first.domain, { orderId: toGid("Order", adaOrder.id), productIds: [toGid("Product", chair.id)] }, limiter),
      fetchSendContext(first.domain, { orderId: toGid("Order", "999999"), productIds: [toGid("Product", lamp.id)] }, limiter),
      fetchSendContext(other.domain, { orderId: other.orderId, productIds: [] }, limiter),
    ]);

    expect(fake.graphqlRequests(first.domain).length - before.first).toBe(1);
    expect(fake.graphqlRequests(other.domain).length - before.other).toBe(1);
    expect(noor.order?.customer).toMatchObject({ email: CUSTOMER_EMAIL, locale: "fr", marketingState: "SUBSCRIBED" });
    expect(noor.products).toEqual([]);
    expect(adaContext.order?.customer).toMatchObject({ email: "ada.context@example.org", locale: "de" });
    expect(adaContext.order?.remainingQuantityByProduct).toEqual({ [toGid("Product", lamp.id)]: 1, [toGid("Product", chair.id)]: 1 });
    // Only the products this send asked for, though the query fetched the batch's.
    expect(adaContext.products.map((product) => product.title)).toEqual(["Oak chair"]);
    expect(missing.order).toBeNull();
    expect(missing.products.map((product) => product.title)).toEqual(["Brass lamp"]);
    expect(elsewhere.order?.customer?.email).toBe(CUSTOMER_EMAIL);
    expect(elsewhere.shopName).not.toBe(noor.shopName);
  });
});
