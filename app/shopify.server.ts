/**
 * The only door to the Shopify SDK. Routes and modules import what they need from here,
 * never from @shopify/* directly, so configuration (API version, session storage, the
 * local fake Shopify used by the demo and tests) is decided in one place.
 */
import "@shopify/shopify-app-remix/adapters/node";

import { RequestedTokenType, shopifyApi } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import {
  ApiVersion,
  AppDistribution,
  LogSeverity,
  shopifyApp,
} from "@shopify/shopify-app-remix/server";

import { getDb } from "~/db.server";
import { getEnv } from "~/modules/config/get-env.server";
import { getLogger } from "~/modules/observability/logger.server";
import { EncryptedSessionStorage } from "~/modules/sessions/encrypted-session-storage.server";
import { recordShopInstall } from "~/modules/shops/record-shop-install.server";

export const SHOPIFY_API_VERSION = ApiVersion.October26;

type ShopifyApp = ReturnType<typeof createShopifyApp>;

let app: ShopifyApp | undefined;

/**
 * Demo and tests only (the environment refuses it in production): every request the SDK
 * would send to https://{shop}/… goes to the local fake Shopify instead.
 */
function routeShopifyCallsTo(fakeOrigin: string): void {
  const realFetch = globalThis.fetch;
  setAbstractFetchFunc((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.hostname.endsWith(".myshopify.com")) {
      const rewritten = new URL(`/shops/${url.hostname}${url.pathname}${url.search}`, fakeOrigin);
      return realFetch(rewritten, init);
    }
    return realFetch(input, init);
  });
}

function createShopifyApp() {
  const env = getEnv();
  if (env.SHOPIFY_FAKE_ORIGIN) routeShopifyCallsTo(env.SHOPIFY_FAKE_ORIGIN);
  const logger = getLogger().child({ component: "shopify" });

  return shopifyApp({
    apiKey: env.SHOPIFY_API_KEY,
    apiSecretKey: env.SHOPIFY_API_SECRET,
    apiVersion: SHOPIFY_API_VERSION,
    scopes: env.SCOPES,
    appUrl: env.SHOPIFY_APP_URL,
    authPathPrefix: "/auth",
    distribution: AppDistribution.AppStore,
    // Offline tokens only: Candor acts for the shop, and staff identity comes from the
    // session token's `sub`, so no staff name or email is ever stored.
    useOnlineTokens: false,
    sessionStorage: new EncryptedSessionStorage(getDb, () => getEnv().ENCRYPTION_KEYS),
    future: { unstable_newEmbeddedAuthStrategy: true },
    logger: {
      level: env.LOG_LEVEL === "debug" || env.LOG_LEVEL === "trace" ? LogSeverity.Debug : LogSeverity.Info,
      httpRequests: false,
      timestamps: false,
      log: (severity, message) => {
        const level = severity <= LogSeverity.Error ? "error" : severity === LogSeverity.Warning ? "warn" : severity === LogSeverity.Debug ? "debug" : "info";
        logger[level]({ sdk: true }, message);
      },
    },
    hooks: {
      afterAuth: async ({ session }) => {
        await recordShopInstall(session.shop);
      },
    },
  });
}

export function getShopify(): ShopifyApp {
  app ??= createShopifyApp();
  return app;
}

export const authenticate = {
  admin: (request: Request) => getShopify().authenticate.admin(request),
  /**
   * Storefront requests forwarded by Shopify's app proxy: checks the `signature` and that the
   * `timestamp` is within 90 seconds. Throws a 400 Response for a bad signature and
   * InvalidHmacError for a missing or stale timestamp.
   */
  appProxy: (request: Request) => getShopify().authenticate.public.appProxy(request),
};

/**
 * Admin API access without a request (workers): `unauthenticated.admin(shop)` loads the shop's
 * offline session from session storage and returns `{ session, admin }`. It throws
 * SessionNotFoundError when there is none; it does not check the token, so a revoked one
 * (app uninstalled) shows up on the first call as an HttpResponseError with status 401.
 * `admin.graphql` never retries unless told (`tries`), throws GraphqlQueryError for any
 * GraphQL `errors` in a 200 answer (THROTTLED included: the cost is in `error.body.extensions`),
 * HttpResponseError for other statuses (HttpThrottlingError for 429, HttpInternalError for 5xx)
 * and HttpRequestError when no response came (network failure, timeout, abort).
 */
export const unauthenticated = {
  admin: (shop: string) => getShopify().unauthenticated.admin(shop),
};

export { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
export {
  GraphqlQueryError,
  HttpMaxRetriesError,
  HttpRequestError,
  HttpResponseError,
  HttpThrottlingError,
  MissingRequiredArgument,
} from "@shopify/shopify-api";

export function addDocumentResponseHeaders(request: Request, headers: Headers): void {
  getShopify().addDocumentResponseHeaders(request, headers);
}


type ShopifyApi = ReturnType<typeof createShopifyApi>;
let api: ShopifyApi | undefined;

/**
 * The plain API library, for checks that need no session (shop domains).
 * (The Remix package keeps its own instance private.)
 */
function createShopifyApi() {
  const env = getEnv();
  return shopifyApi({
    apiKey: env.SHOPIFY_API_KEY,
    apiSecretKey: env.SHOPIFY_API_SECRET,
    apiVersion: SHOPIFY_API_VERSION,
    scopes: env.SCOPES,
    hostName: new URL(env.SHOPIFY_APP_URL).host,
    hostScheme: new URL(env.SHOPIFY_APP_URL).protocol === "http:" ? "http" : "https",
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error, log: (_severity, message) => getLogger().error({ sdk: true }, message) },
  });
}

function getShopifyApi(): ShopifyApi {
  api ??= createShopifyApi();
  return api;
}



/**
 * Checks a Shopify session token (App Bridge's `Authorization: Bearer`) — signature with the app
 * secret, audience, expiry — without the admin's browser-only checks, for the JSON API. Throws
 * when it is not valid.
 */
export async function verifySessionToken(token: string): Promise<{ shop: string; userId: string | null }> {
  const payload = await getShopifyApi().session.decodeSessionToken(token);
  return { shop: new URL(payload.dest).hostname, userId: payload.sub ?? null };
}

export function sanitizeShopDomain(shop: string): string | null {
  return getShopifyApi().utils.sanitizeShop(shop) ?? null;
}

/**
 * Whether the user behind a session token owns the shop. Shopify says so only in the answer
 * to an online token exchange (`associated_user.account_owner`), so one is made: the online
 * token, the user's name and email in that answer are dropped here and never stored.
 */
export async function fetchAccountOwnership(shop: string, sessionToken: string): Promise<boolean> {
  // The app instance decides where Shopify calls go (the local fake in the demo and tests).
  getShopify();
  const { session } = await getShopifyApi().auth.tokenExchange({
    shop,
    sessionToken,
    requestedTokenType: RequestedTokenType.OnlineAccessToken,
  });
  return session.onlineAccessInfo?.associated_user.account_owner === true;
}
