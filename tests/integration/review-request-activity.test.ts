import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../app/db.server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/**
 * The overview's activity counts on the backend under test (TEST_DATABASE_BACKEND): rows are
 * written with Prisma directly, the module function is called in this process.
 */
describe("review request activity per day", () => {
  let database: TestDatabase;
  let db: Db;
  let modules: {
    getReviewRequestActivity: typeof import("../../app/modules/overview/get-review-request-activity.server").getReviewRequestActivity;
    getShopOverview: typeof import("../../app/modules/overview/get-shop-overview.server").getShopOverview;
    disconnectDb: typeof import("../../app/db.server").disconnectDb;
  };

  const SHOP_A = "activity-a.myshopify.com";
  const SHOP_B = "activity-b.myshopify.com";
  const now = new Date("2026-03-10T12:00:00Z");
  const at = (iso: string) => new Date(iso);

  beforeAll(async () => {
    database = await createTestDatabase();
    process.env.DATABASE_URL = database.url;
    const dbModule = await import("../../app/db.server");
    db = dbModule.getDb();
    modules = {
      getReviewRequestActivity: (await import("../../app/modules/overview/get-review-request-activity.server")).getReviewRequestActivity,
      getShopOverview: (await import("../../app/modules/overview/get-shop-overview.server")).getShopOverview,
      disconnectDb: dbModule.disconnectDb,
    };

    let order = 0;
    const request = (
      shopId: string,
      fields: { status: string; createdAt: Date; sentAt?: Date; cancelledAt?: Date; updatedAt?: Date },
    ) => {
      order += 1;
      return {
        id: randomUUID(),
        shopId,
        orderId: `gid://shopify/Order/${order}`,
        groupKey: "order",
        productIds: JSON.stringify(["gid://shopify/Product/1"]),
        dueAt: fields.createdAt,
        sentAt: fields.sentAt ?? null,
        cancelledAt: fields.cancelledAt ?? null,
        status: fields.status,
        createdAt: fields.createdAt,
        updatedAt: fields.updatedAt ?? fields.sentAt ?? fields.cancelledAt ?? fields.createdAt,
      };
    };

    await db.reviewRequest.createMany({
      data: [
        // Shop A
        request(SHOP_A, { status: "scheduled", createdAt: at("2026-03-10T08:00:00Z") }),
        request(SHOP_A, { status: "scheduled", createdAt: at("2026-03-10T11:59:00Z") }),
        request(SHOP_A, { status: "sent", createdAt: at("2026-03-01T09:00:00Z"), sentAt: at("2026-03-09T10:00:00Z") }),
        request(SHOP_A, { status: "sent", createdAt: at("2026-03-08T00:00:00Z"), sentAt: at("2026-03-10T07:00:00Z") }),
        request(SHOP_A, { status: "failed", createdAt: at("2026-03-08T05:00:00Z"), updatedAt: at("2026-03-09T23:59:59Z") }),
        request(SHOP_A, {
          status: "cancelled",
          createdAt: at("2026-02-20T00:00:00Z"),
          cancelledAt: at("2026-03-08T13:00:00Z"),
          updatedAt: at("2026-03-08T13:00:00Z"),
        }),
        // One second before the four-day window: counts nowhere.
        request(SHOP_A, { status: "sent", createdAt: at("2026-02-01T00:00:00Z"), sentAt: at("2026-03-06T23:59:59Z") }),
        // After "now": not counted yet.
        request(SHOP_A, { status: "scheduled", createdAt: at("2026-03-10T12:00:01Z") }),
        // Shop B, on the same days, with every status: must never show up for shop A.
        request(SHOP_B, { status: "scheduled", createdAt: at("2026-03-10T09:00:00Z") }),
        request(SHOP_B, { status: "sent", createdAt: at("2026-03-08T09:00:00Z"), sentAt: at("2026-03-09T09:00:00Z") }),
        request(SHOP_B, { status: "failed", createdAt: at("2026-03-08T09:30:00Z"), updatedAt: at("2026-03-10T09:00:00Z") }),
        request(SHOP_B, { status: "failed", createdAt: at("2026-03-08T09:40:00Z"), updatedAt: at("2026-03-10T09:30:00Z") }),
        request(SHOP_B, { status: "cancelled", createdAt: at("2026-03-09T09:00:00Z"), cancelledAt: at("2026-03-09T10:00:00Z") }),
      ],
    });
  });

  afterAll(async () => {
    await modules?.disconnectDb();
    await database?.drop();
  });

  it("counts each shop's requests per UTC day, zero-filled, and never another shop's", async () => {
    expect(await modules.getReviewRequestActivity(SHOP_A, { days: 4, now })).toEqual([
      { day: "2026-03-07", scheduled: 0, sent: 0, failed: 0, cancelled: 0 },
      { day: "2026-03-08", scheduled: 2, sent: 0, failed: 0, cancelled: 1 },
      { day: "2026-03-09", scheduled: 0, sent: 1, failed: 1, cancelled: 0 },
      { day: "2026-03-10", scheduled: 2, sent: 1, failed: 0, cancelled: 0 },
    ]);
    expect(await modules.getReviewRequestActivity(SHOP_B, { days: 4, now })).toEqual([
      { day: "2026-03-07", scheduled: 0, sent: 0, failed: 0, cancelled: 0 },
      { day: "2026-03-08", scheduled: 3, sent: 0, failed: 0, cancelled: 0 },
      { day: "2026-03-09", scheduled: 1, sent: 1, failed: 0, cancelled: 1 },
      { day: "2026-03-10", scheduled: 1, sent: 0, failed: 2, cancelled: 0 },
    ]);
    expect(await modules.getReviewRequestActivity("nobody.myshopify.com", { days: 2, now })).toEqual([
      { day: "2026-03-09", scheduled: 0, sent: 0, failed: 0, cancelled: 0 },
      { day: "2026-03-10", scheduled: 0, sent: 0, failed: 0, cancelled: 0 },
    ]);
  });

  it("counts the days in the time zone asked for", async () => {
    // 23:59:59 UTC on the 9th is already the 10th in Berlin: the failure moves a day on.
    const berlin = await modules.getReviewRequestActivity(SHOP_A, { days: 2, now, timeZone: "Europe/Berlin" });
    expect(berlin.map(({ day, failed }) => [day, failed])).toEqual([
      ["2026-03-09", 0],
      ["2026-03-10", 1],
    ]);
  });

  it("gives the overview the last 30 days, by the real clock", async () => {
    const today = new Date();
    const base = { groupKey: "order", productIds: "[]", status: "scheduled", dueAt: today, createdAt: today, updatedAt: today };
    await db.reviewRequest.createMany({
      data: [
        { ...base, id: randomUUID(), shopId: SHOP_A, orderId: "gid://shopify/Order/today-a" },
        { ...base, id: randomUUID(), shopId: SHOP_B, orderId: "gid://shopify/Order/today-b1" },
        { ...base, id: randomUUID(), shopId: SHOP_B, orderId: "gid://shopify/Order/today-b2" },
      ],
    });
    const overview = await modules.getShopOverview(SHOP_A);
    expect(overview.activity).toHaveLength(30);
    expect(overview.activity.at(-1)).toEqual({ day: today.toISOString().slice(0, 10), scheduled: 1, sent: 0, failed: 0, cancelled: 0 });
    expect(overview.activity.slice(0, -1).every((day) => day.scheduled + day.sent + day.failed + day.cancelled === 0)).toBe(true);
  });
});
