/**
 * A fake Shopify at the HTTP boundary, for tests and the demo: OAuth token exchange,
 * Admin GraphQL validated against Shopify's real schema and executed over demo data,
 * cost-based throttling, Flow triggers, and a control API under /_fake/.
 *
 * The app must rewrite every https://{shop}/{path} it calls to {fake.url}/shops/{shop}/{path}.
 * The storefront's app proxy is {fake.url}/shops/{shop}/{prefix}/{subpath}/… (see app-proxy.ts).
 */
import { listAdminApiVersions, loadAdminApi } from "./admin-schema";
import { checkAppProxyConfig, type AppProxyConfig } from "./app-proxy";
import { createDemoShopSeed } from "./demo-shop";
import { closeServer, listen } from "../http-helpers";
import { createFakeShopifyServer, type FakeShopifyServerConfig } from "./server";
import { sendWebhook as deliverWebhook } from "./send-webhook";
import {
  addCustomer,
  addOrder,
  addProduct,
  fulfillOrder,
  removeCustomer,
  updateCustomer,
  type NewCustomer,
  type NewOrder,
  type NewProduct,
} from "./shop-records";
import { FakeShopifyState, type IssuedToken, type RecordedFlowTrigger, type RecordedRequest } from "./state";
import type { FakeCustomer, FakeOrder, FakeProduct, FakeShopSeed } from "./types";
import { buildWebhookBody, type SupportedWebhookTopic, type WebhookSubject } from "./webhook-payloads";

export { appProxySignedString, signAppProxyQuery, type AppProxyConfig } from "./app-proxy";
export { createDemoShopSeed, createEmptyShopSeed, DEMO_IDS, DEMO_OWNER_USER_ID, DEMO_SHOP_DOMAIN, DEMO_STAFF } from "./demo-shop";
export { toGid, parseGid } from "./ids";
export { sendWebhook, signWebhookBody } from "./send-webhook";
export { buildOrdersFulfilledBody, buildWebhookBody, SUPPORTED_WEBHOOK_TOPICS } from "./webhook-payloads";
export { INVALID_TOKEN_MESSAGE } from "./graphql-handler";
export type * from "./types";
export type { IssuedToken, RecordedFlowTrigger, RecordedRequest, ShopSnapshot } from "./state";
export type { SupportedWebhookTopic, WebhookSubject } from "./webhook-payloads";

/** The scopes of shopify.app.toml; what a token exchange grants unless told otherwise. */
export const DEFAULT_FAKE_SCOPES = "read_orders,read_customers,read_products";

export interface StartFakeShopifyOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  apiKey: string;
  apiSecret: string;
  /** Defaults to the demo shop only. */
  shops?: FakeShopSeed[];
  /** Comma-separated scopes granted to every token; access to fields is checked against them. */
  scopes?: string;
  /** Token exchange for an unseeded shop installs it as an empty store (default true). */
  autoCreateShops?: boolean;
  /** Admin API versions whose schema is loaded before start() resolves (default ["2026-10"]). */
  preloadApiVersions?: string[];
  /**
   * The app proxy of shopify.app.toml, with url the app's proxy base as reachable from the fake
   * (e.g. "http://127.0.0.1:3000/proxy"). Can be set later with setAppProxy.
   */
  appProxy?: AppProxyConfig;
}

export interface SendFakeWebhookOptions {
  /** Full URL of the app's webhook route, e.g. "http://127.0.0.1:3000/webhooks". */
  address: string;
  topic: SupportedWebhookTopic;
  shop: string;
  subject?: WebhookSubject;
  webhookId?: string;
}

export interface FakeShopify {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  state: FakeShopifyState;
  /** Every request under /shops/ (including app-proxy forwards), oldest first (live array). */
  readonly requests: readonly RecordedRequest[];
  /** Every flowTriggerReceive call (live array). */
  readonly flowTriggers: readonly RecordedFlowTrigger[];
  graphqlRequests(shop?: string): RecordedRequest[];
  /** Live data of a shop: edits are seen by the next GraphQL query. */
  shopData(shop: string): FakeShopSeed | undefined;
  addShop(seed: FakeShopSeed): void;
  tokens(shop: string): IssuedToken[];
  /** A valid non-expiring offline token without a token exchange (for worker tests). */
  issueOfflineToken(shop: string): string;
  setThrottled(shop: string, on: boolean): void;
  /** Empties the cost bucket: the next queries are throttled until it refills (100/s on standard plans). */
  drainBucket(shop: string): void;
  /** Every token of the shop stops working, as after the merchant uninstalls the app. */
  uninstall(shop: string): void;
  addCustomer(shop: string, input: NewCustomer): FakeCustomer;
  updateCustomer(shop: string, id: string, patch: Partial<FakeCustomer>): FakeCustomer;
  removeCustomer(shop: string, id: string): boolean;
  addProduct(shop: string, input: NewProduct): FakeProduct;
  addOrder(shop: string, input: NewOrder): FakeOrder;
  fulfillOrder(shop: string, orderId: string, shipment?: Parameters<typeof fulfillOrder>[3]): FakeOrder;
  webhookBody(topic: SupportedWebhookTopic, shop: string, subject?: WebhookSubject): string;
  /** Builds the topic's body from the shop's data and delivers it signed, like Shopify. */
  sendWebhook(options: SendFakeWebhookOptions): Promise<Response>;
  /**
   * Storefront requests to {url}/shops/{shop}/{prefix}/{subpath}/… are forwarded, signed, to
   * config.url/…; null turns the app proxy off (such paths answer 404). Survives reset().
   */
  setAppProxy(config: AppProxyConfig | null): void;
  reset(options?: { keepTokens?: boolean }): void;
  close(): Promise<void>;
}

export async function startFakeShopify(options: StartFakeShopifyOptions): Promise<FakeShopify> {
  const { apiKey, apiSecret } = options;
  const preload = options.preloadApiVersions ?? ["2026-10"];
  const available = listAdminApiVersions();
  await Promise.all(preload.filter((version) => available.includes(version)).map((version) => loadAdminApi(version)));

  const state = new FakeShopifyState(options.shops ?? [createDemoShopSeed()], options.scopes ?? DEFAULT_FAKE_SCOPES);
  const serverConfig: FakeShopifyServerConfig = {
    state,
    apiKey,
    apiSecret,
    autoCreateShops: options.autoCreateShops ?? true,
    appProxy: options.appProxy ? checkAppProxyConfig(options.appProxy) : null,
  };
  const server = createFakeShopifyServer(serverConfig);
  const host = options.host ?? "127.0.0.1";
  const port = await listen(server, options.port ?? 0, host);

  const requireShop = (shop: string) => {
    const found = state.shop(shop);
    if (!found) throw new Error(`The fake Shopify has no shop ${shop}`);
    return found;
  };

  return {
    url: `http://${host}:${port}`,
    port,
    state,
    get requests() {
      return state.requests;
    },
    get flowTriggers() {
      return state.flowTriggers;
    },
    graphqlRequests: (shop) => state.requests.filter((entry) => entry.kind === "graphql" && (!shop || entry.shop === shop)),
    shopData: (shop) => state.shop(shop)?.data,
    addShop: (seed) => void state.addShop(seed),
    tokens: (shop) => state.shop(shop)?.tokens ?? [],
    issueOfflineToken: (shop) => {
      const existing = state.shop(shop)?.tokens.find((token) => token.kind === "offline" && token.expiresAt === null && token.revokedAt === null);
      if (existing && state.shop(shop)?.installed) return existing.accessToken;
      return state.issueToken(shop, { kind: "offline", expiresAt: null, userId: null, refreshToken: null, refreshTokenExpiresAt: null }).accessToken;
    },
    setThrottled: (shop, on) => state.setThrottled(shop, on),
    drainBucket: (shop) => state.ensureShop(shop).bucket.drain(),
    uninstall: (shop) => state.uninstall(shop),
    addCustomer: (shop, input) => addCustomer(state, shop, input),
    updateCustomer: (shop, id, patch) => updateCustomer(state, shop, id, patch),
    removeCustomer: (shop, id) => removeCustomer(state, shop, id),
    addProduct: (shop, input) => addProduct(state, shop, input),
    addOrder: (shop, input) => addOrder(state, shop, input),
    fulfillOrder: (shop, orderId, shipment) => fulfillOrder(state, shop, orderId, shipment),
    webhookBody: (topic, shop, subject) => buildWebhookBody(topic, requireShop(shop).data, subject),
    sendWebhook: ({ address, topic, shop, subject, webhookId }) => {
      const target = new URL(address);
      return deliverWebhook({
        appUrl: target.origin,
        path: `${target.pathname}${target.search}`,
        topic,
        shop,
        body: buildWebhookBody(topic, requireShop(shop).data, subject),
        apiSecret,
        webhookId,
      });
    },
    setAppProxy: (config) => {
      serverConfig.appProxy = config ? checkAppProxyConfig(config) : null;
    },
    reset: (resetOptions) => state.reset(resetOptions),
    close: () => closeServer(server),
  };
}
