import {
  GraphqlQueryError,
  HttpMaxRetriesError,
  HttpRequestError,
  HttpResponseError,
  HttpThrottlingError,
  MissingRequiredArgument,
  SessionNotFoundError,
} from "~/shopify.server";

import {
  AdminApiTransientError,
  AdminQueryError,
  ShopifyThrottledError,
  ShopUnavailableError,
  type ShopUnavailableReason,
} from "./admin-api-errors";
import { computeThrottleRetryMs, MIN_THROTTLE_RETRY_MS } from "./compute-throttle-retry-ms";
import { readQueryCost } from "./read-query-cost";

const UNAVAILABLE_STATUSES: Readonly<Record<number, ShopUnavailableReason>> = {
  401: "invalid_token",
  402: "payment_required",
  403: "forbidden",
  404: "not_found",
  423: "locked",
};

/** GraphQL error codes that say Shopify failed, not the query. */
const TRANSIENT_GRAPHQL_CODES = new Set(["INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE", "TIMEOUT"]);

/** Codes are Shopify's identifiers; anything else is not repeated (it could be arbitrary text). */
function graphqlErrorCodes(body: unknown): string[] {
  const errors = (body as { errors?: { graphQLErrors?: unknown } } | null | undefined)?.errors?.graphQLErrors;
  if (!Array.isArray(errors)) return [];
  return errors.map((error: { extensions?: { code?: unknown } } | null) => {
    const code = error?.extensions?.code;
    return typeof code === "string" && /^[A-Za-z_]{1,64}$/.test(code) ? code : "UNKNOWN";
  });
}

/**
 * Sorts what the SDK threw into Candor's Admin API errors (see admin-api-errors.ts). The SDK's
 * errors carry the response body, which may hold customer data, so none of it is kept beyond
 * codes and numbers. Anything else (database, decryption) is returned unchanged.
 */
export function toAdminApiError(shop: string, error: unknown, context: { estimatedCost: number; timedOut: boolean }): unknown {
  if (error instanceof SessionNotFoundError) return new ShopUnavailableError(shop, "no_offline_session");
  if (error instanceof MissingRequiredArgument) return new ShopUnavailableError(shop, "no_access_token");

  if (error instanceof GraphqlQueryError) {
    const codes = graphqlErrorCodes(error.body);
    if (codes.includes("THROTTLED")) {
      const cost = readQueryCost(error.body);
      const retryAfterMs = computeThrottleRetryMs(cost?.requestedQueryCost ?? context.estimatedCost, cost?.throttleStatus);
      return new ShopifyThrottledError(shop, retryAfterMs, "shopify");
    }
    if (codes.length > 0 && codes.every((code) => TRANSIENT_GRAPHQL_CODES.has(code))) {
      return new AdminApiTransientError(shop, "server_error");
    }
    return new AdminQueryError(shop, codes);
  }

  if (error instanceof HttpThrottlingError) {
    const retryAfterSeconds = error.response.retryAfter;
    const retryAfterMs =
      typeof retryAfterSeconds === "number" && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0
        ? Math.max(MIN_THROTTLE_RETRY_MS, Math.ceil(retryAfterSeconds * 1000))
        : MIN_THROTTLE_RETRY_MS;
    return new ShopifyThrottledError(shop, retryAfterMs, "shopify");
  }
  if (error instanceof HttpResponseError) {
    const status = error.response.code;
    const unavailable = UNAVAILABLE_STATUSES[status];
    if (unavailable) return new ShopUnavailableError(shop, unavailable, status);
    if (status >= 500 || status === 408) return new AdminApiTransientError(shop, "server_error", status);
    // A body that could not be read or parsed arrives as an "error" with a 2xx status.
    if (status < 400) return new AdminApiTransientError(shop, context.timedOut ? "timeout" : "unexpected_response", status);
    return new AdminQueryError(shop, [], status);
  }
  if (error instanceof HttpRequestError) return new AdminApiTransientError(shop, context.timedOut ? "timeout" : "network");
  if (error instanceof HttpMaxRetriesError) return new AdminApiTransientError(shop, "server_error");
  return error;
}
