import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../app/db.server";
import { startFakeShopify, type FakeShopify } from "../../dev/fake-shopify/index";
import { startMailCatcher, type MailCatcher } from "../../dev/mail-catcher/index";
import { mintSessionToken } from "../../dev/session-token";
import { REPO_ROOT, waitFor, type AppProcess } from "../support/app-process";
import { startAppStack, type AppStack } from "../support/app-stack";
import { dumpDatabase } from "../support/dump-database";
import { dumpRedis } from "../support/redis-server";
import { postSignedWebhook } from "../support/signed-webhook";
import type { TestDatabase } from "../support/test-database";

const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
const FIXTURE = readFileSync(path.join(REPO_ROOT, "tests/fixtures/shopify-webhooks/orders/fulfilled.json"), "utf8");

/** The personal data of the fixture's customer, plus the address the fake Admin API returns. */
const ADMIN_API_EMAIL = "john.smith.reviews@example.net";
const FIXTURE_PERSONAL_DATA = ["jon@example.com", "john@example.com", "John", "Smith", "123 Shipping Street", "123 Billing Street", "555-555-SHIP", "555-555-BILL"];

/** Product ids per line of the sample (null lines are custom items without a product). */
const FIXTURE_PRODUCT_IDS = (JSON.parse(FIXTURE) as { line_items: Array<{ product_id: number | null }> }).line_items.map((item, index) =>
  item.product_id ? String(7_880_321_196_742_900 + index * 100) : null,
);
const fixtureProductIds = FIXTURE_PRODUCT_IDS.filter((id): id is string => id !== null);

interface FixtureOrder {
  admin_graphql_api_id: string;
  test: boolean;
  cancelled_at: string | null;
  cancel_reason: string | null;
  fulfillment_status: string | null;
  customer: { admin_graphql_api_id: string } | null;
  line_items: Array<{ product_id: number | null; fulfillment_status: string | null; title: string }>;
}

/**
 * The shared `orders/fulfilled` sample is a cancelled test order with nothing fulfilled;
 * made into what a real fulfilled order looks like, with a fresh order id per use.
 */
function fulfilledOrder(orderNumber: string, options: { customerId?: string | null } = {}): { body: string; orderId: string; productIds: string[] } {
  const order = JSON.parse(FIXTURE) as FixtureOrder & Record<string, unknown>;
  order.id = Number(orderNumber);
  order.admin_graphql_api_id = `gid://shopify/Order/${orderNumber}`;
  order.test = false;
  order.cancelled_at = null;
  order.cancel_reason = null;
  order.fulfillment_status = "fulfilled";
  for (const item of order.line_items) item.fulfillment_status = "fulfilled";
  // The sample's lines repeat one product; give each product line its own, as a real basket has.
  order.line_items.forEach((item, index) => {
    if (item.product_id) item.product_id = Number(FIXTURE_PRODUCT_IDS[index]);
  });
  if (options.customerId === null) order.customer = null;
  else if (options.customerId && order.customer) order.customer.admin_graphql_api_id = `gid://shopify/Customer/${options.customerId}`;
  const productIds = [...new Set(order.line_items.flatMap((item) => (item.product_id ? [`gid://shopify/Product/${item.product_id}`] : [])))];
  return { body: JSON.stringify(order).replace(`"id":${order.id}`, `"id":${orderNumber}`), orderId: order.admin_graphql_api_id, productIds };
}

const fixtureCustomerId = (JSON.parse(FIXTURE) as FixtureOrder).customer!.admin_graphql_api_id.split("/").pop()!;

describe("a fulfilled order becomes one review email (real server, worker, Redis, database, SMTP)", () => {
  let fake: FakeShopify;
  let mail: MailCatcher;
  let stack: AppStack;
  let database: TestDatabase;
  let db: Db;
  let env: Record<string, string>;
  let web: AppProcess;
  let worker: AppProcess;
  let redis: Redis;
  let orderSeq = 9_100_000_000_000_000_000n;

  const apiKey = "candor-send-key";
  const apiSecret = `send-secret-${process.pid}`;

  beforeAll(async () => {
    fake = await startFakeShopify({ apiKey, apiSecret, shops: [] });
    mail = await startMailCatcher();
    stack = await startAppStack({
      SHOPIFY_API_KEY: apiKey,
      SHOPIFY_API_SECRET: apiSecret,
      SHOPIFY_FAKE_ORIGIN: fake.url,
      SMTP_URL: mail.smtpUrl,
      MAIL_FROM: "Reviews <reviews@candor.example>",
    });
    ({ database, db, env, web } = stack);
    worker = stack.worker!;
    redis = new Redis(env.REDIS_URL!);
  }, 120_000);

  afterAll(async () => {
    redis?.disconnect();
    await stack?.stop();
    await mail?.close();
    await fake?.close();
  });

  /** Installs a shop through token exchange (the fake creates it), seeds the fixture's world, and sets delay 0. */
  async function installShop(name: string, customer: { marketingState?: "SUBSCRIBED" | "NOT_SUBSCRIBED"; locale?: string } = {}): Promise<string> {
    const shop = `${name}.myshopify.com`;
    const idToken = await mintSessionToken({ apiKey, apiSecret, shop, userId: "1" });
    const host = Buffer.from(`admin.shopify.com/store/${name}`).toString("base64url");
    const response = await fetch(`${web.url}/app?${new URLSearchParams({ embedded: "1", shop, host, id_token: idToken })}`, {
      headers: { "User-Agent": USER_AGENT },
    });
    expect(response.status).toBe(200);
    await waitFor(() => db.session.findFirst({ where: { shop } }), 10_000, `offline session of ${shop}`);
    fake.addCustomer(shop, {
      id: fixtureCustomerId,
      firstName: "John",
      lastName: "Smith",
      email: ADMIN_API_EMAIL,
      marketingState: customer.marketingState ?? "SUBSCRIBED",
      locale: customer.locale ?? "en",
    });
    const titles = ["Aviator sunglasses", "Mid-century lounger", "Coffee table"];
    fixtureProductIds.forEach((id, index) => fake.addProduct(shop, { id, title: titles[index] ?? `Product ${index}` }));
    await db.shopSettings.create({ data: { shopId: shop, values: JSON.stringify({ delayDays: 0 }) } });
    return shop;
  }

  function addOrder(shop: string, options: { customerId?: string | null; cancelled?: boolean } = {}) {
    orderSeq += 1n;
    const customerId = options.customerId === undefined ? fixtureCustomerId : options.customerId;
    const order = fulfilledOrder(String(orderSeq), { customerId });
    fake.addOrder(shop, {
      id: String(orderSeq),
      customerId,
      email: customerId ? ADMIN_API_EMAIL : "guest.buyer@example.net",
      cancelledAt: options.cancelled ? new Date().toISOString() : null,
      lineItems: fixtureProductIds.map((productId) => ({ productId })),
    });
    return order;
  }

  const deliver = (shop: string, topic: string, body: string, webhookId = randomUUID()) =>
    postSignedWebhook({ appUrl: web.url, shop, topic, body, apiSecret, webhookId });

  it("sends one email with only the four allowed job keys, and nothing personal is kept", async () => {
    const shop = await installShop("send-one");
    const order = addOrder(shop);
    expect((await deliver(shop, "orders/fulfilled", order.body)).status).toBe(200);

    const message = await mail.waitForMessage((candidate) => candidate.envelope.to.includes(ADMIN_API_EMAIL), { timeoutMs: 20_000 });
    // Addressed to the customer the Admin API returned, not to anything in the webhook.
    expect(message.envelope.to).toEqual([ADMIN_API_EMAIL]);
    expect(message.headers["list-unsubscribe"]).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/unsubscribe\/[\w.-]+>$/);
    expect(message.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(message.messageId).toMatch(/^<[0-9a-f-]{36}@candor\.example>$/);
    for (const title of ["Aviator sunglasses", "Mid-century lounger", "Coffee table"]) {
      expect(message.html).toContain(title);
      expect(message.text).toContain(title);
    }
    const reviewLink = /https:\/\/send-one\.myshopify\.com\/apps\/candor\/review\?token=[\w.-]+/.exec(message.text ?? "")?.[0];
    expect(reviewLink).toBeDefined();

    await waitFor(() => db.reviewRequest.findFirst({ where: { shopId: shop, status: "sent" } }), 10_000, "request recorded as sent");
    const requests = await db.reviewRequest.findMany({ where: { shopId: shop } });
    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect(request).toMatchObject({ status: "sent", orderId: order.orderId });
    expect(JSON.parse(request.productIds)).toEqual(order.productIds);
    const attempts = await db.sendAttempt.findMany({ where: { shopId: shop } });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ kind: "request", status: "sent", reviewRequestId: request.id });
    expect(attempts[0]!.messageIdHash).toMatch(/^[0-9a-f]{64}$/);

    // The job, as BullMQ holds it: exactly the four allowed keys.
    const job = await redis.hgetall(`${env.QUEUE_PREFIX}:review-emails:review-request-${request.id}`);
    expect(job.name).toBe("send-review-request@v1");
    const payload = JSON.parse(job.data!) as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(["orderId", "productIds", "reviewLink", "shop"]);
    expect(payload).toEqual({ shop, orderId: order.orderId, productIds: order.productIds, reviewLink: expect.stringContaining("token=") });
    expect(reviewLink).toBe(payload.reviewLink);

    const everything = [
      await dumpRedis(env.REDIS_URL!, env.QUEUE_PREFIX!),
      await dumpDatabase(db, database.url),
      web.output.join("\n"),
      worker.output.join("\n"),
    ].join("\n");
    for (const value of [ADMIN_API_EMAIL, ...FIXTURE_PERSONAL_DATA]) expect(everything).not.toContain(value);
  }, 60_000);

  it("sends one email for ten deliveries of the same order", async () => {
    const shop = await installShop("send-ten");
    const order = addOrder(shop);
    const webhookId = randomUUID();
    const responses = await Promise.all([
      ...Array.from({ length: 5 }, () => deliver(shop, "orders/fulfilled", order.body, webhookId)),
      // Shopify may also send the same event again under new webhook ids.
      ...Array.from({ length: 5 }, () => deliver(shop, "orders/fulfilled", order.body)),
    ]);
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    await mail.waitForMessage((message) => message.envelope.to.includes(ADMIN_API_EMAIL) && (message.text ?? "").includes("send-ten"), { timeoutMs: 20_000 });
    await waitFor(async () => (await db.webhookDelivery.count({ where: { shopId: shop, processedAt: { not: null } } })) === 6, 20_000, "six deliveries applied");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(mail.messages.filter((message) => (message.text ?? "").includes("send-ten"))).toHaveLength(1);
    expect(await db.reviewRequest.count({ where: { shopId: shop } })).toBe(1);
  }, 60_000);

  it("sends nothing for an order cancelled before its due time, and removes the pending job", async () => {
    const shop = await installShop("send-cancelled");
    await db.shopSettings.update({ where: { shopId: shop }, data: { values: JSON.stringify({ delayDays: 1 }) } });
    const order = addOrder(shop);
    expect((await deliver(shop, "orders/fulfilled", order.body)).status).toBe(200);
    const scheduled = await waitFor(() => db.reviewRequest.findFirst({ where: { shopId: shop, status: "scheduled" } }), 15_000, "scheduled request");
    const jobKey = `${env.QUEUE_PREFIX}:review-emails:review-request-${scheduled.id}`;
    await waitFor(async () => (await redis.exists(jobKey)) === 1, 10_000, "delayed job in Redis");

    const cancelled = JSON.parse(order.body) as Record<string, unknown>;
    cancelled.cancelled_at = "2026-11-21T09:00:00Z";
    expect((await deliver(shop, "orders/cancelled", JSON.stringify(cancelled))).status).toBe(200);
    const request = await waitFor(() => db.reviewRequest.findFirst({ where: { shopId: shop, status: "cancelled" } }), 15_000, "cancellation");
    expect(request.statusReason).toBe("order_cancelled");
    await waitFor(async () => (await redis.exists(jobKey)) === 0, 10_000, "job removed");

    // Cancelled on Shopify but the webhook never came: the send-time check stops it.
    await db.shopSettings.update({ where: { shopId: shop }, data: { values: JSON.stringify({ delayDays: 0 }) } });
    const silentlyCancelled = addOrder(shop, { cancelled: true });
    expect((await deliver(shop, "orders/fulfilled", silentlyCancelled.body)).status).toBe(200);
    const checked = await waitFor(
      () => db.reviewRequest.findFirst({ where: { shopId: shop, orderId: silentlyCancelled.orderId, status: "cancelled" } }),
      20_000,
      "send-time cancellation",
    );
    expect(checked.statusReason).toBe("order_cancelled");
    expect(mail.messages.filter((message) => (message.text ?? "").includes("send-cancelled"))).toHaveLength(0);
  }, 60_000);

  it("sends nothing to a customer who unsubscribed, nor to one who never subscribed", async () => {
    const shop = await installShop("send-unsub");
    const first = addOrder(shop);
    expect((await deliver(shop, "orders/fulfilled", first.body)).status).toBe(200);
    const message = await mail.waitForMessage((candidate) => (candidate.text ?? "").includes("send-unsub"), { timeoutMs: 20_000 });
    const unsubscribeUrl = /^<(.+)>$/.exec(message.headers["list-unsubscribe"] ?? "")?.[1];
    expect(unsubscribeUrl).toBeDefined();
    // RFC 8058 one-click: a POST with no cookie or session.
    const unsubscribed = await fetch(unsubscribeUrl!, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(unsubscribed.status).toBe(200);
    expect(await db.suppression.count({ where: { shopId: shop } })).toBe(1);

    // The same customer buys again (other products would be asked about, but they opted out).
    fake.addProduct(shop, { id: "9988776655", title: "Reading lamp" });
    orderSeq += 1n;
    const second = fulfilledOrder(String(orderSeq));
    const body = JSON.parse(second.body) as FixtureOrder;
    body.line_items = [{ ...body.line_items[0]!, product_id: 9988776655 }];
    fake.addOrder(shop, { id: String(orderSeq), customerId: fixtureCustomerId, lineItems: [{ productId: "9988776655" }] });
    expect((await deliver(shop, "orders/fulfilled", JSON.stringify(body))).status).toBe(200);
    await waitFor(
      async () => (await db.webhookDelivery.count({ where: { shopId: shop, topic: "ORDERS_FULFILLED", processedAt: { not: null } } })) === 2,
      15_000,
      "second order applied",
    );
    expect(await db.reviewRequest.count({ where: { shopId: shop, orderId: second.orderId } })).toBe(0);
    expect(worker.output.some((line) => line.includes("skipped:suppressed"))).toBe(true);

    // Consent required (the default): a customer not subscribed to email marketing is not asked.
    const notSubscribedShop = await installShop("send-no-consent", { marketingState: "NOT_SUBSCRIBED" });
    const order = addOrder(notSubscribedShop);
    expect((await deliver(notSubscribedShop, "orders/fulfilled", order.body)).status).toBe(200);
    const refused = await waitFor(
      () => db.reviewRequest.findFirst({ where: { shopId: notSubscribedShop, status: "cancelled" } }),
      20_000,
      "consent refusal",
    );
    expect(refused.statusReason).toBe("no_marketing_consent");

    // A guest checkout (no customer record) is handled, not crashed on: no consent on record.
    const guest = addOrder(notSubscribedShop, { customerId: null });
    expect((await deliver(notSubscribedShop, "orders/fulfilled", guest.body)).status).toBe(200);
    const guestRequest = await waitFor(
      () => db.reviewRequest.findFirst({ where: { shopId: notSubscribedShop, orderId: guest.orderId, status: "cancelled" } }),
      20_000,
      "guest order refusal",
    );
    expect(guestRequest.statusReason).toBe("no_marketing_consent");
    expect(mail.messages.filter((candidate) => (candidate.text ?? "").includes("send-no-consent"))).toHaveLength(0);
  }, 90_000);

  it("delays the send while the Admin API is throttled, then sends it", async () => {
    const shop = await installShop("send-throttled");
    fake.setThrottled(shop, true);
    const order = addOrder(shop);
    expect((await deliver(shop, "orders/fulfilled", order.body)).status).toBe(200);
    await waitFor(
      async () => fake.graphqlRequests(shop).length > 0,
      15_000,
      "a throttled Admin API call",
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(mail.messages.filter((message) => (message.text ?? "").includes("send-throttled"))).toHaveLength(0);
    const request = await db.reviewRequest.findFirstOrThrow({ where: { shopId: shop } });
    expect(request.status).toBe("scheduled");
    const job = await redis.hgetall(`${env.QUEUE_PREFIX}:review-emails:review-request-${request.id}`);
    expect(Number(job.atm ?? 0)).toBe(0); // no attempt spent: delayed, not failed

    fake.setThrottled(shop, false);
    await mail.waitForMessage((message) => (message.text ?? "").includes("send-throttled"), { timeoutMs: 30_000 });
    await waitFor(() => db.reviewRequest.findFirst({ where: { shopId: shop, status: "sent" } }), 10_000, "request recorded as sent");
  }, 60_000);
});
