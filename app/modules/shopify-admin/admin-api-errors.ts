/**
 * What can go wrong on a call to the Admin GraphQL API, sorted by what the caller should do.
 * Messages carry codes and HTTP statuses only: never a response body, a query's variables or
 * anything about a customer, so they are safe to log and to store as a job's failure reason.
 */

export type AdminApiErrorCode = "shopify_throttled" | "shop_unavailable" | "admin_api_transient" | "admin_query_failed";

export abstract class AdminApiError extends Error {
  abstract readonly code: AdminApiErrorCode;
  /** true: retrying cannot help (the job should fail for good). */
  abstract readonly permanent: boolean;

  constructor(
    readonly shop: string,
    message: string,
  ) {
    super(message);
  }
}

/** The shop's cost budget is spent: try again after `retryAfterMs` (delay the job, do not fail it). */
export class ShopifyThrottledError extends AdminApiError {
  override readonly name = "ShopifyThrottledError";
  readonly code = "shopify_throttled";
  readonly permanent = false;

  constructor(
    shop: string,
    readonly retryAfterMs: number,
    /** "limiter": held back before sending; "shopify": Shopify answered THROTTLED or 429. */
    readonly source: "limiter" | "shopify",
  ) {
    super(shop, `Admin API cost budget exhausted (${source}); retry after ${retryAfterMs} ms`);
  }
}

export type ShopUnavailableReason =
  | "no_offline_session"
  | "no_access_token"
  | "invalid_token"
  | "forbidden"
  | "payment_required"
  | "not_found"
  | "locked";

/** Candor cannot act for the shop (no offline session, token revoked, app uninstalled, shop closed). Permanent. */
export class ShopUnavailableError extends AdminApiError {
  override readonly name = "ShopUnavailableError";
  readonly code = "shop_unavailable";
  readonly permanent = true;

  constructor(
    shop: string,
    readonly reason: ShopUnavailableReason,
    /** HTTP status Shopify answered, when it answered. */
    readonly status?: number,
  ) {
    super(shop, `Shop unavailable to the Admin API (${reason}${status ? `, HTTP ${status}` : ""})`);
  }
}

export type AdminApiTransientReason = "network" | "timeout" | "server_error" | "unexpected_response";

/** The call did not get a usable answer (network, timeout, 5xx): retry later. */
export class AdminApiTransientError extends AdminApiError {
  override readonly name = "AdminApiTransientError";
  readonly code = "admin_api_transient";
  readonly permanent = false;

  constructor(
    shop: string,
    readonly reason: AdminApiTransientReason,
    readonly status?: number,
  ) {
    super(shop, `Admin API call failed (${reason}${status ? `, HTTP ${status}` : ""})`);
  }
}

/** Shopify refused the query itself (validation, access, cost too high): a bug, permanent. */
export class AdminQueryError extends AdminApiError {
  override readonly name = "AdminQueryError";
  readonly code = "admin_query_failed";
  readonly permanent = true;

  constructor(
    shop: string,
    /** GraphQL `extensions.code` of each error (e.g. "undefinedField", "ACCESS_DENIED"). */
    readonly errorCodes: readonly string[],
    readonly status?: number,
  ) {
    const what = errorCodes.length > 0 ? errorCodes.join(", ") : "no error code";
    super(shop, `Admin GraphQL query refused (${what}${status ? `, HTTP ${status}` : ""})`);
  }
}
