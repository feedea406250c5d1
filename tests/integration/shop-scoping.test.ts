import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../app/db.server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/**
 * Module functions run in this process against a real database: each test file gets its own,
 * and the process-wide client is pointed at it before any module is loaded.
 */
describe("module functions stay inside one shop", () => {
  let database: TestDatabase;
  let db: Db;
  let modules: {
    getShopOverview: typeof import("../../app/modules/overview/get-shop-overview.server").getShopOverview;
    processWebhook: typeof import("../../app/jobs/process-webhook.handler.server").processWebhook;
    listReviewRequests: typeof import("../../app/modules/review-requests/list-review-requests.server").listReviewRequests;
    disconnectDb: typeof import("../../app/db.server").disconnectDb;
  };
  const logger = { info: () => undefined, warn: () => undefined } as never;

  beforeAll(async () => {
    database = await createTestDatabase();
    process.env.DATABASE_URL = database.url;
    const dbModule = await import("../../app/db.server");
    db = dbModule.getDb();
    modules = {
      getShopOverview: (await import("../../app/modules/overview/get-shop-overview.server")).getShopOverview,
      processWebhook: (await import("../../app/jobs/process-webhook.handler.server")).processWebhook,
      listReviewRequests: (await import("../../app/modules/review-requests/list-review-requests.server")).listReviewRequests,
      disconnectDb: dbModule.disconnectDb,
    };
  });

  afterAll(async () => {
    await modules?.disconnectDb();
    await database?.drop();
  });

  async function delivery(shopId: string, topic: string, event = "{}") {
    const id = randomUUID();
    await db.webhookDelivery.create({ data: { id, shopId, webhookId: randomUUID(), topic, event } });
    return id;
  }

  it("shows a shop only its own events and backlog", async () => {
    await db.shop.createMany({ data: [{ id: "alpha.myshopify.com" }, { id: "beta.myshopify.com" }] });
    await delivery("alpha.myshopify.com", "ORDERS_FULFILLED");
    await delivery("beta.myshopify.com", "ORDERS_FULFILLED");
    await delivery("beta.myshopify.com", "ORDERS_CANCELLED");
    await db.outboxMessage.create({
      data: { id: randomUUID(), shopId: "beta.myshopify.com", jobName: "process-webhook@v1", payload: "{}", createdAt: new Date(Date.now() - 60_000) },
    });

    const alpha = await modules.getShopOverview("alpha.myshopify.com");
    expect(alpha.webhooksLast24h).toEqual([{ topic: "ORDERS_FULFILLED", received: 1, processed: 0 }]);
    expect(alpha.outbox.owed).toBe(0);
    const beta = await modules.getShopOverview("beta.myshopify.com");
    expect(beta.webhooksLast24h.map((row) => row.topic)).toEqual(["ORDERS_CANCELLED", "ORDERS_FULFILLED"]);
    expect(beta.outbox.owed).toBe(1);
  });

  it("refuses to run a job for a delivery of another shop", async () => {
    const gammaDelivery = await delivery("gamma.myshopify.com", "APP_UNINSTALLED");
    await expect(
      modules.processWebhook({ shop: "delta.myshopify.com", deliveryId: gammaDelivery }, { logger, attempt: 1, isFinalAttempt: false, delayUntil: () => Promise.reject(new Error("not queued")) }),
    ).rejects.toThrow(/no longer exists/);
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: gammaDelivery } })).processedAt).toBeNull();
  });

  it("applies a delivery once, however often its job runs", async () => {
    await db.shop.create({ data: { id: "twice.myshopify.com", installedAt: new Date(Date.now() - 3_600_000) } });
    await db.session.create({ data: { id: "offline_twice.myshopify.com", shop: "twice.myshopify.com", state: "s", accessToken: "enc:v1:x" } });
    const id = await delivery("twice.myshopify.com", "APP_UNINSTALLED");

    expect(await modules.processWebhook({ shop: "twice.myshopify.com", deliveryId: id }, { logger, attempt: 1, isFinalAttempt: false, delayUntil: () => Promise.reject(new Error("not queued")) })).toBe("uninstalled");
    const first = await db.shop.findUniqueOrThrow({ where: { id: "twice.myshopify.com" } });
    // The merchant reinstalls; a replayed job of the old uninstall must not undo that.
    await db.shop.update({ where: { id: "twice.myshopify.com" }, data: { installedAt: new Date(), uninstalledAt: null } });
    expect(await modules.processWebhook({ shop: "twice.myshopify.com", deliveryId: id }, { logger, attempt: 2, isFinalAttempt: false, delayUntil: () => Promise.reject(new Error("not queued")) })).toBe("already-processed");
    expect((await db.shop.findUniqueOrThrow({ where: { id: "twice.myshopify.com" } })).uninstalledAt).toBeNull();
    expect(first.uninstalledAt).not.toBeNull();
  });

  it("lists only the shop's own review requests", async () => {
    for (const [shopId, orderId] of [["alpha.myshopify.com", "gid://shopify/Order/1"], ["beta.myshopify.com", "gid://shopify/Order/2"], ["beta.myshopify.com", "gid://shopify/Order/3"]]) {
      await db.reviewRequest.create({
        data: { id: randomUUID(), shopId: shopId!, orderId: orderId!, groupKey: "order", productIds: "[]", status: "scheduled", dueAt: new Date() },
      });
    }
    const alpha = await modules.listReviewRequests("alpha.myshopify.com");
    expect(alpha.items.map((item) => item.orderId)).toEqual(["gid://shopify/Order/1"]);
    expect(alpha.counts.scheduled).toBe(1);
    expect((await modules.listReviewRequests("beta.myshopify.com", { status: "sent" })).items).toEqual([]);
    expect((await modules.listReviewRequests("beta.myshopify.com")).counts.scheduled).toBe(2);
    expect((await modules.getShopOverview("alpha.myshopify.com")).reviewRequests).toEqual({ scheduled: 1 });
    expect((await modules.getShopOverview("beta.myshopify.com")).reviewRequests).toEqual({ scheduled: 2 });
  });
});
