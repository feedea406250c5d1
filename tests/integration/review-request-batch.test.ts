import { randomUUID } from "node:crypto";

import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../app/db.server";
import type { Shipment } from "../../app/modules/review-requests/shipment";
import { openAppModules, type AppModulesContext } from "../support/app-modules";

/**
 * Shipments planned and written together (the worker's batches of concurrent webhooks), on the
 * backend under test and a real Redis: the same rules as one at a time, across orders,
 * customers and shops in one batch.
 */
describe("review requests scheduled in batches", () => {
  let app: AppModulesContext;
  let db: Db;
  let env: Record<string, string>;
  let modules: {
    scheduleReviewRequestBatch: typeof import("../../app/modules/review-requests/schedule-review-request-batch.server").scheduleReviewRequestBatch;
    scheduleReviewRequests: typeof import("../../app/modules/review-requests/schedule-review-requests.server").scheduleReviewRequests;
  };
  const SHOP = "batch-a.myshopify.com";
  const OTHER_SHOP = "batch-b.myshopify.com";
  const fulfilledAt = new Date("2026-11-20T10:00:00.000Z");

  beforeAll(async () => {
    app = await openAppModules();
    ({ db, env } = app);
    modules = {
      scheduleReviewRequestBatch: (await import("../../app/modules/review-requests/schedule-review-request-batch.server")).scheduleReviewRequestBatch,
      scheduleReviewRequests: (await import("../../app/modules/review-requests/schedule-review-requests.server")).scheduleReviewRequests,
    };
    await db.shop.createMany({ data: [{ id: SHOP }, { id: OTHER_SHOP }] });
  });

  afterAll(() => app?.close());

  let next = 1;
  const gid = (type: string) => `gid://shopify/${type}/${9_100_000 + next++}`;
  const shipment = (overrides: Partial<Shipment> = {}): Shipment => ({
    orderId: gid("Order"),
    shipmentKey: "order",
    customerRef: `customer-${randomUUID()}`,
    emailRef: `email-${randomUUID()}`,
    test: false,
    sourceName: "web",
    cancelled: false,
    orderPlacedAt: new Date("2026-11-18T10:00:00.000Z"),
    productIds: [gid("Product")],
    ...overrides,
  });
  const requestsOf = (shopId: string, orderId: string) =>
    db.reviewRequest.findMany({ where: { shopId, orderId }, select: { id: true, productIds: true, customerRef: true } });

  it("asks a customer once per product even when two of their orders are in the same batch", async () => {
    const product = gid("Product");
    const first = shipment({ productIds: [product] });
    const second = shipment({ customerRef: first.customerRef, emailRef: null, productIds: [product, gid("Product")] });
    const outcomes = await modules.scheduleReviewRequestBatch([
      { shopId: SHOP, shipment: first, fulfilledAt },
      { shopId: SHOP, shipment: second, fulfilledAt },
    ]);
    expect(outcomes).toEqual([{ scheduled: 1, skipped: null }, { scheduled: 1, skipped: null }]);
    expect(JSON.parse((await requestsOf(SHOP, first.orderId))[0]!.productIds)).toEqual([product]);
    // The second order asks only about the product the customer was not asked about yet.
    expect(JSON.parse((await requestsOf(SHOP, second.orderId))[0]!.productIds)).toEqual([second.productIds[1]]);
  });

  it("adds nothing for a second event of the same order in the batch, or for a replay in a later batch", async () => {
    const order = shipment();
    const again = { ...order, shipmentKey: "gid://shopify/Fulfillment/1" };
    const outcomes = await modules.scheduleReviewRequestBatch([
      { shopId: SHOP, shipment: order, fulfilledAt },
      { shopId: SHOP, shipment: again, fulfilledAt },
    ]);
    expect(outcomes).toEqual([{ scheduled: 1, skipped: null }, { scheduled: 0, skipped: "already_requested" }]);
    expect(await modules.scheduleReviewRequestBatch([{ shopId: SHOP, shipment: order, fulfilledAt }])).toEqual([{ scheduled: 0, skipped: "already_requested" }]);
    expect(await requestsOf(SHOP, order.orderId)).toHaveLength(1);
    expect(await db.outboxMessage.count({ where: { shopId: SHOP, id: `review-request-${(await requestsOf(SHOP, order.orderId))[0]!.id}` } })).toBe(1);
  });

  it("keeps each entry to its own shop: the same customer and order in another shop are separate", async () => {
    const inA = shipment();
    const inB = { ...inA };
    await db.suppression.create({ data: { id: randomUUID(), shopId: OTHER_SHOP, customerRef: inA.customerRef, source: "unsubscribe_link" } });
    const outcomes = await modules.scheduleReviewRequestBatch([
      { shopId: OTHER_SHOP, shipment: inB, fulfilledAt },
      { shopId: SHOP, shipment: inA, fulfilledAt },
    ]);
    // Suppressed in B only; A's request is not held back by B's suppression, nor counted against B.
    expect(outcomes).toEqual([{ scheduled: 0, skipped: "suppressed" }, { scheduled: 1, skipped: null }]);
    expect(await requestsOf(OTHER_SHOP, inB.orderId)).toHaveLength(0);
    expect(await requestsOf(SHOP, inA.orderId)).toHaveLength(1);
  });

  it("applies a suppression limited to earlier orders only to orders placed before it", async () => {
    const customerRef = `customer-${randomUUID()}`;
    await db.suppression.create({
      data: { id: randomUUID(), shopId: SHOP, customerRef, source: "erasure", appliesToOrdersBefore: new Date("2026-11-10T00:00:00.000Z") },
    });
    const before = shipment({ customerRef, orderPlacedAt: new Date("2026-11-01T00:00:00.000Z") });
    const after = shipment({ customerRef, orderPlacedAt: new Date("2026-11-15T00:00:00.000Z") });
    const unknown = shipment({ customerRef, orderPlacedAt: null });
    const outcomes = await modules.scheduleReviewRequestBatch([before, after, unknown].map((entry) => ({ shopId: SHOP, shipment: entry, fulfilledAt })));
    expect(outcomes.map((outcome) => outcome.skipped)).toEqual(["suppressed", null, "suppressed"]);
  });

  it("hands every planned request's send job to the queue, with the four allowed keys only", async () => {
    const entries = [shipment(), shipment(), shipment()].map((entry) => ({ shopId: SHOP, shipment: entry, fulfilledAt }));
    await modules.scheduleReviewRequestBatch(entries);
    const queue = new Queue("review-emails", { connection: { url: env.REDIS_URL }, prefix: env.QUEUE_PREFIX });
    try {
      for (const { shipment: planned } of entries) {
        const [request] = await requestsOf(SHOP, planned.orderId);
        const job = await queue.getJob(`review-request-${request!.id}`);
        expect(Object.keys(job!.data).sort()).toEqual(["orderId", "productIds", "reviewLink", "shop"]);
        expect(job!.data).toMatchObject({ shop: SHOP, orderId: planned.orderId, productIds: planned.productIds });
      }
      expect(await db.outboxMessage.count({ where: { shopId: SHOP, relayedAt: null } })).toBe(0);
    } finally {
      await queue.close();
    }
  });

  it("runs concurrent calls as one batch, and when that batch fails only the failing call's caller sees it", async () => {
    const first = shipment();
    const sameGroup = shipment({ ...first, productIds: [gid("Product")] });
    const last = shipment();
    const calls = [shipment(), first, sameGroup, last].map((entry) => modules.scheduleReviewRequests(SHOP, entry, fulfilledAt));
    const results = await Promise.allSettled(calls);
    // The third names the first's order and group again with another product: its request
    // collides with the first's on (shop, order, group) when written, which fails the batch.
    // Run again one by one, the others are recorded and only the third is refused.
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(await requestsOf(SHOP, first.orderId)).toHaveLength(1);
    expect(await requestsOf(SHOP, last.orderId)).toHaveLength(1);
    expect(await db.requestedProduct.count({ where: { shopId: SHOP, orderId: first.orderId } })).toBe(1);
  });
});
