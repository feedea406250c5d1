import { createHash, randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../app/db.server";
import { SHOP_SETTINGS_TTL_MS } from "../../app/modules/settings/shop-settings-cache.server";
import type { FakeShopify } from "../../dev/fake-shopify/index";
import type { MailCatcher } from "../../dev/mail-catcher/index";
import { waitFor, type AppProcess } from "../support/app-process";
import { dumpDatabase } from "../support/dump-database";
import { dumpRedis } from "../support/redis-server";
import {
  ADMIN_API_EMAIL,
  FIXTURE_PERSONAL_DATA,
  fixtureCustomerId,
  fulfilledOrder,
  startReviewEmailWorld,
  type FixtureOrder,
  type ReviewEmailWorld,
} from "../support/review-email-world";
import type { TestDatabase } from "../support/test-database";

describe("a fulfilled order becomes one review email (real server, worker, Redis, database, SMTP)", () => {
  let world: ReviewEmailWorld;
  let fake: FakeShopify;
  let mail: MailCatcher;
  let database: TestDatabase;
  let db: Db;
  let env: Record<string, string>;
  let web: AppProcess;
  let worker: AppProcess;

  beforeAll(async () => {
    world = await startReviewEmailWorld("send");
    ({ fake, mail, database, db, env, web, worker } = world);
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  const installShop: ReviewEmailWorld["installShop"] = (...args) => world.installShop(...args);
  const addOrder: ReviewEmailWorld["addOrder"] = (...args) => world.addOrder(...args);
  const deliver: ReviewEmailWorld["deliver"] = (...args) => world.deliver(...args);

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
    // Both parts quoted-printable, as mail filters expect of mostly Latin text (never base64).
    const partEncodings = [...message.raw.matchAll(/^Content-Type: (text\/(?:plain|html))[^]*?^Content-Transfer-Encoding: ([\w-]+)/gim)].map((match) => [match[1], match[2]]);
    expect(partEncodings).toEqual([
      ["text/plain", "quoted-printable"],
      ["text/html", "quoted-printable"],
    ]);
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
    // The send log names the email by its Message-ID's hash, never by the address.
    expect(attempts[0]!.messageIdHash).toBe(createHash("sha256").update(message.messageId!).digest("hex"));

    // The job, as BullMQ holds it: exactly the four allowed keys.
    const job = await world.job(`review-request-${request.id}`);
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
    await waitFor(async () => (await world.redis.exists(jobKey)) === 1, 10_000, "delayed job in Redis");

    const cancelled = JSON.parse(order.body) as Record<string, unknown>;
    cancelled.cancelled_at = "2026-11-21T09:00:00Z";
    expect((await deliver(shop, "orders/cancelled", JSON.stringify(cancelled))).status).toBe(200);
    const request = await waitFor(() => db.reviewRequest.findFirst({ where: { shopId: shop, status: "cancelled" } }), 15_000, "cancellation");
    expect(request.statusReason).toBe("order_cancelled");
    await waitFor(async () => (await world.redis.exists(jobKey)) === 0, 10_000, "job removed");

    // Cancelled on Shopify but the webhook never came: the send-time check stops it.
    await db.shopSettings.update({ where: { shopId: shop }, data: { values: JSON.stringify({ delayDays: 0 }) } });
    // Saved by another process: the worker's copy of the settings lasts this long at most.
    await new Promise((resolve) => setTimeout(resolve, SHOP_SETTINGS_TTL_MS + 500));
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
    const secondNumber = "9199000000000000001";
    const second = fulfilledOrder(secondNumber);
    const body = JSON.parse(second.body) as FixtureOrder;
    body.line_items = [{ ...body.line_items[0]!, product_id: 9988776655 }];
    fake.addOrder(shop, { id: secondNumber, customerId: fixtureCustomerId, lineItems: [{ productId: "9988776655" }] });
    expect((await deliver(shop, "orders/fulfilled", JSON.stringify(body))).status).toBe(200);
    await waitFor(
      async () => (await db.webhookDelivery.count({ where: { shopId: shop, topic: "ORDERS_FULFILLED", processedAt: { not: null } } })) === 2,
      15_000,
      "second order applied",
    );
    expect(await db.reviewRequest.count({ where: { shopId: shop, orderId: second.orderId } })).toBe(0);
    // The worker logs the outcome just after recording it.
    await waitFor(async () => worker.output.some((line) => line.includes("skipped:suppressed")), 10_000, "the skip logged");

    // Consent required (the default): a customer not subscribed to email marketing is not asked.
    const notSubscribedShop = await installShop("send-no-consent", { marketingState: "NOT_SUBSCRIBED" });
    const order = addOrder(notSubscribedShop);
    expect((await deliver(notSubscribedShop, "orders/fulfilled", order.body)).status).toBe(200);
    const refused = await waitFor(
      () => db.reviewRequest.findFirst({ where: { shopId: notSubscribedShop, status: "cancelled" } }),
      20_000,
      "consent refusal",
    );
    expect(refused.statusReason).toBe("consent_not_subscribed");

    // A guest checkout (no customer record) is handled, not crashed on: no consent on record.
    const guest = addOrder(notSubscribedShop, { customerId: null });
    expect((await deliver(notSubscribedShop, "orders/fulfilled", guest.body)).status).toBe(200);
    const guestRequest = await waitFor(
      () => db.reviewRequest.findFirst({ where: { shopId: notSubscribedShop, orderId: guest.orderId, status: "cancelled" } }),
      20_000,
      "guest order refusal",
    );
    expect(guestRequest.statusReason).toBe("consent_not_subscribed");
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
    const job = await world.job(`review-request-${request.id}`);
    expect(Number(job.atm ?? 0)).toBe(0); // no attempt spent: delayed, not failed

    fake.setThrottled(shop, false);
    await mail.waitForMessage((message) => (message.text ?? "").includes("send-throttled"), { timeoutMs: 30_000 });
    await waitFor(() => db.reviewRequest.findFirst({ where: { shopId: shop, status: "sent" } }), 10_000, "request recorded as sent");
  }, 60_000);
});
