import { getLogger } from "~/modules/observability/logger.server";
import { GraphqlQueryError, unauthenticated } from "~/shopify.server";

import { AdminApiTransientError, ShopifyThrottledError, ShopUnavailableError } from "./admin-api-errors";
import type { CostLimiter, CostSettlement, ThrottleStatus } from "./create-cost-limiter.server";
import { forgetShopAdmin } from "./forget-shop-admin.server";
import { readQueryCost } from "./read-query-cost";
import { shopAdminCache, type ShopAdmin } from "./shop-admin-cache.server";
import { toAdminApiError } from "./to-admin-api-error.server";

export interface RunAdminQueryOptions {
  /** Points reserved before the call: the query's requested cost (Shopify checks that one). */
  estimatedCost: number;
  limiter: CostLimiter;
  /** Longest the call waits, in all, for its points before giving up. Default 2000 ms. */
  maxWaitMs?: number;
  /** The HTTP call is aborted after this long. Default 10 000 ms. */
  timeoutMs?: number;
}

const DEFAULT_MAX_WAIT_MS = 2_000;
const DEFAULT_TIMEOUT_MS = 10_000;
/** Spreads the retries of callers told the same wait, so they do not all come back at once. */
const RETRY_JITTER_MS = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function reserveBudget(shop: string, options: RunAdminQueryOptions): Promise<void> {
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const started = Date.now();
  for (;;) {
    const reservation = await options.limiter.reserve(shop, options.estimatedCost);
    if (reservation.granted) return;
    const waited = Date.now() - started;
    if (waited + reservation.retryAfterMs > maxWaitMs) {
      throw new ShopifyThrottledError(shop, reservation.retryAfterMs, "limiter");
    }
    await sleep(reservation.retryAfterMs + Math.floor(Math.random() * RETRY_JITTER_MS));
  }
}

/** The limiter only steers; a Redis hiccup after Shopify answered must not lose the answer. */
async function observeCost(options: RunAdminQueryOptions, shop: string, status: ThrottleStatus, settlement?: CostSettlement): Promise<void> {
  try {
    await options.limiter.observe(shop, status, settlement);
  } catch (error) {
    getLogger().warn({ shop, reason: error instanceof Error ? error.name : "unknown" }, "could not record Shopify's cost status");
  }
}

/**
 * One Admin GraphQL query for a shop, as its offline session, within the shop's cost budget:
 * reserves `estimatedCost` points from the limiter first (waiting up to `maxWaitMs`), then
 * feeds Shopify's throttle status back. Returns `data`.
 *
 * Throws ShopifyThrottledError (delay and retry), ShopUnavailableError (no session, token
 * revoked: permanent), AdminApiTransientError (network, 5xx, timeout: retry) or AdminQueryError
 * (Shopify refused the query: permanent).
 */
export async function runAdminQuery<T>(
  shop: string,
  query: string,
  variables: Record<string, unknown>,
  options: RunAdminQueryOptions,
): Promise<T> {
  const context = { estimatedCost: options.estimatedCost, timedOut: false };
  const cached = await loadShopAdmin(shop, context);

  await reserveBudget(shop, options);

  let body: { data?: T; extensions?: unknown };
  try {
    body = await queryAsShop<T>(cached, shop, query, variables, options);
  } catch (failure) {
    // A 401 for a session loaded earlier: the shop may have reinstalled (a new token) since.
    if (!(failure instanceof ShopUnavailableError)) throw failure;
    forgetShopAdmin(shop);
    const stored = await loadShopAdmin(shop, context);
    if (stored.session.accessToken === cached.session.accessToken) throw failure;
    body = await queryAsShop<T>(stored, shop, query, variables, options);
  }

  const cost = readQueryCost(body);
  if (cost) {
    const settlement = cost.actualQueryCost === null ? undefined : { reserved: options.estimatedCost, charged: cost.actualQueryCost };
    await observeCost(options, shop, cost.throttleStatus, settlement);
  }
  if (body.data === undefined || body.data === null) throw new AdminApiTransientError(shop, "unexpected_response");
  return body.data;
}

/** The shop's offline session and Admin API client, kept per process (shop-admin-cache). */
function loadShopAdmin(shop: string, context: { estimatedCost: number; timedOut: boolean }): Promise<ShopAdmin> {
  return shopAdminCache.get(shop, async () => {
    try {
      const loaded = await unauthenticated.admin(shop);
      if (!loaded.session.accessToken) throw new ShopUnavailableError(shop, "no_access_token");
      return loaded;
    } catch (error) {
      throw toAdminApiError(shop, error, context);
    }
  });
}

/** One GraphQL call; a failure becomes one of Candor's Admin API errors, its cost recorded. */
async function queryAsShop<T>(
  { admin }: ShopAdmin,
  shop: string,
  query: string,
  variables: Record<string, unknown>,
  options: RunAdminQueryOptions,
): Promise<{ data?: T; extensions?: unknown }> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    const response = await admin.graphql(query, { variables, signal });
    return (await response.json()) as { data?: T; extensions?: unknown };
  } catch (error) {
    const failure = toAdminApiError(shop, error, { estimatedCost: options.estimatedCost, timedOut: signal.aborted });
    const cost = error instanceof GraphqlQueryError ? readQueryCost(error.body) : undefined;
    if (cost) {
      // A throttled query did not run and cost nothing; other errors may have cost something.
      const charged = cost.actualQueryCost ?? (failure instanceof ShopifyThrottledError ? 0 : null);
      await observeCost(options, shop, cost.throttleStatus, charged === null ? undefined : { reserved: options.estimatedCost, charged });
    }
    throw failure;
  }
}
