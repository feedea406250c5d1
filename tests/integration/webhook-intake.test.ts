import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../app/db.server";
import { waitFor, type AppProcess } from "../support/app-process";
import { startAppStack, type AppStack } from "../support/app-stack";
import { orderFulfilledBody, PERSONAL_DATA } from "../support/customer-order";
import { dumpRedis } from "../support/redis-server";
import { dumpDatabase } from "../support/dump-database";
import { postSignedWebhook } from "../support/signed-webhook";
import type { TestDatabase } from "../support/test-database";

const REDIS_URL = "redis://127.0.0.1:6379";

describe("webhook intake on the real server, worker, Redis and database", () => {
  let stack: AppStack;
  let database: TestDatabase;
  let db: Db;
  let env: Record<string, string>;
  let web: AppProcess;
  let worker: AppProcess;

  beforeAll(async () => {
    stack = await startAppStack();
    ({ database, db, env, web } = stack);
    worker = stack.worker!;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const send = (shop: string, topic: string, body: string, extra: { webhookId?: string; secret?: string } = {}) =>
    postSignedWebhook({ appUrl: web.url, shop, topic, body, apiSecret: extra.secret ?? env.SHOPIFY_API_SECRET!, webhookId: extra.webhookId });

  const rowsFor = async (shopId: string) => ({
    deliveries: await db.webhookDelivery.count({ where: { shopId } }),
    outbox: await db.outboxMessage.count({ where: { shopId } }),
  });

  it("answers 401 to a bad HMAC and writes nothing", async () => {
    const shop = "bad-hmac.myshopify.com";
    const response = await send(shop, "orders/fulfilled", '{"id":1}', { secret: "not-the-app-secret" });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "Webhook HMAC signature is invalid" } });
    expect(await rowsFor(shop)).toEqual({ deliveries: 0, outbox: 0 });
    expect(await dumpRedis(REDIS_URL, env.QUEUE_PREFIX!)).not.toContain(shop);
  });

  it("answers 400 / 405 / 413 to malformed requests and writes nothing", async () => {
    const shop = "malformed.myshopify.com";
    const missingHeaders = await fetch(`${web.url}/webhooks`, { method: "POST", body: "{}" });
    expect(missingHeaders.status).toBe(400);
    expect((await missingHeaders.json()).error.code).toBe("bad_request");

    const get = await fetch(`${web.url}/webhooks`);
    expect(get.status).toBe(405);

    const huge = `{"id":1,"padding":"${"x".repeat(3 * 1024 * 1024)}"}`;
    const tooLarge = await send(shop, "orders/fulfilled", huge);
    expect(tooLarge.status).toBe(413);

    const notJson = await send(shop, "orders/fulfilled", "{not json");
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toMatch(/not valid JSON/);

    const wrongShape = await send(shop, "orders/fulfilled", '{"line_items":"nope"}');
    expect(wrongShape.status).toBe(400);

    const notAShop = await postSignedWebhook({ appUrl: web.url, shop: "evil.example.com", topic: "orders/fulfilled", body: "{}", apiSecret: env.SHOPIFY_API_SECRET! });
    expect(notAShop.status).toBe(400);

    expect(await rowsFor(shop)).toEqual({ deliveries: 0, outbox: 0 });
  });

  it("makes one record and runs one job for ten deliveries of one webhook id", async () => {
    const shop = "dedupe.myshopify.com";
    const webhookId = randomUUID();
    const body = orderFulfilledBody({ order: "7340000000000000101", customer: "7340000000000000201", product: "7340000000000000301", lineItem: "7340000000000000401" });
    const responses = await Promise.all(Array.from({ length: 10 }, () => send(shop, "orders/fulfilled", body, { webhookId })));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const outcomes = responses.map((response) => response.headers.get("x-candor-webhook-outcome"));
    expect(outcomes.filter((outcome) => outcome === "accepted")).toHaveLength(1);

    // A retry long after the first delivery is still a no-op.
    const late = await send(shop, "orders/fulfilled", body, { webhookId });
    expect(late.headers.get("x-candor-webhook-outcome")).toBe("duplicate");

    expect(await rowsFor(shop)).toEqual({ deliveries: 1, outbox: 1 });
    const delivery = await waitFor(
      () => db.webhookDelivery.findFirst({ where: { shopId: shop, processedAt: { not: null } } }),
      15_000,
      "the job to run",
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const runs = worker.output.filter((line) => line.includes(delivery.id) && line.includes("webhook processed"));
    expect(runs).toHaveLength(1);
  });

  it("keeps 64-bit ids exact", async () => {
    const shop = "big-ids.myshopify.com";
    const body = orderFulfilledBody({ order: "9007199254740993123", customer: "9007199254740993456", product: "9223372036854775807", lineItem: "9007199254740993789" });
    expect((await send(shop, "orders/fulfilled", body)).status).toBe(200);
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { shopId: shop } });
    // Written by the intake's own SQL, read back by Prisma: the same instant, in UTC.
    expect(Math.abs(delivery.receivedAt.getTime() - Date.now())).toBeLessThan(30_000);
    const relayed = await waitFor(() => db.outboxMessage.findFirst({ where: { shopId: shop, jobName: "process-webhook@v1", relayedAt: { not: null } } }), 10_000, "relayed mark");
    expect(Math.abs(relayed.relayedAt!.getTime() - Date.now())).toBeLessThan(30_000);
    expect(relayed.createdAt.getTime()).toBe(delivery.receivedAt.getTime());
    const event = JSON.parse(delivery.event) as { orderId: string; lineItems: { productId: string; variantId: string; lineItemId: string }[] };
    expect(event.orderId).toBe("gid://shopify/Order/9007199254740993123");
    expect(event.lineItems[0]).toMatchObject({
      productId: "gid://shopify/Product/9223372036854775807",
      variantId: "gid://shopify/ProductVariant/92233720368547758071",
      lineItemId: "gid://shopify/LineItem/9007199254740993789",
    });
  });

  it("keeps a customer's personal data out of the logs, the database and Redis", async () => {
    const shop = "pii.myshopify.com";
    const body = orderFulfilledBody({ order: "7340000000000000102", customer: "7340000000000000202", product: "7340000000000000302", lineItem: "7340000000000000402" });
    expect((await send(shop, "orders/fulfilled", body)).status).toBe(200);
    const consent = `{"customer_id":7340000000000000202,"email_address":"${PERSONAL_DATA.email}","email_marketing_consent":{"state":"subscribed","opt_in_level":"single_opt_in","consent_updated_at":"2026-11-01T00:00:00Z"}}`;
    expect((await send(shop, "customers_email_marketing_consent/update", consent)).status).toBe(200);
    // Rejected requests must not echo the payload in their errors or logs either.
    expect((await send(shop, "orders/fulfilled", body.replace('"line_items":[', '"line_items":"'))).status).toBe(400);
    await waitFor(async () => (await db.webhookDelivery.count({ where: { shopId: shop, processedAt: { not: null } } })) === 2, 15_000, "both jobs");

    const everything = [web.output.join("\n"), worker.output.join("\n"), await dumpDatabase(db, database.url), await dumpRedis(REDIS_URL, env.QUEUE_PREFIX!)].join("\n");
    expect(everything).toContain("7340000000000000102"); // the scan does see this shop's data
    for (const value of Object.values(PERSONAL_DATA)) {
      expect(everything, `found ${value}`).not.toContain(value);
    }
  });

  it("removes the shop's sessions and marks it uninstalled on app/uninstalled", async () => {
    const shop = "leaving.myshopify.com";
    const other = "staying.myshopify.com";
    const installedAt = new Date(Date.now() - 60_000);
    for (const id of [shop, other]) {
      await db.shop.create({ data: { id, installedAt } });
      await db.session.create({ data: { id: `offline_${id}`, shop: id, state: "s", accessToken: "enc:v1:placeholder" } });
    }
    const response = await send(shop, "app/uninstalled", `{"id":548380009,"myshopify_domain":"${shop}","email":"owner@example.org"}`);
    expect(response.status).toBe(200);
    const marked = await waitFor(() => db.shop.findFirst({ where: { id: shop, uninstalledAt: { not: null } } }), 15_000, "uninstall");
    expect(marked.uninstalledAt).not.toBeNull();
    expect(await db.session.count({ where: { shop } })).toBe(0);
    // Another shop is untouched.
    expect(await db.session.count({ where: { shop: other } })).toBe(1);
    expect((await db.shop.findUniqueOrThrow({ where: { id: other } })).uninstalledAt).toBeNull();
  });
});
