import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createDemoShopSeed, DEMO_IDS, DEMO_SHOP_DOMAIN, sendWebhook, startFakeShopify, type FakeShopify } from "./index";
import { stringifyRawJson } from "./raw-json";
import { buildOrdersFulfilledBody, buildWebhookBody } from "./webhook-payloads";

const API_SECRET = "test-api-secret";

function fixture(path: string): Record<string, unknown> {
  const url = new URL(`../../tests/fixtures/shopify-webhooks/${path}`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as Record<string, unknown>;
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stand-in for the app's webhook route that records what it receives. */
async function startReceiver() {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("webhook payloads", () => {
  const shop = createDemoShopSeed();

  it("write 64-bit ids as bare numbers with every digit", () => {
    const text = buildOrdersFulfilledBody(shop, DEMO_IDS.orders.adaFulfilled);
    expect(text).toContain(`"id":${DEMO_IDS.orders.adaFulfilled},`);
    expect(text).toContain(`"admin_graphql_api_id":"gid://shopify/Order/${DEMO_IDS.orders.adaFulfilled}"`);
    expect(text).toContain(`"product_id":${DEMO_IDS.products.beanie},`);
    // What the app must not do: JSON.parse rounds these ids.
    expect(String((JSON.parse(text) as { id: number }).id)).not.toBe(DEMO_IDS.orders.adaFulfilled);
  });

  it("describe a fulfilled order the way the app needs to decide on a review request", () => {
    const order = JSON.parse(buildOrdersFulfilledBody(shop, DEMO_IDS.orders.adaFulfilled)) as Record<string, any>;
    expect(order).toMatchObject({
      email: "ada.fontaine@example.com",
      test: false,
      source_name: "web",
      cancelled_at: null,
      fulfillment_status: "fulfilled",
      customer: { admin_graphql_api_id: `gid://shopify/Customer/${DEMO_IDS.customers.ada}` },
    });
    expect(order.line_items).toHaveLength(2);
    expect(order.line_items[0]).toMatchObject({ fulfillment_status: "fulfilled", quantity: 1, admin_graphql_api_id: expect.stringMatching(/^gid:\/\/shopify\/LineItem\/\d{19}$/) });
    expect(order.fulfillments[0]).toMatchObject({ status: "success", tracking_company: "La Poste" });

    const guest = JSON.parse(buildOrdersFulfilledBody(shop, DEMO_IDS.orders.guest)) as Record<string, any>;
    expect(guest.customer).toBeNull();
    const testOrder = JSON.parse(buildOrdersFulfilledBody(shop, DEMO_IDS.orders.mayaTest)) as Record<string, any>;
    expect(testOrder.test).toBe(true);
    const cancelled = JSON.parse(buildWebhookBody("orders/cancelled", shop, { orderId: DEMO_IDS.orders.oliverCancelled })) as Record<string, any>;
    expect(cancelled).toMatchObject({ cancel_reason: "customer", cancelled_at: "2026-05-08T12:10:00Z", current_total_price: "0.00" });
  });

  it.each([
    ["orders/fulfilled.json", () => buildWebhookBody("orders/fulfilled", shop, { orderId: DEMO_IDS.orders.adaFulfilled })],
    ["fulfillments/create.json", () => buildWebhookBody("fulfillments/create", shop, { orderId: DEMO_IDS.orders.adaFulfilled })],
    ["fulfillment_events/create.json", () => buildWebhookBody("fulfillment_events/create", shop, { orderId: DEMO_IDS.orders.adaFulfilled })],
    ["customers/redact.json", () => buildWebhookBody("customers/redact", shop, { customerId: DEMO_IDS.customers.ada })],
    ["customers/data_request.json", () => buildWebhookBody("customers/data_request", shop, { customerId: DEMO_IDS.customers.ada })],
    ["shop/redact.json", () => buildWebhookBody("shop/redact", shop)],
    ["app/uninstalled.json", () => buildWebhookBody("app/uninstalled", shop)],
  ])("have every top-level field of Shopify's sample %s", (path, build) => {
    const ours = JSON.parse(build()) as Record<string, unknown>;
    expect(Object.keys(ours)).toEqual(expect.arrayContaining(Object.keys(fixture(path))));
  });

  it("serialize plain values exactly like JSON.stringify", () => {
    const value = { a: [1, "two", null, true, { b: -0.5 }], c: {}, d: [], e: 'quote " and \\ and \u2028', f: undefined };
    expect(stringifyRawJson(value)).toBe(JSON.stringify(value));
    expect(stringifyRawJson(value, 2)).toBe(JSON.stringify(value, null, 2));
    expect(stringifyRawJson({ id: 18446744073709551615n })).toBe('{"id":18446744073709551615}');
  });
});

describe("webhook delivery", () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let fake: FakeShopify;

  beforeAll(async () => {
    receiver = await startReceiver();
    fake = await startFakeShopify({ apiKey: "test-api-key", apiSecret: API_SECRET });
  });
  afterAll(async () => {
    await Promise.all([receiver.close(), fake.close()]);
  });

  it("signs the raw body with the app secret and sends Shopify's headers", async () => {
    const body = buildOrdersFulfilledBody(createDemoShopSeed(), DEMO_IDS.orders.adaFulfilled);
    const response = await sendWebhook({ appUrl: receiver.url, path: "/webhooks", topic: "orders/fulfilled", shop: DEMO_SHOP_DOMAIN, body, apiSecret: API_SECRET, webhookId: "retry-me" });
    expect(response.status).toBe(200);

    const delivery = receiver.received.at(-1)!;
    expect(delivery.body).toBe(body);
    expect(delivery.headers["x-shopify-hmac-sha256"]).toBe(createHmac("sha256", API_SECRET).update(body).digest("base64"));
    expect(delivery.headers).toMatchObject({
      "content-type": "application/json",
      "x-shopify-topic": "orders/fulfilled",
      "x-shopify-shop-domain": DEMO_SHOP_DOMAIN,
      "x-shopify-webhook-id": "retry-me",
      "x-shopify-api-version": "2026-10",
    });
    expect(delivery.headers["x-shopify-event-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(String(delivery.headers["x-shopify-triggered-at"])))).toBe(false);
  });

  it("delivers a topic built from the fake's current data, in process and over the control API", async () => {
    const order = fake.addOrder(DEMO_SHOP_DOMAIN, { customerId: DEMO_IDS.customers.oliver, lineItems: [{ productId: DEMO_IDS.products.candles }] });
    fake.fulfillOrder(DEMO_SHOP_DOMAIN, order.id, { trackingCompany: "Royal Mail" });
    await fake.sendWebhook({ address: `${receiver.url}/webhooks`, topic: "fulfillments/create", shop: DEMO_SHOP_DOMAIN, subject: { orderId: order.id } });
    const fulfillment = JSON.parse(receiver.received.at(-1)!.body) as Record<string, any>;
    expect(fulfillment).toMatchObject({ tracking_company: "Royal Mail", email: "oliver.hughes@example.org", name: "#1007.1" });
    expect(receiver.received.at(-1)?.body).toContain(`"order_id":${order.id},`);

    const response = await fetch(`${fake.url}/_fake/shops/${DEMO_SHOP_DOMAIN}/webhooks`, {
      method: "POST",
      body: JSON.stringify({ topic: "customers/redact", customerId: DEMO_IDS.customers.jonas, address: `${receiver.url}/webhooks/compliance` }),
    });
    expect(((await response.json()) as { status: number }).status).toBe(200);
    const delivery = receiver.received.at(-1)!;
    expect(delivery.headers["x-shopify-topic"]).toBe("customers/redact");
    expect(delivery.body).toContain(`"orders_to_redact":[${DEMO_IDS.orders.jonasFulfilled}]`);
  });
});
