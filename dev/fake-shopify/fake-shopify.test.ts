import "@shopify/shopify-api/adapters/node";

import { ApiVersion, LogSeverity, RequestedTokenType, shopifyApi } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { mintSessionToken } from "../session-token";
import { createEmptyShopSeed, DEMO_IDS, DEMO_OWNER_USER_ID, DEMO_SHOP_DOMAIN, INVALID_TOKEN_MESSAGE, startFakeShopify, type FakeShopify } from "./index";

const API_KEY = "test-api-key";
const API_SECRET = "test-api-secret";
const VERSION = "2026-10";
const SHOP = DEMO_SHOP_DOMAIN;
const OTHER_SHOP = "other-store.myshopify.com";

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
const OFFLINE = "urn:shopify:params:oauth:token-type:offline-access-token";
const ONLINE = "urn:shopify:params:oauth:token-type:online-access-token";

interface GraphqlBody {
  data?: Record<string, any>;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
  extensions?: { cost: { requestedQueryCost: number; actualQueryCost: number | null; throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } } };
}

describe("fake Shopify", () => {
  let fake: FakeShopify;

  beforeAll(async () => {
    fake = await startFakeShopify({ apiKey: API_KEY, apiSecret: API_SECRET });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());

  async function exchange(overrides: Record<string, string> = {}, shop = SHOP) {
    const subjectToken = overrides.subject_token ?? (await mintSessionToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop }));
    const response = await fetch(`${fake.url}/shops/${shop}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({
        client_id: API_KEY,
        client_secret: API_SECRET,
        grant_type: TOKEN_EXCHANGE,
        subject_token_type: ID_TOKEN,
        requested_token_type: OFFLINE,
        expiring: "0",
        ...overrides,
        subject_token: subjectToken,
      }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  async function offlineToken(shop = SHOP): Promise<string> {
    const { body } = await exchange({}, shop);
    return body.access_token as string;
  }

  async function graphql(query: string, options: { variables?: object; token?: string; version?: string; shop?: string } = {}) {
    const response = await fetch(`${fake.url}/shops/${options.shop ?? SHOP}/admin/api/${options.version ?? VERSION}/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(options.token ? { "X-Shopify-Access-Token": options.token } : {}) },
      body: JSON.stringify({ query, variables: options.variables ?? {} }),
    });
    return { status: response.status, text: await response.clone().text(), body: (await response.json()) as GraphqlBody };
  }

  describe("token exchange", () => {
    it("trades a valid session token for an offline token, the same one each time", async () => {
      const first = await exchange();
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ access_token: expect.stringMatching(/^shpat_[0-9a-f]{32}$/), scope: "read_orders,read_customers,read_products" });
      const second = await exchange();
      expect(second.body.access_token).toBe(first.body.access_token);
      expect(fake.tokens(SHOP)).toHaveLength(1);
    });

    it("issues expiring offline tokens with a refresh token that rotates them", async () => {
      const { body } = await exchange({ expiring: "1" });
      expect(body).toMatchObject({ expires_in: 3600, refresh_token: expect.stringMatching(/^shprt_/), refresh_token_expires_in: 7776000 });

      const refreshed = await fetch(`${fake.url}/shops/${SHOP}/admin/oauth/access_token`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ client_id: API_KEY, client_secret: API_SECRET, grant_type: "refresh_token", refresh_token: body.refresh_token }),
      });
      const next = (await refreshed.json()) as Record<string, string>;
      expect(refreshed.status).toBe(200);
      expect(next.access_token).not.toBe(body.access_token);
      expect((await graphql("{ shop { name } }", { token: body.access_token })).status).toBe(401);
      expect((await graphql("{ shop { name } }", { token: next.access_token })).status).toBe(200);
    });

    it("returns an online token with the staff member behind the session token", async () => {
      const subjectToken = await mintSessionToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop: SHOP, userId: DEMO_OWNER_USER_ID });
      const { status, body } = await exchange({ requested_token_type: ONLINE, subject_token: subjectToken });
      expect(status).toBe(200);
      expect(body.access_token).toMatch(/^shpua_/);
      expect(body.associated_user).toMatchObject({ id: Number(DEMO_OWNER_USER_ID), account_owner: true, email: expect.stringMatching(/example\.com$/) });
      expect(body.expires_in).toBeGreaterThan(0);
    });

    it.each([
      ["signed with another secret", { apiKey: API_KEY, apiSecret: "not-the-secret", shop: SHOP }],
      ["expired", { apiKey: API_KEY, apiSecret: API_SECRET, shop: SHOP, expiresInSeconds: 60, clockSkewSeconds: -120 }],
      ["for another shop", { apiKey: API_KEY, apiSecret: API_SECRET, shop: OTHER_SHOP }],
      ["for another app", { apiKey: "another-app", apiSecret: API_SECRET, shop: SHOP }],
    ])("rejects a session token %s with invalid_subject_token", async (_case, tokenOptions) => {
      const { status, body } = await exchange({ subject_token: await mintSessionToken(tokenOptions) });
      expect(status).toBe(400);
      expect(body.error).toBe("invalid_subject_token");
      expect(fake.tokens(SHOP)).toHaveLength(0);
    });

    it("rejects a wrong client secret with 401 invalid_client", async () => {
      const { status, body } = await exchange({ client_secret: "wrong" });
      expect(status).toBe(401);
      expect(body.error).toBe("invalid_client");
    });

    it("masks secrets in the request log", async () => {
      await exchange();
      const [entry] = fake.requests;
      expect(entry).toMatchObject({ kind: "token", shop: SHOP, status: 200 });
      expect(entry?.form?.client_secret).not.toBe(API_SECRET);
      expect(entry?.form?.requested_token_type).toBe(OFFLINE);
    });
  });

  describe("Admin GraphQL", () => {
    it("answers 401 like Shopify without a token, with an unknown one, or with another shop's", async () => {
      const otherShopToken = await offlineToken(OTHER_SHOP);
      for (const token of [undefined, "shpat_unknown", otherShopToken]) {
        const { status, body } = await graphql("{ shop { name } }", { token });
        expect(status).toBe(401);
        expect(body).toEqual({ errors: INVALID_TOKEN_MESSAGE });
      }
    });

    it("answers 404 for an API version Shopify does not have", async () => {
      expect((await graphql("{ shop { name } }", { token: await offlineToken(), version: "2019-01" })).status).toBe(404);
    });

    it("rejects a query with a field the real schema lacks, naming the field", async () => {
      const { status, body } = await graphql(`{ customer(id: "gid://shopify/Customer/1") { id emailMarketingStatus } }`, { token: await offlineToken() });
      expect(status).toBe(200);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]).toMatchObject({
        message: "Field 'emailMarketingStatus' doesn't exist on type 'Customer'",
        extensions: { code: "undefinedField", fieldName: "emailMarketingStatus" },
      });
    });

    it("rejects a wrong argument type for flowTriggerReceive", async () => {
      const { body } = await graphql(`mutation { flowTriggerReceive(handle: 42, payload: {}) { userErrors { message } } }`, { token: await offlineToken() });
      expect(body.errors?.[0]?.message).toMatch(/handle|String/);
      expect(fake.flowTriggers).toHaveLength(0);
    });

    it("returns the seeded email and marketing consent of a customer, with the query cost", async () => {
      const query = `query Recipient($id: ID!) {
        customer(id: $id) {
          id displayName locale numberOfOrders tags
          defaultEmailAddress { emailAddress marketingState marketingOptInLevel marketingUpdatedAt }
          defaultAddress { countryCodeV2 }
        }
      }`;
      const { body } = await graphql(query, { token: await offlineToken(), variables: { id: `gid://shopify/Customer/${DEMO_IDS.customers.ada}` } });
      expect(body.errors).toBeUndefined();
      expect(body.data?.customer).toEqual({
        id: `gid://shopify/Customer/${DEMO_IDS.customers.ada}`,
        displayName: "Ada Fontaine",
        locale: "fr",
        numberOfOrders: "1",
        tags: ["vip"],
        defaultEmailAddress: {
          emailAddress: "ada.fontaine@example.com",
          marketingState: "SUBSCRIBED",
          marketingOptInLevel: "CONFIRMED_OPT_IN",
          marketingUpdatedAt: "2026-02-01T10:15:00Z",
        },
        defaultAddress: { countryCodeV2: "FR" },
      });
      expect(body.extensions?.cost).toMatchObject({ requestedQueryCost: expect.any(Number), throttleStatus: { maximumAvailable: 2000, restoreRate: 100 } });
      expect(fake.graphqlRequests(SHOP).at(-1)).toMatchObject({ operationName: "Recipient", variables: { id: `gid://shopify/Customer/${DEMO_IDS.customers.ada}` } });
    });

    it("keeps 64-bit ids exact in GIDs and legacy ids", async () => {
      const { text, body } = await graphql(
        `{ order(id: "gid://shopify/Order/${DEMO_IDS.orders.adaFulfilled}") { id legacyResourceId lineItems(first: 5) { nodes { product { id } } } } }`,
        { token: await offlineToken() },
      );
      expect(BigInt(DEMO_IDS.orders.adaFulfilled)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
      expect(body.data?.order.id).toBe(`gid://shopify/Order/${DEMO_IDS.orders.adaFulfilled}`);
      expect(body.data?.order.legacyResourceId).toBe(DEMO_IDS.orders.adaFulfilled);
      expect(text).toContain(`"gid://shopify/Product/${DEMO_IDS.products.beanie}"`);
    });

    it("resolves nodes across types, searches customers and returns null for unknown ids", async () => {
      const token = await offlineToken();
      const { body } = await graphql(
        `{
          nodes(ids: ["gid://shopify/Product/${DEMO_IDS.products.tote}", "gid://shopify/Order/${DEMO_IDS.orders.guest}", "gid://shopify/Customer/1"]) {
            __typename ... on Product { handle featuredMedia { ... on MediaImage { image { url } } } } ... on Order { customer { id } email }
          }
          customers(first: 5, query: "email:jonas.becker@example.org") { edges { node { firstName } } pageInfo { hasNextPage } }
        }`,
        { token },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.nodes).toEqual([
        { __typename: "Product", handle: "organic-cotton-tote-bag", featuredMedia: { image: { url: `https://${SHOP}/cdn/shop/files/organic-cotton-tote-bag.jpg` } } },
        { __typename: "Order", customer: null, email: "lee.guest@example.org" },
        null,
      ]);
      expect(body.data?.customers).toEqual({ edges: [{ node: { firstName: "Jonas" } }], pageInfo: { hasNextPage: false } });
    });

    it("answers the scope query @shopify/shopify-app-remix makes on its own", async () => {
      const { body } = await graphql(
        `query FetchAccessScopes { app { requestedAccessScopes { handle } optionalAccessScopes { handle } installation { accessScopes { handle } } } }`,
        { token: await offlineToken() },
      );
      const handles = [{ handle: "read_orders" }, { handle: "read_customers" }, { handle: "read_products" }];
      expect(body.data?.app).toEqual({ requestedAccessScopes: handles, optionalAccessScopes: [], installation: { accessScopes: handles } });
    });

    it("denies fields outside the granted scopes, as Shopify does", async () => {
      const narrow = await startFakeShopify({ apiKey: API_KEY, apiSecret: API_SECRET, scopes: "read_orders" });
      try {
        const token = narrow.issueOfflineToken(SHOP);
        const response = await fetch(`${narrow.url}/shops/${SHOP}/admin/api/${VERSION}/graphql.json`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
          body: JSON.stringify({ query: `{ order(id: "gid://shopify/Order/${DEMO_IDS.orders.adaFulfilled}") { name customer { defaultEmailAddress { emailAddress } } } }` }),
        });
        const body = (await response.json()) as GraphqlBody;
        expect(body.data?.order).toEqual({ name: "#1001", customer: null });
        expect(body.errors?.[0]).toMatchObject({ path: ["order", "customer"], extensions: { code: "ACCESS_DENIED" } });
      } finally {
        await narrow.close();
      }
    });

    it("answers THROTTLED while throttling is forced, through the control API too", async () => {
      const token = await offlineToken();
      fake.setThrottled(SHOP, true);
      const throttled = await graphql("{ shop { name } }", { token });
      expect(throttled.status).toBe(200);
      expect(throttled.body.data).toBeUndefined();
      expect(throttled.body.errors?.[0]).toMatchObject({ message: "Throttled", extensions: { code: "THROTTLED" } });
      expect(throttled.body.extensions?.cost.throttleStatus.maximumAvailable).toBe(2000);

      await fetch(`${fake.url}/_fake/shops/${SHOP}/throttle`, { method: "POST", body: JSON.stringify({ on: false }) });
      expect((await graphql("{ shop { name } }", { token })).body.data?.shop.name).toBe("Candor Demo Store");
    });

    it("throttles when the cost bucket is empty and charges each query", async () => {
      const token = await offlineToken();
      const before = (await graphql("{ products(first: 50) { nodes { id title } } }", { token })).body.extensions!.cost;
      expect(before.requestedQueryCost).toBe(52);
      expect(before.actualQueryCost).toBe(8);
      expect(before.throttleStatus.currentlyAvailable).toBeLessThanOrEqual(2000 - 8);

      fake.drainBucket(SHOP);
      const { body } = await graphql("{ products(first: 50) { nodes { id } } }", { token });
      expect(body.errors?.[0]?.extensions?.code).toBe("THROTTLED");
      expect(body.extensions?.cost.throttleStatus.currentlyAvailable).toBeLessThan(52);
    });

    it("sizes the cost bucket by the shop's plan, as Shopify does", async () => {
      const plans = [
        ["plus-store.myshopify.com", "Shopify Plus", { maximumAvailable: 20000, restoreRate: 1000 }, true],
        ["advanced-store.myshopify.com", "Advanced", { maximumAvailable: 4000, restoreRate: 200 }, false],
        ["basic-store.myshopify.com", "Basic", { maximumAvailable: 2000, restoreRate: 100 }, false],
      ] as const;
      for (const [domain, planDisplayName, budget, shopifyPlus] of plans) {
        fake.addShop({ ...createEmptyShopSeed(domain, "7340000000000000003"), planDisplayName });
        const { body } = await graphql("{ shop { plan { displayName shopifyPlus } } }", { token: fake.issueOfflineToken(domain), shop: domain });
        expect(body.data?.shop.plan).toEqual({ displayName: planDisplayName, shopifyPlus });
        expect(body.extensions?.cost.throttleStatus).toMatchObject(budget);
        expect(body.extensions?.cost.throttleStatus.currentlyAvailable).toBeGreaterThan(budget.maximumAvailable - 10);
      }

      // A Plus shop regains 1000 points a second, and a seed may set a budget of its own.
      fake.drainBucket("plus-store.myshopify.com");
      await new Promise((resolve) => setTimeout(resolve, 200));
      const drained = (await graphql("{ shop { name } }", { token: fake.issueOfflineToken("plus-store.myshopify.com"), shop: "plus-store.myshopify.com" })).body;
      expect(drained.errors).toBeUndefined();
      expect(drained.extensions?.cost.throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(150);
      fake.addShop({ ...createEmptyShopSeed("custom-store.myshopify.com", "7340000000000000004"), costBudget: { maximumAvailable: 50, restoreRate: 5 } });
      const custom = (await graphql("{ shop { name } }", { token: fake.issueOfflineToken("custom-store.myshopify.com"), shop: "custom-store.myshopify.com" })).body;
      expect(custom.extensions?.cost.throttleStatus).toMatchObject({ maximumAvailable: 50, restoreRate: 5 });
    });

    it("records the error codes of each GraphQL response", async () => {
      const token = await offlineToken();
      fake.setThrottled(SHOP, true);
      await graphql("{ shop { name } }", { token });
      fake.setThrottled(SHOP, false);
      await graphql("{ shop { name } }", { token });
      expect(fake.graphqlRequests(SHOP).map((entry) => entry.errorCodes)).toEqual([["THROTTLED"], []]);
    });

    it("records flowTriggerReceive calls for tests to read back", async () => {
      const payload = { "Order ID": `gid://shopify/Order/${DEMO_IDS.orders.adaFulfilled}`, review_url: "https://candor.example.com/r/abc" };
      const { body } = await graphql(
        `mutation Fire($handle: String!, $payload: JSON!) { flowTriggerReceive(handle: $handle, payload: $payload) { userErrors { field message } } }`,
        { token: await offlineToken(), variables: { handle: "review-request-due", payload } },
      );
      expect(body.data?.flowTriggerReceive).toEqual({ userErrors: [] });
      expect(fake.flowTriggers).toEqual([expect.objectContaining({ shop: SHOP, handle: "review-request-due", payload, accepted: true })]);
      const overHttp = (await (await fetch(`${fake.url}/_fake/flow-triggers`)).json()) as unknown[];
      expect(overHttp).toHaveLength(1);
    });

    it("stops accepting a shop's tokens after uninstall", async () => {
      const token = await offlineToken();
      fake.uninstall(SHOP);
      expect((await graphql("{ shop { name } }", { token })).status).toBe(401);
      const reinstalled = await offlineToken();
      expect(reinstalled).not.toBe(token);
      expect((await graphql("{ shop { name } }", { token: reinstalled })).status).toBe(200);
    });

    it("sees data changed by tests, in process or over the control API", async () => {
      const token = await offlineToken();
      fake.updateCustomer(SHOP, DEMO_IDS.customers.ada, { marketingState: "UNSUBSCRIBED" });
      await fetch(`${fake.url}/_fake/shops/${SHOP}/customers/${DEMO_IDS.customers.jonas}`, { method: "DELETE" });
      const { body } = await graphql(
        `{ ada: customer(id: "gid://shopify/Customer/${DEMO_IDS.customers.ada}") { defaultEmailAddress { marketingState } }
           jonas: customer(id: "gid://shopify/Customer/${DEMO_IDS.customers.jonas}") { id } }`,
        { token },
      );
      expect(body.data).toEqual({ ada: { defaultEmailAddress: { marketingState: "UNSUBSCRIBED" } }, jonas: null });
    });
  });

  describe("with @shopify/shopify-api as the app uses it", () => {
    it("exchanges a session token and queries through the SDK's GraphQL client", async () => {
      const realFetch = globalThis.fetch;
      setAbstractFetchFunc((input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        return realFetch(new URL(`/shops/${url.hostname}${url.pathname}${url.search}`, fake.url), init);
      });
      const api = shopifyApi({
        apiKey: API_KEY,
        apiSecretKey: API_SECRET,
        apiVersion: ApiVersion.October26,
        hostName: "candor.example.com",
        isEmbeddedApp: true,
        scopes: ["read_orders", "read_customers", "read_products"],
        logger: { level: LogSeverity.Error },
      });
      const sessionToken = await mintSessionToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop: SHOP });
      const { session } = await api.auth.tokenExchange({ shop: SHOP, sessionToken, requestedTokenType: RequestedTokenType.OfflineAccessToken });
      expect(session.accessToken).toMatch(/^shpat_/);
      expect(session.isOnline).toBe(false);

      const client = new api.clients.Graphql({ session });
      const response = await client.request<{ product: { title: string } }>(`query P($id: ID!) { product(id: $id) { title } }`, {
        variables: { id: `gid://shopify/Product/${DEMO_IDS.products.dripper}` },
      });
      expect(response.data?.product.title).toBe("Ceramic Pour-Over Coffee Dripper");
    });
  });

  describe("session tokens", () => {
    it("carry the claims Shopify admin puts in them", async () => {
      const token = await mintSessionToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop: SHOP, userId: "42" });
      const claims = decodeJwt(token);
      expect(claims).toMatchObject({ iss: `https://${SHOP}/admin`, dest: `https://${SHOP}`, aud: API_KEY, sub: "42" });
      expect(claims.exp! - claims.iat!).toBe(60);
      expect(claims.nbf).toBe(claims.iat);
      expect(typeof claims.jti).toBe("string");
      expect(typeof claims.sid).toBe("string");
    });
  });
});
