/**
 * /_fake/… : what tests and the demo script use to look inside the fake and steer it
 * from another process. The same operations exist in-process on the FakeShopify object.
 */
import type { ServerResponse } from "node:http";

import { sendJson } from "../http-helpers";
import { checkAppProxyConfig, type AppProxyConfig } from "./app-proxy";
import { isShopDomain } from "./ids";
import { sendWebhook } from "./send-webhook";
import { addCustomer, fulfillOrder, removeCustomer, updateCustomer } from "./shop-records";
import type { FakeShopifyState } from "./state";
import { buildWebhookBody, SUPPORTED_WEBHOOK_TOPICS, type SupportedWebhookTopic } from "./webhook-payloads";

export interface ControlRequest {
  method: string;
  segments: string[];
  searchParams: URLSearchParams;
  json: () => Record<string, unknown>;
}

export interface ControlContext {
  state: FakeShopifyState;
  apiSecret: string;
  /** Replaced by PUT /_fake/app-proxy, cleared by DELETE. */
  appProxy: AppProxyConfig | null;
}

function notFound(response: ServerResponse, what = "Not Found"): void {
  sendJson(response, 404, { error: what });
}

export async function handleControlRequest(request: ControlRequest, response: ServerResponse, context: ControlContext): Promise<void> {
  const { state } = context;
  const { method, segments } = request;
  const [resource, shopDomain, child, childId, action] = segments;

  if (resource === "requests" && method === "GET") {
    const shop = request.searchParams.get("shop");
    return sendJson(response, 200, shop ? state.requests.filter((entry) => entry.shop === shop) : state.requests);
  }
  if (resource === "flow-triggers" && method === "GET") return sendJson(response, 200, state.flowTriggers);
  if (resource === "reset" && method === "POST") {
    state.reset({ keepTokens: request.json().keepTokens === true });
    return sendJson(response, 200, { ok: true });
  }
  if (resource === "app-proxy" && !shopDomain) return appProxyControl(request, response, context);
  if (resource !== "shops") return notFound(response);
  if (!shopDomain) return sendJson(response, 200, state.shopDomains());
  if (!isShopDomain(shopDomain)) return notFound(response, "Not a *.myshopify.com domain");

  if (!child) {
    const snapshot = state.snapshot(shopDomain);
    return snapshot ? sendJson(response, 200, snapshot) : notFound(response, "Unknown shop");
  }
  if (child === "throttle" && method === "POST") {
    state.setThrottled(shopDomain, request.json().on === true);
    return sendJson(response, 200, { throttled: state.shop(shopDomain)?.forcedThrottle ?? false });
  }
  if (child === "drain" && method === "POST") {
    state.ensureShop(shopDomain).bucket.drain();
    return sendJson(response, 200, { ok: true });
  }
  if (child === "uninstall" && method === "POST") {
    state.uninstall(shopDomain);
    return sendJson(response, 200, { ok: true });
  }
  if (child === "customers") {
    if (method === "POST" && !childId) return sendJson(response, 201, addCustomer(state, shopDomain, request.json()));
    if (method === "PATCH" && childId) return sendJson(response, 200, updateCustomer(state, shopDomain, childId, request.json()));
    if (method === "DELETE" && childId) return sendJson(response, removeCustomer(state, shopDomain, childId) ? 200 : 404, {});
  }
  if (child === "orders" && childId && action === "fulfill" && method === "POST") {
    return sendJson(response, 200, fulfillOrder(state, shopDomain, childId, request.json()));
  }
  if (child === "webhooks" && method === "POST") return deliverWebhook(shopDomain, request.json(), response, context);
  return notFound(response);
}

/**
 * Builds the body for a topic from the shop's data and POSTs it, signed, to the app.
 * Body: { topic, address: "http://app/webhooks", orderId?, customerId?, eventStatus?, webhookId? }.
 */
async function deliverWebhook(shopDomain: string, input: Record<string, unknown>, response: ServerResponse, context: ControlContext): Promise<void> {
  const topic = input.topic as SupportedWebhookTopic;
  if (!SUPPORTED_WEBHOOK_TOPICS.includes(topic)) {
    return sendJson(response, 422, { error: `topic must be one of ${SUPPORTED_WEBHOOK_TOPICS.join(", ")}` });
  }
  if (typeof input.address !== "string") return sendJson(response, 422, { error: "address (the app's webhook URL) is required" });
  const shop = context.state.shop(shopDomain);
  if (!shop) return notFound(response, "Unknown shop");
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const body = buildWebhookBody(topic, shop.data, {
    orderId: text(input.orderId),
    customerId: text(input.customerId),
    eventStatus: text(input.eventStatus),
  });
  const address = new URL(input.address);
  const delivered = await sendWebhook({
    appUrl: address.origin,
    path: `${address.pathname}${address.search}`,
    topic,
    shop: shopDomain,
    body,
    apiSecret: context.apiSecret,
    webhookId: text(input.webhookId),
  });
  sendJson(response, 200, { status: delivered.status, body });
}

/** GET: the current app-proxy settings (or null); PUT { prefix, subpath, url }: set them; DELETE: none. */
function appProxyControl(request: ControlRequest, response: ServerResponse, context: ControlContext): void {
  if (request.method === "GET") return sendJson(response, 200, context.appProxy);
  if (request.method === "DELETE") {
    context.appProxy = null;
    return sendJson(response, 200, null);
  }
  if (request.method !== "PUT") return notFound(response);
  const { prefix, subpath, url } = request.json();
  if (typeof prefix !== "string" || typeof subpath !== "string" || typeof url !== "string") {
    return sendJson(response, 422, { error: "prefix, subpath and url (the app's proxy URL) are required" });
  }
  context.appProxy = checkAppProxyConfig({ prefix, subpath, url });
  sendJson(response, 200, context.appProxy);
}
