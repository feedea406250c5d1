import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../app/db.server";
import { computeBlindIndex } from "../../app/modules/crypto/compute-blind-index.server";
import { waitFor, type AppProcess } from "../support/app-process";
import { startAppStack, type AppStack } from "../support/app-stack";
import { orderFulfilledBody, PERSONAL_DATA } from "../support/customer-order";
import { dumpDatabase } from "../support/dump-database";
import { postSignedWebhook } from "../support/signed-webhook";
import type { TestDatabase } from "../support/test-database";

describe("review requests scheduled from order webhooks (real server, worker, Redis, database)", () => {
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

  const send = (shop: string, topic: string, body: string, webhookId = randomUUID(), triggeredAt = new Date()) =>
    postSignedWebhook({
      appUrl: web.url,
      shop,
      topic,
      body,
      apiSecret: env.SHOPIFY_API_SECRET!,
      webhookId,
      headers: { "X-Shopify-Triggered-At": triggeredAt.toISOString() },
    });

  const ids = { order: "7340000000000000901", customer: "7340000000000000902", product: "7340000000000000903", lineItem: "7340000000000000904" };

  it("schedules one request per order, keyed by blind indexes only, and adds nothing on repeats", async () => {
    const shop = "schedule.myshopify.com";
    const fulfilledAt = new Date("2026-11-20T10:00:00.000Z");
    const body = orderFulfilledBody(ids);
    expect((await send(shop, "orders/fulfilled", body, randomUUID(), fulfilledAt)).status).toBe(200);
    // Shopify sends the event again under a new webhook id (e.g. a re-fulfilment).
    expect((await send(shop, "orders/fulfilled", body, randomUUID(), fulfilledAt)).status).toBe(200);
    await waitFor(async () => (await db.webhookDelivery.count({ where: { shopId: shop, processedAt: { not: null } } })) === 2, 15_000, "both deliveries");

    const requests = await db.reviewRequest.findMany({ where: { shopId: shop } });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request).toMatchObject({
      orderId: `gid://shopify/Order/${ids.order}`,
      groupKey: "order",
      status: "scheduled",
      customerRef: computeBlindIndex(Buffer.from(env.BLIND_INDEX_KEY!, "base64"), shop, "customer", `gid://shopify/Customer/${ids.customer}`),
      emailRef: computeBlindIndex(Buffer.from(env.BLIND_INDEX_KEY!, "base64"), shop, "email", PERSONAL_DATA.email),
    });
    expect(JSON.parse(request!.productIds)).toEqual([`gid://shopify/Product/${ids.product}`]);
    expect(request!.dueAt.toISOString()).toBe("2026-11-30T10:00:00.000Z"); // default delay: 10 days

    const raw = await dumpDatabase(db, database.url);
    for (const value of Object.values(PERSONAL_DATA)) expect(raw).not.toContain(value);
  });

  it("cancels the order's pending requests on orders/cancelled, recording why", async () => {
    const shop = "cancel.myshopify.com";
    expect((await send(shop, "orders/fulfilled", orderFulfilledBody(ids))).status).toBe(200);
    await waitFor(() => db.reviewRequest.findFirst({ where: { shopId: shop } }), 15_000, "scheduling");
    const cancelled = orderFulfilledBody(ids).replace('"cancelled_at":null', '"cancelled_at":"2026-11-21T09:00:00Z"');
    expect((await send(shop, "orders/cancelled", cancelled)).status).toBe(200);
    const request = await waitFor(() => db.reviewRequest.findFirst({ where: { shopId: shop, status: "cancelled" } }), 15_000, "cancellation");
    expect(request.statusReason).toBe("order_cancelled");
    expect(request.cancelledAt).not.toBeNull();
    // The same order in another shop is untouched.
    expect(await db.reviewRequest.count({ where: { shopId: "schedule.myshopify.com", status: "scheduled" } })).toBe(1);
  });

  it("schedules nothing for a test order", async () => {
    const shop = "tests-only.myshopify.com";
    expect((await send(shop, "orders/fulfilled", orderFulfilledBody(ids).replace('"test":false', '"test":true'))).status).toBe(200);
    await waitFor(() => db.webhookDelivery.findFirst({ where: { shopId: shop, processedAt: { not: null } } }), 15_000, "processing");
    expect(await db.reviewRequest.count({ where: { shopId: shop } })).toBe(0);
    await waitFor(async () => worker.output.some((line) => line.includes("skipped:test_order")), 10_000, "the skip logged");
  });

  it("brings a delivery-triggered request forward when the carrier reports delivery", async () => {
    const shop = "delivery.myshopify.com";
    await stack.db.shopSettings.create({
      data: { shopId: shop, values: JSON.stringify({ trigger: "delivered", delayDays: 2, deliveryFallbackDays: 20 }) },
    });
    const fulfilledAt = new Date("2026-11-20T10:00:00.000Z");
    expect((await send(shop, "orders/fulfilled", orderFulfilledBody(ids), randomUUID(), fulfilledAt)).status).toBe(200);
    const scheduled = await waitFor(() => db.reviewRequest.findFirst({ where: { shopId: shop } }), 15_000, "scheduling");
    expect(scheduled.dueAt.toISOString()).toBe("2026-12-10T10:00:00.000Z"); // the 20-day fallback

    const event = (status: string) =>
      `{"id":1234567,"fulfillment_id":123456,"status":"${status}","happened_at":"2026-11-23T08:00:00Z","order_id":${ids.order},"city":"Besançonville","zip":"25999"}`;
    expect((await send(shop, "fulfillment_events/create", event("in_transit"))).status).toBe(200);
    expect((await send(shop, "fulfillment_events/create", event("delivered"))).status).toBe(200);
    await waitFor(async () => (await db.webhookDelivery.count({ where: { shopId: shop, processedAt: { not: null } } })) === 3, 15_000, "events");
    const rescheduled = await db.reviewRequest.findFirstOrThrow({ where: { shopId: shop } });
    expect(rescheduled.dueAt.toISOString()).toBe("2026-11-25T08:00:00.000Z"); // delivery + 2 days
  });
});
