import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../app/db.server";
import { baseTestEnv } from "../support/app-process";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/**
 * Listing, moderating and counting reviews on the backend under test (TEST_DATABASE_BACKEND):
 * rows are written with Prisma directly, the module functions are called in this process with
 * a test environment of their own (its encryption key encrypts the seeded display names).
 */
describe("review moderation and review figures", () => {
  let database: TestDatabase;
  let db: Db;
  let modules: {
    listReviews: typeof import("../../app/modules/reviews/list-reviews.server").listReviews;
    moderateReview: typeof import("../../app/modules/reviews/moderate-review.server").moderateReview;
    getReviewModerationView: typeof import("../../app/modules/reviews/get-review-moderation-view.server").getReviewModerationView;
    getReviewStats: typeof import("../../app/modules/overview/get-review-stats.server").getReviewStats;
    getShopOverview: typeof import("../../app/modules/overview/get-shop-overview.server").getShopOverview;
    updateShopSettings: typeof import("../../app/modules/settings/update-shop-settings.server").updateShopSettings;
    disconnectDb: typeof import("../../app/db.server").disconnectDb;
  };
  const savedEnv = { ...process.env };

  const SHOP_A = "moderation-a.myshopify.com";
  const SHOP_B = "moderation-b.myshopify.com";
  const PRODUCT_1 = "gid://shopify/Product/111";
  const PRODUCT_2 = "gid://shopify/Product/222";
  const SCRIPT = "<script>alert(1)</script>";
  const now = new Date("2026-03-10T12:00:00Z");
  const ids = { a1: randomUUID(), a2: randomUUID(), a3: randomUUID(), a4: randomUUID(), a5: randomUUID(), b1: randomUUID(), b2: randomUUID() };

  beforeAll(async () => {
    database = await createTestDatabase();
    process.env = { ...process.env, ...baseTestEnv({ DATABASE_URL: database.url, LOG_LEVEL: "silent" }) };
    const dbModule = await import("../../app/db.server");
    db = dbModule.getDb();
    modules = {
      listReviews: (await import("../../app/modules/reviews/list-reviews.server")).listReviews,
      moderateReview: (await import("../../app/modules/reviews/moderate-review.server")).moderateReview,
      getReviewModerationView: (await import("../../app/modules/reviews/get-review-moderation-view.server")).getReviewModerationView,
      getReviewStats: (await import("../../app/modules/overview/get-review-stats.server")).getReviewStats,
      getShopOverview: (await import("../../app/modules/overview/get-shop-overview.server")).getShopOverview,
      updateShopSettings: (await import("../../app/modules/settings/update-shop-settings.server")).updateShopSettings,
      disconnectDb: dbModule.disconnectDb,
    };
    const { encryptSecret } = await import("../../app/modules/crypto/encrypt-secret.server");
    const { getEnv } = await import("../../app/modules/config/get-env.server");
    const keyring = getEnv().ENCRYPTION_KEYS;

    const review = (
      id: string,
      shopId: string,
      fields: { productId: string; rating: number; status: string; submittedAt: string; displayName: string; title?: string; body?: string; reason?: string },
      nameBoundTo = id,
    ) => ({
      id,
      shopId,
      reviewRequestId: randomUUID(),
      orderId: `gid://shopify/Order/${Math.floor(Math.random() * 1e9)}`,
      productId: fields.productId,
      rating: fields.rating,
      title: fields.title ?? null,
      body: fields.body ?? `A review rated ${fields.rating}.`,
      displayName: encryptSecret(fields.displayName, keyring, { table: "Review", column: "displayName", rowId: nameBoundTo }),
      locale: "en",
      status: fields.status,
      moderationReason: fields.reason ?? null,
      submittedAt: new Date(fields.submittedAt),
      moderatedAt: fields.status === "pending" ? null : new Date(fields.submittedAt),
      publishedAt: fields.status === "published" ? new Date(fields.submittedAt) : null,
    });
    await db.review.createMany({
      data: [
        review(ids.a1, SHOP_A, { productId: PRODUCT_1, rating: 5, status: "published", submittedAt: "2026-03-10T10:00:00Z", displayName: "Ada", title: "Lovely" }),
        review(ids.a2, SHOP_A, { productId: PRODUCT_1, rating: 1, status: "pending", submittedAt: "2026-03-09T10:00:00Z", displayName: "Ben", body: `Broke at once. ${SCRIPT}` }),
        review(ids.a3, SHOP_A, { productId: PRODUCT_2, rating: 3, status: "pending", submittedAt: "2026-03-08T10:00:00Z", displayName: "Cléo" }),
        review(ids.a4, SHOP_A, { productId: PRODUCT_2, rating: 2, status: "rejected", submittedAt: "2026-03-07T10:00:00Z", displayName: "Dee", reason: "Names a staff member" }),
        // Before the four-day window of the figures; its name was encrypted for another row, so it cannot be read.
        review(ids.a5, SHOP_A, { productId: PRODUCT_1, rating: 4, status: "pending", submittedAt: "2026-03-06T23:59:59Z", displayName: "Eve" }, ids.a1),
        review(ids.b1, SHOP_B, { productId: PRODUCT_1, rating: 4, status: "pending", submittedAt: "2026-03-10T09:00:00Z", displayName: "Other shop's customer" }),
        review(ids.b2, SHOP_B, { productId: PRODUCT_1, rating: 1, status: "published", submittedAt: "2026-03-09T09:00:00Z", displayName: "Another" }),
      ],
    });

    let order = 0;
    const request = (shopId: string, sentAt: string | null) => {
      order += 1;
      const created = new Date(sentAt ?? "2026-03-01T00:00:00Z");
      return {
        id: randomUUID(),
        shopId,
        orderId: `gid://shopify/Order/${order}`,
        groupKey: "order",
        productIds: JSON.stringify([PRODUCT_1]),
        status: sentAt ? "sent" : "scheduled",
        dueAt: created,
        sentAt: sentAt ? new Date(sentAt) : null,
        createdAt: created,
        updatedAt: created,
      };
    };
    await db.reviewRequest.createMany({
      data: [
        request(SHOP_A, "2026-03-07T08:00:00Z"),
        request(SHOP_A, "2026-03-08T08:00:00Z"),
        request(SHOP_A, "2026-03-09T08:00:00Z"),
        request(SHOP_A, "2026-03-10T08:00:00Z"),
        request(SHOP_A, "2026-03-10T09:00:00Z"),
        request(SHOP_A, "2026-03-06T08:00:00Z"), // before the window
        request(SHOP_A, null), // not sent
        request(SHOP_B, "2026-03-09T08:00:00Z"),
      ],
    });
  });

  afterAll(async () => {
    await modules?.disconnectDb();
    await database?.drop();
    process.env = savedEnv;
  });

  const rowOf = (id: string) => db.review.findUniqueOrThrow({ where: { id } });

  it("counts reviews, the average of published and pending ones, and reviews per request sent, per shop", async () => {
    const a = await modules.getReviewStats(SHOP_A, { days: 4, now });
    expect(a).toMatchObject({ days: 4, reviewsReceived: 4, ratedReviews: 3, requestsSent: 5 });
    expect(a.averageRating).toBeCloseTo((5 + 1 + 3) / 3, 10); // the rejected 2-star review is left out
    expect(a.conversion).toBeCloseTo(4 / 5, 10);
    expect(a.series).toEqual([
      { day: "2026-03-07", reviews: 1, requestsSent: 1 },
      { day: "2026-03-08", reviews: 1, requestsSent: 1 },
      { day: "2026-03-09", reviews: 1, requestsSent: 1 },
      { day: "2026-03-10", reviews: 1, requestsSent: 2 },
    ]);

    const b = await modules.getReviewStats(SHOP_B, { days: 4, now });
    expect(b).toMatchObject({ reviewsReceived: 2, ratedReviews: 2, requestsSent: 1, averageRating: 2.5, conversion: 2 });
    expect(b.series.map((day) => [day.reviews, day.requestsSent])).toEqual([
      [0, 0],
      [0, 0],
      [1, 1],
      [1, 0],
    ]);

    expect(await modules.getReviewStats("nobody.myshopify.com", { days: 2, now })).toMatchObject({
      reviewsReceived: 0,
      averageRating: null,
      requestsSent: 0,
      conversion: null,
      series: [
        { day: "2026-03-09", reviews: 0, requestsSent: 0 },
        { day: "2026-03-10", reviews: 0, requestsSent: 0 },
      ],
    });

    const overview = await modules.getShopOverview(SHOP_A);
    expect(overview.reviews.days).toBe(30);
    expect(overview.reviews.series).toHaveLength(30);
    expect(overview.reviews.series.at(-1)?.day).toBe(new Date().toISOString().slice(0, 10));
  });

  it("lists one shop's reviews newest first, with the display name decrypted and nothing about the order", async () => {
    const { items, counts } = await modules.listReviews(SHOP_A);
    expect(items.map((item) => item.id)).toEqual([ids.a1, ids.a2, ids.a3, ids.a4, ids.a5]);
    expect(counts).toEqual({ pending: 3, published: 1, rejected: 1 });
    expect(items[0]).toEqual({
      id: ids.a1,
      productId: PRODUCT_1,
      rating: 5,
      title: "Lovely",
      body: "A review rated 5.",
      displayName: "Ada",
      status: "published",
      moderationReason: null,
      submittedAt: "2026-03-10T10:00:00.000Z",
      verifiedBuyer: true,
    });
    expect(items.map((item) => item.displayName)).toEqual(["Ada", "Ben", "Cléo", "Dee", null]);
    expect(items[1]!.body).toBe(`Broke at once. ${SCRIPT}`); // as written; the screen escapes it
    expect(items[3]!.moderationReason).toBe("Names a staff member");
    expect(JSON.stringify(items)).not.toMatch(/Order|reviewRequestId|enc:v1|Other shop/);

    const b = await modules.listReviews(SHOP_B);
    expect(b.items.map((item) => item.id)).toEqual([ids.b1, ids.b2]);
    expect(b.items[0]!.displayName).toBe("Other shop's customer");
  });

  it("filters by status, rating and product, with counts for the rating and product chosen", async () => {
    const listed = async (filters: Parameters<typeof modules.listReviews>[1]) => (await modules.listReviews(SHOP_A, filters)).items.map((item) => item.id);
    expect(await listed({ status: "pending" })).toEqual([ids.a2, ids.a3, ids.a5]);
    expect(await listed({ status: "rejected" })).toEqual([ids.a4]);
    expect(await listed({ rating: 5 })).toEqual([ids.a1]);
    expect(await listed({ rating: 4 })).toEqual([ids.a5]); // shop B's 4-star review is not shop A's
    expect(await listed({ productId: PRODUCT_2 })).toEqual([ids.a3, ids.a4]);
    expect(await listed({ productId: PRODUCT_1, status: "pending" })).toEqual([ids.a2, ids.a5]);
    expect(await listed({ productId: "gid://shopify/Product/999" })).toEqual([]);
    expect(await listed({ limit: 2 })).toEqual([ids.a1, ids.a2]);
    expect((await modules.listReviews(SHOP_A, { productId: PRODUCT_2, status: "pending" })).counts).toEqual({ pending: 1, published: 0, rejected: 1 });
  });

  it("publishes a review: status, moderation and publication times", async () => {
    const before = new Date();
    const published = await modules.moderateReview(SHOP_A, ids.a2, { action: "publish" });
    expect(published).toMatchObject({ id: ids.a2, status: "published", moderationReason: null });
    const row = await rowOf(ids.a2);
    expect(row.status).toBe("published");
    expect(row.moderationReason).toBeNull();
    expect(row.moderatedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1_000);
    expect(row.publishedAt!.toISOString()).toBe(row.moderatedAt!.toISOString());

    // Publishing again keeps the day it first went live.
    const first = row.publishedAt!.toISOString();
    await modules.moderateReview(SHOP_A, ids.a2, { action: "publish" });
    expect((await rowOf(ids.a2)).publishedAt!.toISOString()).toBe(first);
  });

  it("rejects a review only with a reason, which the list then shows", async () => {
    const rejected = await modules.moderateReview(SHOP_A, ids.a3, { action: "reject", reason: "  Contains the customer's phone number  " });
    expect(rejected).toMatchObject({ status: "rejected", moderationReason: "Contains the customer's phone number", publishedAt: null });
    const row = await rowOf(ids.a3);
    expect(row).toMatchObject({ status: "rejected", moderationReason: "Contains the customer's phone number", publishedAt: null });
    expect(row.moderatedAt).not.toBeNull();
    const listed = (await modules.listReviews(SHOP_A, { status: "rejected" })).items;
    expect(listed.map((item) => [item.id, item.moderationReason])).toEqual([
      [ids.a3, "Contains the customer's phone number"],
      [ids.a4, "Names a staff member"],
    ]);

    // A published review can be taken down too, and stops counting as published.
    await modules.moderateReview(SHOP_A, ids.a1, { action: "reject", reason: "Written by a staff member" });
    expect(await rowOf(ids.a1)).toMatchObject({ status: "rejected", publishedAt: null, moderationReason: "Written by a staff member" });
  });

  it("refuses a rejection without a reason (422), changing nothing", async () => {
    const before = await rowOf(ids.a5);
    for (const reason of ["", "   ", "x".repeat(501)]) {
      await expect(modules.moderateReview(SHOP_A, ids.a5, { action: "reject", reason })).rejects.toMatchObject({
        code: "unprocessable",
        status: 422,
        details: { fields: ["reason"] },
      });
    }
    await expect(modules.moderateReview(SHOP_A, ids.a5, { action: "reject" } as never)).rejects.toMatchObject({ status: 422 });
    await expect(modules.moderateReview(SHOP_A, ids.a5, { action: "hide" } as never)).rejects.toMatchObject({ status: 422 });
    expect(await rowOf(ids.a5)).toEqual(before);
    // 500 characters is the limit, not beyond it.
    await expect(modules.moderateReview(SHOP_A, ids.a5, { action: "reject", reason: "x".repeat(500) })).resolves.toMatchObject({ status: "rejected" });
  });

  it("answers another shop's or an unknown review id with 404, touching nothing", async () => {
    const before = await db.review.findMany({ where: { shopId: SHOP_B }, orderBy: { id: "asc" } });
    for (const decision of [{ action: "publish" as const }, { action: "reject" as const, reason: "Spam" }]) {
      await expect(modules.moderateReview(SHOP_A, ids.b1, decision)).rejects.toMatchObject({ code: "not_found", status: 404 });
      await expect(modules.moderateReview(SHOP_A, ids.b2, decision)).rejects.toMatchObject({ status: 404 });
      await expect(modules.moderateReview(SHOP_A, randomUUID(), decision)).rejects.toMatchObject({ status: 404 });
    }
    expect(await db.review.findMany({ where: { shopId: SHOP_B }, orderBy: { id: "asc" } })).toEqual(before);
    // The owner can.
    await expect(modules.moderateReview(SHOP_B, ids.b1, { action: "publish" })).resolves.toMatchObject({ status: "published" });
  });

  it("gives the Reviews screen the list and the disclosure from the shop's settings", async () => {
    await modules.updateShopSettings(SHOP_A, { autoPublishMinRating: 4, channel: "flow" }, { requestedBy: "staff:1" });
    const view = await modules.getReviewModerationView(SHOP_A, { status: "pending" }, { requestedBy: "staff:77", requestId: "req-reviews" });
    expect(view.autoPublishMinRating).toBe(4);
    expect(view.items.every((item) => item.status === "pending")).toBe(true);
    expect(view.disclosures.en).toContain("Reviews with 4 stars or more are published at once");
    expect(view.disclosures.en).toContain("our own email service");
    expect(view.disclosures.fr).toContain("Les avis de 4 étoiles ou plus");
    expect(view.disclosures.de).toContain("Bewertungen mit 4 oder mehr Sternen");
    const other = await modules.getReviewModerationView(SHOP_B, {}, { requestedBy: "staff:78" });
    expect(other.autoPublishMinRating).toBeNull();
    expect(other.disclosures.en).toContain("We check every review before it is published.");
    // The list names reviewers: each view is in the shop's own audit log.
    const viewed = await db.auditEntry.findMany({ where: { action: "customer-data.viewed", targetRef: "moderation-list" }, orderBy: { occurredAt: "asc" } });
    expect(viewed.map((entry) => [entry.shopId, entry.actorId, entry.requestId, JSON.parse(entry.details).reviews])).toEqual([
      [SHOP_A, "77", "req-reviews", view.items.length],
      [SHOP_B, "78", null, other.items.length],
    ]);
  });
});
