import {
  GraphqlQueryError,
  HttpInternalError,
  HttpRequestError,
  HttpResponseError,
  HttpThrottlingError,
  MissingRequiredArgument,
} from "@shopify/shopify-api";
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import { describe, expect, it } from "vitest";

import { AdminApiTransientError, AdminQueryError, ShopifyThrottledError, ShopUnavailableError } from "./admin-api-errors";
import { toAdminApiError } from "./to-admin-api-error.server";

const SHOP = "errors.myshopify.com";
const EMAIL = "private.person@example.org";
const context = { estimatedCost: 45, timedOut: false };

function graphqlError(errors: Array<{ message: string; extensions?: Record<string, unknown> }>, extensions?: unknown) {
  const body = { data: { order: { email: EMAIL } }, extensions, errors: { networkStatusCode: 200, message: "GraphQL Client: error", graphQLErrors: errors } };
  return new GraphqlQueryError({ message: errors[0]?.message ?? "failed", response: { email: EMAIL }, headers: {}, body: body as never });
}

function httpError(code: number, Type: new (params: ConstructorParameters<typeof HttpResponseError>[0]) => HttpResponseError = HttpResponseError) {
  return new Type({ message: `Received an error response (${code}) from Shopify: ${EMAIL}`, code, statusText: "x", body: { email: EMAIL }, headers: {} });
}

describe("toAdminApiError", () => {
  it("reads THROTTLED in a 200 answer as a delay computed from Shopify's throttle status", () => {
    const error = toAdminApiError(
      SHOP,
      graphqlError([{ message: "Throttled", extensions: { code: "THROTTLED" } }], {
        cost: { requestedQueryCost: 450, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 50, restoreRate: 100 } },
      }),
      context,
    );
    expect(error).toBeInstanceOf(ShopifyThrottledError);
    expect(error).toMatchObject({ shop: SHOP, retryAfterMs: 4000, source: "shopify", permanent: false });
  });

  it("reads 429 as a delay from Retry-After", () => {
    const error = new HttpThrottlingError({ message: "throttled", code: 429, statusText: "Too Many Requests", body: {}, headers: {}, retryAfter: 2.5 });
    expect(toAdminApiError(SHOP, error, context)).toMatchObject({ retryAfterMs: 2500, source: "shopify" });
  });

  it.each([
    [401, "invalid_token"],
    [402, "payment_required"],
    [403, "forbidden"],
    [404, "not_found"],
    [423, "locked"],
  ])("reads HTTP %i as a shop Candor cannot act for (%s)", (status, reason) => {
    const error = toAdminApiError(SHOP, httpError(status), context);
    expect(error).toBeInstanceOf(ShopUnavailableError);
    expect(error).toMatchObject({ reason, status, permanent: true });
  });

  it("reads a missing session or access token as a shop Candor cannot act for", () => {
    expect(toAdminApiError(SHOP, new SessionNotFoundError("no session"), context)).toMatchObject({ reason: "no_offline_session" });
    expect(toAdminApiError(SHOP, new MissingRequiredArgument("Missing access token"), context)).toMatchObject({ reason: "no_access_token" });
  });

  it("reads 5xx, no response and timeouts as transient", () => {
    expect(toAdminApiError(SHOP, httpError(503, HttpInternalError), context)).toMatchObject({ reason: "server_error", status: 503, permanent: false });
    expect(toAdminApiError(SHOP, new HttpRequestError("Http request error, no response available"), context)).toMatchObject({ reason: "network" });
    expect(toAdminApiError(SHOP, new HttpRequestError("aborted"), { ...context, timedOut: true })).toMatchObject({ reason: "timeout" });
    const internal = toAdminApiError(SHOP, graphqlError([{ message: "Internal error", extensions: { code: "INTERNAL_SERVER_ERROR" } }]), context);
    expect(internal).toBeInstanceOf(AdminApiTransientError);
  });

  it("reads a refused query as a permanent AdminQueryError carrying only the codes", () => {
    const error = toAdminApiError(
      SHOP,
      graphqlError([
        { message: `Field 'x' doesn't exist on type 'Order' ${EMAIL}`, extensions: { code: "undefinedField" } },
        { message: "Access denied", extensions: { code: `${EMAIL} not a code` } },
      ]),
      context,
    );
    expect(error).toBeInstanceOf(AdminQueryError);
    expect(error).toMatchObject({ errorCodes: ["undefinedField", "UNKNOWN"], permanent: true });
    expect(toAdminApiError(SHOP, httpError(400), context)).toMatchObject({ errorCodes: [], status: 400 });
  });

  it("never repeats the response in a message, and leaves other errors alone", () => {
    const errors = [
      toAdminApiError(SHOP, httpError(401), context),
      toAdminApiError(SHOP, httpError(500, HttpInternalError), context),
      toAdminApiError(SHOP, graphqlError([{ message: EMAIL, extensions: { code: "ACCESS_DENIED" } }]), context),
    ] as Error[];
    for (const error of errors) {
      expect(error.message).not.toContain(EMAIL);
      expect(JSON.stringify(error)).not.toContain(EMAIL);
      expect(error.cause).toBeUndefined();
    }
    const other = new Error("database down");
    expect(toAdminApiError(SHOP, other, context)).toBe(other);
  });
});
