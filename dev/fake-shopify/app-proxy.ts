/**
 * Shopify's app proxy: a storefront request to https://{shop}/{prefix}/{subpath}/{rest}?{query}
 * is forwarded to the app's proxy URL + /{rest} with the original query plus `shop`,
 * `logged_in_customer_id` (empty when nobody is logged in), `path_prefix`, `timestamp` and
 * `signature`. Shopify answers the visitor with the app's response, without its cookies.
 *
 * In the fake, the storefront https://{shop}/{path} is {fake.url}/shops/{shop}/{path}, like
 * every other Shopify URL. A page served through the proxy therefore lives under
 * /shops/{shop}/apps/candor/…, and a root-relative link or form action in it
 * (action="/apps/candor/review") would leave the shop in the fake (it works on a real
 * storefront). Pages should use actions relative to the current page instead
 * (action="" posts back to the same URL with its query; action="review" to the sibling
 * path), which resolve the same way on both. Root-relative redirects (Location) are
 * mapped into the shop by the fake, as the storefront would resolve them.
 *
 * Test hooks, as request headers (never sent on to the app):
 *   X-Fake-Logged-In-Customer-Id: 123   the logged-in customer (default: nobody)
 *   X-Fake-Proxy-Timestamp: 1700000000  the signed timestamp (default: now), to test staleness
 */
import { createHmac } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

import { BodyTooLargeError, sendJson } from "../http-helpers";
import type { FakeShopifyState } from "./state";

export interface AppProxyConfig {
  /** "apps", "a", "community" or "tools" on Shopify. */
  prefix: string;
  subpath: string;
  /** The app's proxy base URL, e.g. "http://127.0.0.1:3000/proxy". */
  url: string;
}

/** Throws unless prefix and subpath are single path segments and url is an http(s) URL. */
export function checkAppProxyConfig(config: AppProxyConfig): AppProxyConfig {
  const segment = /^[A-Za-z0-9_-]+$/;
  if (!segment.test(config.prefix) || !segment.test(config.subpath)) {
    throw new Error(`App proxy prefix and subpath must be single path segments (got "${config.prefix}", "${config.subpath}")`);
  }
  const url = new URL(config.url);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`App proxy url must be http(s): ${config.url}`);
  return { prefix: config.prefix, subpath: config.subpath, url: config.url };
}

/** What Shopify adds to the forwarded query; a visitor's own values for these are dropped. */
const PROXY_PARAMS = ["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature"] as const;
/** Left out of the signed string by @shopify/shopify-api's validator. */
const UNSIGNED_PARAMS = new Set(["signature", "hmac"]);
const MAX_BODY_BYTES = 1_000_000;
const FORWARDED_METHODS = new Set(["GET", "POST"]);

/**
 * The string Shopify signs: every parameter but `signature` as key=value, the values of a
 * repeated key joined with ",", sorted by key, concatenated without separator. Values are
 * the decoded ones. Matches @shopify/shopify-api's app-proxy validator exactly (which also
 * leaves out `hmac` and sorts keys with localeCompare).
 */
export function appProxySignedString(params: URLSearchParams): string {
  const values = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (UNSIGNED_PARAMS.has(key)) continue;
    const list = values.get(key);
    if (list) list.push(value);
    else values.set(key, [value]);
  }
  return [...values.keys()]
    .sort((a, b) => a.localeCompare(b))
    .map((key) => `${key}=${(values.get(key) ?? []).join(",")}`)
    .join("");
}

/** Hex HMAC-SHA256 of the signed string with the app's API secret: the `signature` parameter. */
export function signAppProxyQuery(params: URLSearchParams, apiSecret: string): string {
  return createHmac("sha256", apiSecret).update(appProxySignedString(params), "utf8").digest("hex");
}

/** The app-proxy path of a storefront path: "" or "/rest…" after /{prefix}/{subpath}; null if not one. */
export function matchAppProxyPath(shopPath: string, config: AppProxyConfig): string | null {
  const base = `/${config.prefix}/${config.subpath}`;
  if (shopPath === base) return "";
  return shopPath.startsWith(`${base}/`) ? shopPath.slice(base.length) : null;
}

/** The query the app receives: the visitor's query (minus Shopify's own keys) plus the signed proxy parameters. */
export function buildAppProxyQuery(
  original: URLSearchParams,
  input: { shop: string; pathPrefix: string; loggedInCustomerId: string; timestamp: number; apiSecret: string },
): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of original) {
    if (!(PROXY_PARAMS as readonly string[]).includes(key)) query.append(key, value);
  }
  query.append("shop", input.shop);
  query.append("logged_in_customer_id", input.loggedInCustomerId);
  query.append("path_prefix", input.pathPrefix);
  query.append("timestamp", String(input.timestamp));
  query.append("signature", signAppProxyQuery(query, input.apiSecret));
  return query;
}

async function readBodyBytes(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`Request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A Location on the storefront, as the fake serves it: https://{shop}/x and /x become /shops/{shop}/x. */
function storefrontLocation(location: string, shop: string): string {
  if (location.startsWith("/") && !location.startsWith("//")) return `/shops/${shop}${location}`;
  try {
    const url = new URL(location);
    if (url.protocol === "https:" && url.host === shop) return `/shops/${shop}${url.pathname}${url.search}${url.hash}`;
  } catch {
    // relative to the current page: resolves the same way in the fake
  }
  return location;
}

export interface AppProxyRequest {
  request: IncomingMessage;
  response: ServerResponse;
  shop: string;
  /** The part after /{prefix}/{subpath}, as received (still percent-encoded). */
  rest: string;
  searchParams: URLSearchParams;
  config: AppProxyConfig;
  state: FakeShopifyState;
  apiSecret: string;
}

export async function handleAppProxyRequest(input: AppProxyRequest): Promise<void> {
  const { request, response, shop, rest, config, state } = input;
  const method = request.method ?? "GET";
  const entry = state.recordRequest({
    method,
    path: request.url ?? "",
    shop,
    kind: "app-proxy",
    apiVersion: null,
    operationName: null,
    query: null,
    variables: null,
    form: null,
  });
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    entry.status = status;
    sendJson(response, status, body, headers);
  };

  if (!state.shop(shop)?.installed) return answer(404, { errors: "Not Found" });
  if (!FORWARDED_METHODS.has(method)) return answer(405, { errors: "Method Not Allowed" }, { Allow: "GET, POST" });

  const body = method === "POST" ? await readBodyBytes(request) : undefined;
  const customerId = headerValue(request, "x-fake-logged-in-customer-id") ?? "";
  const timestampHeader = headerValue(request, "x-fake-proxy-timestamp");
  const timestamp = timestampHeader ? Number(timestampHeader) : Math.trunc(Date.now() / 1000);
  const query = buildAppProxyQuery(input.searchParams, {
    shop,
    pathPrefix: `/${config.prefix}/${config.subpath}`,
    loggedInCustomerId: customerId,
    timestamp,
    apiSecret: input.apiSecret,
  });
  const target = new URL(`${config.url.replace(/\/+$/, "")}${rest}`);
  target.search = query.toString();
  entry.forwardedTo = target.toString();

  const headers: Record<string, string> = {};
  const contentType = headerValue(request, "content-type");
  if (body && contentType) headers["Content-Type"] = contentType;
  // Like Shopify, pass the visitor's language and browser on (never cookies).
  for (const name of ["accept-language", "user-agent", "accept"]) {
    const value = request.headers[name];
    if (typeof value === "string") headers[name] = value;
  }

  let reply: Response;
  try {
    reply = await fetch(target, { method, headers, body: body ? new Uint8Array(body) : undefined, redirect: "manual" });
  } catch (error) {
    return answer(502, { errors: "Bad Gateway", detail: error instanceof Error ? error.message : String(error) });
  }
  const replyBody = Buffer.from(await reply.arrayBuffer());
  // Set-Cookie and every other header of the app stay behind.
  const out: Record<string, string | number> = { "Content-Length": replyBody.length };
  const replyType = reply.headers.get("content-type");
  if (replyType) out["Content-Type"] = replyType;
  const location = reply.headers.get("location");
  if (location) out.Location = storefrontLocation(location, shop);
  entry.status = reply.status;
  response.writeHead(reply.status, out);
  response.end(replyBody);
}
