/**
 * The fake's HTTP surface. Shopify URLs https://{shop}/{path} arrive rewritten by the app
 * as /shops/{shop}/{path}; storefront app-proxy paths under it are forwarded to the app;
 * /_fake/… is the control API.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

import { BodyTooLargeError, readRequestBody, sendJson } from "../http-helpers";
import { handleAppProxyRequest, matchAppProxyPath, type AppProxyConfig } from "./app-proxy";
import { handleControlRequest } from "./control-api";
import { handleAdminGraphql } from "./graphql-handler";
import { isShopDomain } from "./ids";
import { maskForm, type FakeShopifyState } from "./state";
import { handleAccessTokenRequest } from "./token-exchange";

export interface FakeShopifyServerConfig {
  state: FakeShopifyState;
  apiKey: string;
  apiSecret: string;
  autoCreateShops: boolean;
  /** The app's proxy settings (shopify.app.toml [app_proxy]); null until the app's URL is known. */
  appProxy: AppProxyConfig | null;
}

const SHOP_ROUTE = /^\/shops\/([^/]+)(\/.*)$/;
const GRAPHQL_ROUTE = /^\/admin\/api\/([^/]+)\/graphql\.json$/;
const TOKEN_ROUTE = "/admin/oauth/access_token";

function parseForm(rawBody: string, contentType: string | undefined): Record<string, string> {
  if (contentType?.startsWith("application/json")) {
    try {
      const parsed = JSON.parse(rawBody) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(rawBody));
}

function graphqlErrorCodes(body: unknown): string[] {
  const errors = body !== null && typeof body === "object" ? (body as { errors?: unknown }).errors : undefined;
  if (!Array.isArray(errors)) return [];
  return errors.map((error: { extensions?: { code?: unknown } } | null) => String(error?.extensions?.code ?? "UNKNOWN"));
}

async function handleShopRequest(
  request: IncomingMessage,
  response: ServerResponse,
  shop: string,
  shopPath: string,
  config: FakeShopifyServerConfig,
): Promise<void> {
  const { state } = config;
  const rawBody = await readRequestBody(request);
  const contentType = request.headers["content-type"];
  const graphqlMatch = GRAPHQL_ROUTE.exec(shopPath);
  const base = { method: request.method ?? "GET", path: request.url ?? "", shop };
  const requestId = randomUUID();

  if (request.method === "POST" && shopPath === TOKEN_ROUTE) {
    const form = parseForm(rawBody, contentType);
    const entry = state.recordRequest({ ...base, kind: "token", apiVersion: null, operationName: null, query: null, variables: null, form: maskForm(form) });
    const reply = await handleAccessTokenRequest(shop, form, {
      apiKey: config.apiKey, apiSecret: config.apiSecret, state, autoCreateShops: config.autoCreateShops,
    });
    entry.status = reply.status;
    return sendJson(response, reply.status, reply.body, { "X-Request-Id": requestId });
  }

  if (request.method === "POST" && graphqlMatch?.[1]) {
    const version = graphqlMatch[1];
    const token = request.headers["x-shopify-access-token"];
    const reply = await handleAdminGraphql(
      { shopDomain: shop, version, accessToken: typeof token === "string" ? token : undefined, contentType, rawBody },
      state,
      config.apiKey,
    );
    const entry = state.recordRequest({ ...base, kind: "graphql", apiVersion: version, form: null, ...reply.operation });
    entry.status = reply.status;
    entry.errorCodes = graphqlErrorCodes(reply.body);
    return sendJson(response, reply.status, reply.body, { "X-Request-Id": requestId, "X-Shopify-API-Version": version });
  }

  const entry = state.recordRequest({ ...base, kind: "other", apiVersion: null, operationName: null, query: null, variables: null, form: null });
  entry.status = 404;
  sendJson(response, 404, { errors: "Not Found" }, { "X-Request-Id": requestId });
}

async function route(request: IncomingMessage, response: ServerResponse, config: FakeShopifyServerConfig): Promise<void> {
  const url = new URL(request.url ?? "/", "http://fake-shopify.invalid");
  const shopMatch = SHOP_ROUTE.exec(url.pathname);
  if (shopMatch?.[1] && shopMatch[2]) {
    const shop = decodeURIComponent(shopMatch[1]);
    if (!isShopDomain(shop)) return sendJson(response, 404, { errors: "Not Found" });
    const { appProxy } = config;
    const rest = appProxy ? matchAppProxyPath(shopMatch[2], appProxy) : null;
    if (appProxy && rest !== null) {
      return handleAppProxyRequest({
        request, response, shop, rest, searchParams: url.searchParams, config: appProxy, state: config.state, apiSecret: config.apiSecret,
      });
    }
    return handleShopRequest(request, response, shop, shopMatch[2], config);
  }
  if (url.pathname.startsWith("/_fake/")) {
    const rawBody = await readRequestBody(request);
    const segments = url.pathname.slice("/_fake/".length).split("/").filter(Boolean).map(decodeURIComponent);
    const json = () => {
      if (!rawBody) return {};
      const parsed: unknown = JSON.parse(rawBody);
      return parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
    };
    try {
      return await handleControlRequest({ method: request.method ?? "GET", segments, searchParams: url.searchParams, json }, response, config);
    } catch (error) {
      return sendJson(response, 400, { error: error instanceof Error ? error.message : String(error) });
    }
  }
  if (url.pathname === "/" || url.pathname === "/_fake") {
    return sendJson(response, 200, { fakeShopify: true, shops: config.state.shopDomains() });
  }
  if (config.appProxy && matchAppProxyPath(url.pathname, config.appProxy) !== null) {
    return sendJson(response, 404, {
      errors: "Not Found",
      detail: `The storefront lives under /shops/{shop}/ in the fake: link and post relative to the current page, not to /${config.appProxy.prefix}/…`,
    });
  }
  sendJson(response, 404, { errors: "Not Found" });
}

export function createFakeShopifyServer(config: FakeShopifyServerConfig): Server {
  return createServer((request, response) => {
    route(request, response, config).catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      if (error instanceof BodyTooLargeError) return sendJson(response, 413, { errors: "Request Entity Too Large" });
      sendJson(response, 500, { errors: "Internal Server Error", detail: error instanceof Error ? error.message : String(error) });
    });
  });
}
