import { readFileSync } from "node:fs";
import path from "node:path";

import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SHOP_SETTINGS_TTL_MS } from "../../app/modules/settings/shop-settings-cache.server";
import { REPO_ROOT, waitFor } from "../support/app-process";
import { fixtureProductIds, startReviewEmailWorld, type ReviewEmailWorld } from "../support/review-email-world";

const sample = (file: string) => JSON.parse(readFileSync(path.join(REPO_ROOT, "tests/fixtures/shopify-webhooks", file), "utf8")) as Record<string, unknown>;

/** Puts raw 64-bit digits where a placeholder string stands, as Shopify writes ids. */
const withRawIds = (body: unknown, ids: Record<string, string>) =>
  Object.entries(ids).reduce((text, [placeholder, digits]) => text.replaceAll(`"${placeholder}"`, digits), JSON.stringify(body));

const P = fixtureProductIds;
const productGid = (id: string) => `gid://shopify/Product/${id}`;

/** The shared `fulfillments/create` sample, as a successful shipment of the given products of an order. */
function fulfillmentBody(orderNumber: string, fulfillmentId: string, productIds: string[]): string {
  const fulfillment = sample("fulfillments/create.json");
  const lines = fulfillment.line_items as Array<Record<string, unknown>>;
  fulfillment.id = "__FULFILLMENT__";
  fulfillment.admin_graphql_api_id = `gid://shopify/Fulfillment/${fulfillmentId}`;
  fulfillment.order_id = "__ORDER__";
  fulfillment.status = "success";
  fulfillment.line_items = productIds.map((productId, index) => ({ ...lines[index % lines.length], product_id: `__PRODUCT_${index}__` }));
  return withRawIds(fulfillment, {
    __FULFILLMENT__: fulfillmentId,
    __ORDER__: orderNumber,
    ...Object.fromEntries(productIds.map((productId, index) => [`__PRODUCT_${index}__`, productId])),
  });
}

/** The shared `refunds/create` sample, refunding the given products of an order in full. */
function refundBody(orderNumber: string, productIds: string[]): string {
  const refund = sample("refunds/create.json");
  const items = refund.refund_line_items as Array<Record<string, unknown> & { line_item: Record<string, unknown> }>;
  refund.order_id = "__ORDER__";
  refund.refund_line_items = productIds.map((productId, index) => {
    const item = items[index % items.length]!;
    return { ...item, quantity: 1, line_item: { ...item.line_item, product_id: `__PRODUCT_${index}__`, quantity: 1 } };
  });
  return withRawIds(refund, { __ORDER__: orderNumber, ...Object.fromEntries(productIds.map((id, index) => [`__PRODUCT_${index}__`, id])) });
}

describe("review requests through partial shipments, refunds and reminders (real server, worker, Redis, database, SMTP)", () => {
  let world: ReviewEmailWorld;
  let queue: Queue;

  beforeAll(async () => {
    world = await startReviewEmailWorld("lifecycle");
    queue = new Queue("review-emails", { connection: { url: world.env.REDIS_URL }, prefix: world.env.QUEUE_PREFIX });
  }, 120_000);

  afterAll(async () => {
    await queue?.close();
    await world?.stop();
  });

  const emailsOf = (shop: string) => world.mail.messages.filter((message) => (message.text ?? "").includes(shop));

  it("asks about a partial shipment's products only, then about the rest when the order is complete", async () => {
    const shop = await world.installShop("partial");
    const order = world.addOrder(shop);
    expect((await world.deliver(shop, "fulfillments/create", fulfillmentBody(order.orderNumber, "5550001", [P[0]!]))).status).toBe(200);
    await world.mail.waitForMessage((message) => (message.text ?? "").includes(shop), { timeoutMs: 20_000 });
    const first = emailsOf(shop)[0]!;
    expect(first.text).toContain("Aviator sunglasses");
    expect(first.text).not.toContain("Mid-century lounger");

    expect((await world.deliver(shop, "orders/fulfilled", order.body)).status).toBe(200);
    await waitFor(async () => emailsOf(shop).length === 2, 20_000, "the second email");
    const second = emailsOf(shop)[1]!;
    expect(second.text).toContain("Mid-century lounger");
    expect(second.text).toContain("Coffee table");
    expect(second.text).not.toContain("Aviator sunglasses");

    const requests = await world.db.reviewRequest.findMany({ where: { shopId: shop }, orderBy: { createdAt: "asc" } });
    expect(requests.map((request) => [request.groupKey, JSON.parse(request.productIds)])).toEqual([
      ["gid://shopify/Fulfillment/5550001", [productGid(P[0]!)]],
      ["order", [productGid(P[1]!), productGid(P[2]!)]],
    ]);
    // The shipment's webhook carried no customer id: the send completed the blind index.
    expect(requests[0]!.customerRef).toMatch(/^[0-9a-f]{64}$/);
    expect(requests[0]!.customerRef).toBe(requests[1]!.customerRef);
    // A replayed shipment adds nothing.
    expect((await world.deliver(shop, "fulfillments/create", fulfillmentBody(order.orderNumber, "5550001", [P[0]!]))).status).toBe(200);
    await waitFor(async () => (await world.db.webhookDelivery.count({ where: { shopId: shop, processedAt: { not: null } } })) === 3, 15_000, "replay applied");
    expect(await world.db.reviewRequest.count({ where: { shopId: shop } })).toBe(2);
  }, 60_000);

  it("cancels a pending request when every requested product is refunded, and keeps it after a partial refund", async () => {
    const shop = await world.installShop("refunds");
    await world.db.shopSettings.update({ where: { shopId: shop }, data: { values: JSON.stringify({ delayDays: 5 }) } });
    const refunded = world.addOrder(shop);
    const partly = world.addOrder(shop, { customerId: "7001" });
    for (const order of [refunded, partly]) expect((await world.deliver(shop, "orders/fulfilled", order.body)).status).toBe(200);
    await waitFor(async () => (await world.db.reviewRequest.count({ where: { shopId: shop, status: "scheduled" } })) === 2, 15_000, "two requests");
    const pending = await world.db.reviewRequest.findFirstOrThrow({ where: { shopId: shop, orderId: refunded.orderId } });
    await waitFor(async () => (await queue.getJob(`review-request-${pending.id}`)) !== undefined, 10_000, "queued send");

    expect((await world.deliver(shop, "refunds/create", refundBody(refunded.orderNumber, P))).status).toBe(200);
    expect((await world.deliver(shop, "refunds/create", refundBody(partly.orderNumber, [P[0]!]))).status).toBe(200);
    const cancelled = await waitFor(() => world.db.reviewRequest.findFirst({ where: { shopId: shop, status: "cancelled" } }), 15_000, "refund cancellation");
    expect(cancelled).toMatchObject({ orderId: refunded.orderId, statusReason: "order_refunded" });
    await waitFor(async () => (await queue.getJob(`review-request-${pending.id}`)) === undefined, 10_000, "job removed");
    await waitFor(async () => (await world.db.webhookDelivery.count({ where: { shopId: shop, topic: "REFUNDS_CREATE", processedAt: { not: null } } })) === 2, 15_000, "both refunds applied");
    expect((await world.db.reviewRequest.findFirstOrThrow({ where: { shopId: shop, orderId: partly.orderId } })).status).toBe("scheduled");
  }, 60_000);

  it("sends the single reminder with the same minimal payload, and never after an unsubscribe", async () => {
    const shop = await world.installShop("reminder");
    await world.db.shopSettings.update({ where: { shopId: shop }, data: { values: JSON.stringify({ delayDays: 0, reminderDays: 7 }) } });
    const order = world.addOrder(shop);
    expect((await world.deliver(shop, "orders/fulfilled", order.body)).status).toBe(200);
    await world.mail.waitForMessage((message) => (message.text ?? "").includes(shop), { timeoutMs: 20_000 });
    const sent = await waitFor(() => world.db.reviewRequest.findFirst({ where: { shopId: shop, status: "sent" } }), 10_000, "sent request");
    expect(sent.reminderDueAt!.getTime() - sent.sentAt!.getTime()).toBe(7 * 86_400_000);

    const reminderJob = await waitFor(() => queue.getJob(`review-reminder-${sent.id}`), 10_000, "queued reminder");
    expect(await reminderJob.isDelayed()).toBe(true);
    expect(Object.keys(reminderJob.data as object).sort()).toEqual(["orderId", "productIds", "reviewLink", "shop"]);

    // A week passes.
    await world.db.reviewRequest.update({ where: { id: sent.id }, data: { reminderDueAt: new Date(Date.now() - 1_000) } });
    await reminderJob.promote();
    await waitFor(async () => emailsOf(shop).length === 2, 20_000, "the reminder");
    const [request, reminder] = emailsOf(shop);
    expect(reminder!.subject).not.toBe(request!.subject);
    await waitFor(() => world.db.reviewRequest.findFirst({ where: { id: sent.id, reminderSentAt: { not: null } } }), 10_000, "reminder recorded");
    const attempts = await world.db.sendAttempt.findMany({ where: { shopId: shop }, orderBy: { startedAt: "asc" } });
    expect(attempts.map((attempt) => [attempt.kind, attempt.status])).toEqual([
      ["request", "sent"],
      ["reminder", "sent"],
    ]);

    // Another customer unsubscribes after the request: the reminder is dropped from the queue.
    const other = world.addOrder(shop, { customerId: "7002" });
    world.fake.addCustomer(shop, { id: "7002", email: "buyer-7002@example.net", marketingState: "SUBSCRIBED" });
    expect((await world.deliver(shop, "orders/fulfilled", other.body)).status).toBe(200);
    const message = await world.mail.waitForMessage((candidate) => candidate.envelope.to.includes("buyer-7002@example.net"), { timeoutMs: 20_000 });
    const otherRequest = await waitFor(
      () => world.db.reviewRequest.findFirst({ where: { shopId: shop, orderId: other.orderId, status: "sent" } }),
      10_000,
      "second request sent",
    );
    await waitFor(() => queue.getJob(`review-reminder-${otherRequest.id}`), 10_000, "second reminder queued");
    const unsubscribeUrl = /^<(.+)>$/.exec(message.headers["list-unsubscribe"] ?? "")![1]!;
    expect((await fetch(unsubscribeUrl, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) })).status).toBe(200);
    expect(await queue.getJob(`review-reminder-${otherRequest.id}`)).toBeUndefined();
    expect((await world.db.reviewRequest.findUniqueOrThrow({ where: { id: otherRequest.id } })).reminderDueAt).toBeNull();
  }, 90_000);

  it("hands the request to Shopify Flow with exactly the minimal payload and sends no email, retrying when throttled", async () => {
    const shop = await world.installShop("flow-channel");
    await world.db.shopSettings.update({ where: { shopId: shop }, data: { values: JSON.stringify({ delayDays: 0, channel: "flow", reminderDays: 3 }) } });
    world.fake.setThrottled(shop, true);
    const order = world.addOrder(shop);
    expect((await world.deliver(shop, "orders/fulfilled", order.body)).status).toBe(200);
    await waitFor(async () => world.fake.graphqlRequests(shop).length > 0, 15_000, "a throttled Admin API call");
    expect(world.fake.flowTriggers.filter((trigger) => trigger.shop === shop)).toHaveLength(0);
    world.fake.setThrottled(shop, false);

    const trigger = await waitFor(async () => world.fake.flowTriggers.find((candidate) => candidate.shop === shop), 30_000, "the Flow trigger");
    const request = await waitFor(() => world.db.reviewRequest.findFirst({ where: { shopId: shop, status: "sent" } }), 10_000, "sent via Flow");
    const job = await world.job(`review-request-${request.id}`);
    expect(trigger).toMatchObject({ handle: "review-request-due", accepted: true });
    expect(trigger.payload).toEqual({
      order_id: order.orderNumber,
      "Product IDs": order.productIds.join(","),
      "Review link": (JSON.parse(job.data!) as { reviewLink: string }).reviewLink,
    });
    // Candor never asked Shopify for an address on this channel.
    for (const call of world.fake.graphqlRequests(shop)) expect(JSON.stringify(call)).not.toContain("emailAddress");
    expect(await world.db.sendAttempt.findMany({ where: { shopId: shop }, select: { channel: true, status: true, messageIdHash: true } })).toEqual([
      { channel: "flow", status: "sent", messageIdHash: null },
    ]);
    expect(request.reminderDueAt).toBeNull(); // follow-ups are the merchant's Flow's business
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(emailsOf(shop)).toHaveLength(0);
  }, 60_000);

  it("applies a settings change saved elsewhere within seconds, and an uninstall at once, though the worker keeps both per process", async () => {
    const shop = await world.installShop("fresh-settings");
    const first = world.addOrder(shop);
    expect((await world.deliver(shop, "orders/fulfilled", first.body)).status).toBe(200);
    await world.mail.waitForMessage((message) => (message.text ?? "").includes(shop), { timeoutMs: 20_000 });

    // The admin (another process) changes the delay: the worker's copy of the settings expires.
    await world.db.shopSettings.update({ where: { shopId: shop }, data: { values: JSON.stringify({ delayDays: 3 }) } });
    await new Promise((resolve) => setTimeout(resolve, SHOP_SETTINGS_TTL_MS + 500));
    // Other customers, so that no order repeats the products asked about before.
    const second = world.addOrder(shop, { customerId: "7301" });
    world.fake.addCustomer(shop, { id: "7301", email: "second.buyer@example.net", marketingState: "SUBSCRIBED" });
    const deliveredAt = Date.now();
    expect((await world.deliver(shop, "orders/fulfilled", second.body)).status).toBe(200);
    const delayed = await waitFor(() => world.db.reviewRequest.findFirst({ where: { shopId: shop, orderId: second.orderId } }), 15_000, "second request");
    expect(delayed.status).toBe("scheduled");
    expect(delayed.dueAt.getTime()).toBeGreaterThanOrEqual(deliveredAt + 3 * 24 * 3_600_000 - 60_000);

    // Back to no delay, then the shop uninstalls: the worker applies app/uninstalled itself and
    // stops at once, without waiting for its copy of the shop's state to expire.
    await world.db.shopSettings.update({ where: { shopId: shop }, data: { values: JSON.stringify({ delayDays: 0 }) } });
    await new Promise((resolve) => setTimeout(resolve, SHOP_SETTINGS_TTL_MS + 500));
    // A send just before the uninstall: the worker holds the shop as installed.
    const warm = world.addOrder(shop, { customerId: "7303" });
    world.fake.addCustomer(shop, { id: "7303", email: "warm.buyer@example.net", marketingState: "SUBSCRIBED" });
    expect((await world.deliver(shop, "orders/fulfilled", warm.body)).status).toBe(200);
    await world.mail.waitForMessage((message) => message.envelope.to.includes("warm.buyer@example.net"), { timeoutMs: 20_000 });
    const uninstalled = await world.deliver(shop, "app/uninstalled", JSON.stringify({ id: 548380009, myshopify_domain: shop }));
    expect(uninstalled.status).toBe(200);
    await waitFor(() => world.db.shop.findFirst({ where: { id: shop, uninstalledAt: { not: null } } }), 15_000, "uninstall applied");
    const third = world.addOrder(shop, { customerId: "7302" });
    world.fake.addCustomer(shop, { id: "7302", email: "third.buyer@example.net", marketingState: "SUBSCRIBED" });
    expect((await world.deliver(shop, "orders/fulfilled", third.body)).status).toBe(200);
    const cancelled = await waitFor(
      () => world.db.reviewRequest.findFirst({ where: { shopId: shop, orderId: third.orderId, status: "cancelled" } }),
      15_000,
      "send refused after uninstall",
    );
    expect(cancelled.statusReason).toBe("shop_uninstalled");
    expect(emailsOf(shop)).toHaveLength(2);
  }, 60_000);

  describe("failures", () => {
    it("stops at once on a rejected address, and retries a temporary SMTP failure", async () => {
      const shop = await world.installShop("smtp-failures");
      const rejected = world.addOrder(shop, { customerId: "7101" });
      world.fake.addCustomer(shop, { id: "7101", email: "unknown.user@example.net", marketingState: "SUBSCRIBED" });
      world.mail.rejectRecipient("unknown.user@example.net", 550);
      expect((await world.deliver(shop, "orders/fulfilled", rejected.body)).status).toBe(200);
      const failed = await waitFor(() => world.db.reviewRequest.findFirst({ where: { shopId: shop, status: "failed" } }), 20_000, "permanent failure");
      expect(failed.statusReason).toBe("address_rejected");
      // The request is recorded as failed a moment before the queue moves its job: read the job once it has moved.
      const job = await waitFor(async () => {
        const candidate = await queue.getJob(`review-request-${failed.id}`);
        return candidate && (await candidate.isFailed()) ? candidate : null;
      }, 5_000, "failed job");
      expect(job.attemptsMade).toBe(1); // no retry
      expect(job.failedReason).toBe("review email failed (smtp_550)"); // a code, never the address
      expect(await world.db.sendAttempt.findMany({ where: { reviewRequestId: failed.id }, select: { status: true, errorCode: true } })).toEqual([
        { status: "failed", errorCode: "smtp_550" },
      ]);

      const later = world.addOrder(shop, { customerId: "7102" });
      world.fake.addCustomer(shop, { id: "7102", email: "busy.inbox@example.net", marketingState: "SUBSCRIBED" });
      world.mail.rejectRecipient("busy.inbox@example.net", 451);
      expect((await world.deliver(shop, "orders/fulfilled", later.body)).status).toBe(200);
      const pending = await waitFor(
        async () => {
          const request = await world.db.reviewRequest.findFirst({ where: { shopId: shop, orderId: later.orderId } });
          return request && (await world.db.sendAttempt.count({ where: { reviewRequestId: request.id } })) > 0 ? request : null;
        },
        20_000,
        "first attempt",
      );
      const retried = await waitFor(async () => {
        const candidate = await queue.getJob(`review-request-${pending.id}`);
        return candidate && (await candidate.isDelayed()) ? candidate : null;
      }, 10_000, "job waiting for its retry");
      expect(retried.attemptsMade).toBe(1);
      expect((await world.db.reviewRequest.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("scheduled");
      // The inbox recovers; the retry (after its backoff — here brought forward) sends it.
      world.mail.rejectRecipient("busy.inbox@example.net", null);
      await retried.promote();
      await world.mail.waitForMessage((message) => message.envelope.to.includes("busy.inbox@example.net"), { timeoutMs: 20_000 });
      await waitFor(() => world.db.reviewRequest.findFirst({ where: { id: pending.id, status: "sent" } }), 10_000, "sent after retry");
      expect(
        (await world.db.sendAttempt.findMany({ where: { reviewRequestId: pending.id }, orderBy: { startedAt: "asc" } })).map((attempt) => attempt.errorCode ?? attempt.status),
      ).toEqual(["smtp_451", "sent"]);
    }, 60_000);

    it("cancels when the customer is gone from Shopify or the shop uninstalled the app", async () => {
      const shop = await world.installShop("gone");
      const order = world.addOrder(shop, { customerId: "7201" });
      world.fake.addCustomer(shop, { id: "7201", email: "left@example.net", marketingState: "SUBSCRIBED" });
      world.fake.removeCustomer(shop, "7201");
      expect((await world.deliver(shop, "orders/fulfilled", order.body)).status).toBe(200);
      const gone = await waitFor(() => world.db.reviewRequest.findFirst({ where: { shopId: shop, status: "cancelled" } }), 20_000, "customer gone");
      expect(gone.statusReason).toBe("customer_not_found");

      world.fake.uninstall(shop);
      const afterUninstall = world.addOrder(shop);
      expect((await world.deliver(shop, "orders/fulfilled", afterUninstall.body)).status).toBe(200);
      const cancelled = await waitFor(
        () => world.db.reviewRequest.findFirst({ where: { shopId: shop, orderId: afterUninstall.orderId, status: "cancelled" } }),
        20_000,
        "uninstalled shop",
      );
      expect(cancelled.statusReason).toBe("shop_uninstalled");
      expect(emailsOf(shop)).toHaveLength(0);
    }, 60_000);
  });
});
