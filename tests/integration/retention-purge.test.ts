import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../app/db.server";
import { baseTestEnv } from "../support/app-process";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/**
 * The retention purge on the backend under test (TEST_DATABASE_BACKEND), with the shortest
 * windows the settings allow: rows are seeded with Prisma at known ages around each window's
 * end, the purge runs in this process, and what is left is compared with the deletion date
 * the customer inventory computes for every row.
 */
describe("retention purge", () => {
  let database: TestDatabase;
  let db: Db;
  let modules: {
    purgeExpiredData: typeof import("../../app/modules/retention/purge-expired-data.server").purgeExpiredData;
    computeRecordDeletionDate: typeof import("../../app/modules/data-map/compute-deletion-date").computeRecordDeletionDate;
    updateShopSettings: typeof import("../../app/modules/settings/update-shop-settings.server").updateShopSettings;
    getShopSettings: typeof import("../../app/modules/settings/get-shop-settings.server").getShopSettings;
    getShopOverview: typeof import("../../app/modules/overview/get-shop-overview.server").getShopOverview;
    registry: typeof import("../../app/modules/data-map/data-map-registry").DATA_MAP_MODELS;
    disconnectDb: typeof import("../../app/db.server").disconnectDb;
  };
  let encryptName: (name: string, rowId: string) => string;
  let decryptName: (ciphertext: string, rowId: string) => string;
  const savedEnv = { ...process.env };

  const SHOP = "purge-short.myshopify.com";
  const OTHER_SHOP = "purge-default.myshopify.com";
  const DAY = 86_400_000;
  const HOUR = 3_600_000;
  const SHORT_WINDOWS = { reviewRequests: 30, sendLog: 7, reviewerDisplayNames: 30, webhookDedupeKeys: 1, dataRequestReceipts: 365 };

  beforeAll(async () => {
    database = await createTestDatabase();
    process.env = { ...process.env, ...baseTestEnv({ DATABASE_URL: database.url, LOG_LEVEL: "silent" }) };
    const dbModule = await import("../../app/db.server");
    db = dbModule.getDb();
    modules = {
      purgeExpiredData: (await import("../../app/modules/retention/purge-expired-data.server")).purgeExpiredData,
      computeRecordDeletionDate: (await import("../../app/modules/data-map/compute-deletion-date")).computeRecordDeletionDate,
      updateShopSettings: (await import("../../app/modules/settings/update-shop-settings.server")).updateShopSettings,
      getShopSettings: (await import("../../app/modules/settings/get-shop-settings.server")).getShopSettings,
      getShopOverview: (await import("../../app/modules/overview/get-shop-overview.server")).getShopOverview,
      registry: (await import("../../app/modules/data-map/data-map-registry")).DATA_MAP_MODELS,
      disconnectDb: dbModule.disconnectDb,
    };
    const { encryptSecret } = await import("../../app/modules/crypto/encrypt-secret.server");
    const { decryptSecret } = await import("../../app/modules/crypto/decrypt-secret.server");
    const { getEnv } = await import("../../app/modules/config/get-env.server");
    const keys = getEnv().ENCRYPTION_KEYS;
    encryptName = (name, rowId) => encryptSecret(name, keys, { table: "Review", column: "displayName", rowId });
    decryptName = (ciphertext, rowId) => decryptSecret(ciphertext, keys, { table: "Review", column: "displayName", rowId });

    await db.shop.createMany({ data: [{ id: SHOP }, { id: OTHER_SHOP }] });
    await modules.updateShopSettings(SHOP, { retentionDays: SHORT_WINDOWS }, { requestedBy: "staff:1" });
  });

  afterAll(async () => {
    await modules?.disconnectDb();
    await database?.drop();
    process.env = savedEnv;
  });

  const ago = (ms: number) => new Date(Date.now() - ms);
  /** Just past a window's end, and just inside it (an hour either side, far more than a test run takes). */
  const expired = (days: number) => ago(days * DAY + HOUR);
  const inside = (days: number) => ago(days * DAY - HOUR);

  interface RequestSeed {
    status: string;
    updatedAt: Date;
    reminderDueAt?: Date | null;
    reminderSentAt?: Date | null;
    /** Its send attempt starts this long ago (inside the send log's own window). */
    attemptAgo?: number;
  }

  async function seedRequest(shopId: string, seed: RequestSeed) {
    const id = randomUUID();
    const orderId = `gid://shopify/Order/${Math.floor(Math.random() * 1e12)}`;
    await db.reviewRequest.create({
      data: {
        id,
        shopId,
        orderId,
        groupKey: "order",
        productIds: JSON.stringify(["gid://shopify/Product/1", "gid://shopify/Product/2"]),
        customerRef: `ref-${id}`,
        status: seed.status,
        dueAt: seed.updatedAt,
        sentAt: seed.status === "sent" ? seed.updatedAt : null,
        createdAt: ago(400 * DAY),
        updatedAt: seed.updatedAt,
        reminderDueAt: seed.reminderDueAt ?? null,
        reminderSentAt: seed.reminderSentAt ?? null,
      },
    });
    await db.requestedProduct.createMany({
      data: ["1", "2"].map((product) => ({ id: randomUUID(), shopId, orderId, productId: `gid://shopify/Product/${product}`, reviewRequestId: id })),
    });
    await db.sendAttempt.create({
      data: { id: randomUUID(), shopId, reviewRequestId: id, kind: "request", status: "sent", startedAt: ago(seed.attemptAgo ?? 2 * DAY) },
    });
    await db.outboxMessage.create({
      data: { id: `review-request-${id}`, shopId, jobName: "send-review-request@v1", payload: "{}", createdAt: ago(3 * DAY), relayedAt: ago(2 * DAY) },
    });
    return id;
  }

  /** Every row of the tables the purge touches, by table, with the shop's uninstall time. */
  async function snapshot(shopId: string) {
    const where = { shopId };
    return {
      ReviewRequest: await db.reviewRequest.findMany({ where, orderBy: { id: "asc" } }),
      RequestedProduct: await db.requestedProduct.findMany({ where, orderBy: { id: "asc" } }),
      SendAttempt: await db.sendAttempt.findMany({ where, orderBy: { id: "asc" } }),
      OutboxMessage: await db.outboxMessage.findMany({ where, orderBy: { id: "asc" } }),
      WebhookDelivery: await db.webhookDelivery.findMany({ where, orderBy: { id: "asc" } }),
      Review: await db.review.findMany({ where, orderBy: { id: "asc" } }),
      DataRequest: await db.dataRequest.findMany({ where, orderBy: { id: "asc" } }),
      Suppression: await db.suppression.findMany({ where, orderBy: { id: "asc" } }),
    };
  }

  /** The inventory's deletion date for every row, computed from the same rules the inventory uses. */
  async function deletionDates(shopId: string, rows: Awaited<ReturnType<typeof snapshot>>) {
    const settings = await modules.getShopSettings(shopId);
    const entry = (name: string) => modules.registry.find((candidate) => candidate.name === name)!;
    const values = (row: object) => ({ ...(row as Record<string, Date | string | null>), uninstalledAt: null });
    const requestDates = new Map(
      rows.ReviewRequest.map((row) => [row.id, modules.computeRecordDeletionDate(entry("ReviewRequest"), values(row), settings.retentionDays)]),
    );
    const dates = new Map<string, Date | null>();
    for (const [table, tableRows] of Object.entries(rows)) {
      for (const row of tableRows as Array<{ id: string; reviewRequestId?: string }>) {
        const requestId = row.reviewRequestId ?? /^review-(?:request|reminder)-(.+)$/.exec(row.id)?.[1];
        const reviewRequestDeletionDate = requestId ? (requestDates.get(requestId) ?? null) : null;
        dates.set(`${table}:${row.id}`, modules.computeRecordDeletionDate(entry(table), values(row), settings.retentionDays, { reviewRequestDeletionDate }));
      }
    }
    return dates;
  }

  /** Table:id of every row present, and the review ids whose name is still the reviewer's. */
  function present(rows: Awaited<ReturnType<typeof snapshot>>) {
    const keys = Object.entries(rows).flatMap(([table, tableRows]) => (tableRows as Array<{ id: string }>).map((row) => `${table}:${row.id}`));
    const named = rows.Review.filter((review) => review.displayNameRemovedAt === null).map((review) => review.id);
    return { keys: keys.sort(), named: named.sort() };
  }

  it("removes exactly what expired, keeps the control records just inside their windows, and agrees with the inventory's dates", async () => {
    const ids = {
      sentExpired: await seedRequest(SHOP, { status: "sent", updatedAt: expired(30) }),
      sentInside: await seedRequest(SHOP, { status: "sent", updatedAt: inside(30) }),
      cancelledExpired: await seedRequest(SHOP, { status: "cancelled", updatedAt: expired(30) }),
      failedExpired: await seedRequest(SHOP, { status: "failed", updatedAt: expired(30) }),
      remindedExpired: await seedRequest(SHOP, { status: "sent", updatedAt: expired(30), reminderDueAt: expired(31), reminderSentAt: expired(30) }),
      // Still to be sent, however old: never purged.
      scheduledOld: await seedRequest(SHOP, { status: "scheduled", updatedAt: ago(400 * DAY) }),
      sendingOld: await seedRequest(SHOP, { status: "sending", updatedAt: ago(400 * DAY) }),
      reminderPending: await seedRequest(SHOP, { status: "sent", updatedAt: ago(400 * DAY), reminderDueAt: ago(-DAY) }),
      // The send log's own window, on a request that stays.
      oldAttemptRequest: await seedRequest(SHOP, { status: "sent", updatedAt: inside(30), attemptAgo: 7 * DAY + HOUR }),
      insideAttemptRequest: await seedRequest(SHOP, { status: "sent", updatedAt: inside(30), attemptAgo: 7 * DAY - HOUR }),
      // Another shop keeps the default windows: the same age is well inside them.
      otherShop: await seedRequest(OTHER_SHOP, { status: "sent", updatedAt: expired(30) }),
    };
    const outbox = (id: string, relayedAt: Date | null, shopId = SHOP) => ({
      id,
      shopId,
      jobName: "process-webhook@v1",
      payload: "{}",
      createdAt: ago(40 * DAY),
      relayedAt,
    });
    await db.outboxMessage.createMany({
      data: [outbox("relayed-expired", expired(7)), outbox("relayed-inside", inside(7)), outbox("never-relayed", null), outbox("other-relayed-expired", expired(7), OTHER_SHOP)],
    });
    const delivery = (id: string, receivedAt: Date, shopId = SHOP) => ({ id, shopId, webhookId: randomUUID(), topic: "ORDERS_FULFILLED", event: "{}", receivedAt });
    await db.webhookDelivery.createMany({ data: [delivery("delivery-expired", expired(1)), delivery("delivery-inside", inside(1)), delivery("other-delivery", expired(1), OTHER_SHOP)] });
    const review = (id: string, submittedAt: Date, shopId = SHOP) => ({
      id,
      shopId,
      reviewRequestId: randomUUID(),
      orderId: "gid://shopify/Order/1",
      productId: "gid://shopify/Product/1",
      rating: 4,
      body: "Good.",
      displayName: encryptName("Ada L.", id),
      status: "published",
      submittedAt,
    });
    await db.review.createMany({ data: [review("review-expired", expired(30)), review("review-inside", inside(30)), review("other-review", expired(30), OTHER_SHOP)] });
    const dataRequest = (id: string, completedAt: Date | null, shopId = SHOP) => ({
      id,
      shopId,
      kind: "erasure",
      source: "admin",
      status: completedAt ? "completed" : "pending",
      requestedBy: "staff-1",
      receivedAt: ago(400 * DAY),
      dueAt: ago(370 * DAY),
      completedAt,
      receipt: completedAt ? "{}" : null,
    });
    await db.dataRequest.createMany({
      data: [dataRequest("receipt-expired", expired(365)), dataRequest("receipt-inside", inside(365)), dataRequest("still-pending", null), dataRequest("other-receipt", expired(365), OTHER_SHOP)],
    });
    // An opt-out is kept for as long as the shop could ask again.
    await db.suppression.create({ data: { id: "old-opt-out", shopId: SHOP, customerRef: "ref-x", source: "unsubscribe_link", createdAt: ago(4_000 * DAY) } });

    // Records of earlier purge runs are kept 90 days after they finished.
    await db.purgeRun.createMany({
      data: [
        { id: "old-run", shopId: SHOP, status: "completed", startedAt: expired(90), finishedAt: expired(90) },
        { id: "recent-run", shopId: SHOP, status: "completed", startedAt: inside(90), finishedAt: inside(90) },
      ],
    });

    const before = await snapshot(SHOP);
    const otherBefore = await snapshot(OTHER_SHOP);
    const dates = await deletionDates(SHOP, before);
    const result = await modules.purgeExpiredData(SHOP, { batchSize: 2 });
    const purgedAt = Date.now();
    // By default it rests after each full batch, giving way to live traffic.
    expect(result.restMs).toBeGreaterThan(0);
    const after = present(await snapshot(SHOP));

    // The inventory's date and the purge agree on every row: gone exactly when its date has come.
    const expectedKeys = present(before).keys.filter((key) => {
      if (key.startsWith("Review:")) return true; // a review stays; only its display name goes
      const date = dates.get(key);
      return !date || date.getTime() > purgedAt;
    });
    expect(after.keys).toEqual(expectedKeys);
    expect(after.named).toEqual(before.Review.filter((row) => dates.get(`Review:${row.id}`)!.getTime() > purgedAt).map((row) => row.id));

    // And, spelled out, what that means.
    const gone = present(before).keys.filter((key) => !after.keys.includes(key));
    const requestGone = (id: string) => !after.keys.includes(`ReviewRequest:${id}`);
    for (const id of [ids.sentExpired, ids.cancelledExpired, ids.failedExpired, ids.remindedExpired]) expect(requestGone(id), id).toBe(true);
    for (const id of [ids.sentInside, ids.scheduledOld, ids.sendingOld, ids.reminderPending, ids.oldAttemptRequest, ids.insideAttemptRequest]) {
      expect(requestGone(id), id).toBe(false);
    }
    // No row is left pointing at a request that is gone.
    const remaining = await snapshot(SHOP);
    const requestIds = new Set(remaining.ReviewRequest.map((row) => row.id));
    for (const row of [...remaining.RequestedProduct, ...remaining.SendAttempt]) expect(requestIds.has(row.reviewRequestId), row.id).toBe(true);
    expect(remaining.SendAttempt.filter((row) => row.reviewRequestId === ids.oldAttemptRequest)).toEqual([]);
    expect(remaining.SendAttempt.filter((row) => row.reviewRequestId === ids.insideAttemptRequest)).toHaveLength(1);
    expect(remaining.OutboxMessage.map((row) => row.id).filter((id) => !id.startsWith("review-")).sort()).toEqual(["never-relayed", "relayed-inside"]);
    expect(remaining.WebhookDelivery.map((row) => row.id)).toEqual(["delivery-inside"]);
    expect(remaining.DataRequest.map((row) => row.id).sort()).toEqual(["receipt-inside", "still-pending"]);
    expect(remaining.Suppression.map((row) => row.id)).toEqual(["old-opt-out"]);
    const reviews = new Map(remaining.Review.map((row) => [row.id, row]));
    expect(decryptName(reviews.get("review-expired")!.displayName, "review-expired")).toBe("Verified buyer");
    expect(reviews.get("review-expired")!.body).toBe("Good.");
    expect(decryptName(reviews.get("review-inside")!.displayName, "review-inside")).toBe("Ada L.");

    // Counts per record type, exactly what went.
    expect(result.counts).toEqual({
      reviewRequests: 4,
      requestedProducts: 8,
      sendAttempts: 5,
      outboxMessages: 5,
      webhookDeliveries: 1,
      reviewerDisplayNames: 1,
      dataRequests: 1,
      purgeRuns: 1,
    });
    expect((await db.purgeRun.findMany({ where: { shopId: SHOP }, select: { id: true } })).map((row) => row.id).sort()).toEqual([result.runId, "recent-run"].sort());
    expect(gone).toHaveLength(4 + 8 + 5 + 5 + 1 + 1);
    const run = await db.purgeRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run).toMatchObject({ shopId: SHOP, status: "completed", attempts: 1 });
    expect(JSON.parse(run.counts)).toEqual(result.counts);

    // The other shop, with its longer windows, lost nothing.
    expect(await snapshot(OTHER_SHOP)).toEqual(otherBefore);
  });

  it("finds nothing the second time: running it twice gives the same result", async () => {
    const before = await snapshot(SHOP);
    const second = await modules.purgeExpiredData(SHOP);
    expect(second.counts).toEqual({});
    expect(await snapshot(SHOP)).toEqual(before);
  });

  it("carries a purge stopped midway on to the end at the next run", async () => {
    const shopId = "purge-crash.myshopify.com";
    await db.shop.create({ data: { id: shopId } });
    await modules.updateShopSettings(shopId, { retentionDays: SHORT_WINDOWS }, { requestedBy: "staff:1" });
    const requestIds: string[] = [];
    for (let index = 0; index < 7; index += 1) requestIds.push(await seedRequest(shopId, { status: "sent", updatedAt: expired(30) }));
    await db.webhookDelivery.createMany({
      data: Array.from({ length: 9 }, (_, index) => ({ id: `crash-delivery-${index}`, shopId, webhookId: `w-${index}`, topic: "ORDERS_FULFILLED", event: "{}", receivedAt: expired(1) })),
    });
    await db.webhookDelivery.create({ data: { id: "crash-control", shopId, webhookId: "w-control", topic: "ORDERS_FULFILLED", event: "{}", receivedAt: inside(1) } });

    let batches = 0;
    const stopAfterFirstBatch = () => {
      batches += 1;
      if (batches === 1) throw new Error("worker killed");
    };
    await expect(modules.purgeExpiredData(shopId, { batchSize: 3, onBatch: stopAfterFirstBatch })).rejects.toThrow("worker killed");

    const interrupted = await db.purgeRun.findFirstOrThrow({ where: { shopId } });
    expect(interrupted).toMatchObject({ status: "interrupted", finishedAt: null, attempts: 1 });
    // The first batch was committed whole: three requests with all their rows, counted.
    expect(JSON.parse(interrupted.counts)).toEqual({ reviewRequests: 3, requestedProducts: 6, sendAttempts: 3, outboxMessages: 3 });
    expect(await db.reviewRequest.count({ where: { shopId } })).toBe(4);
    expect(await db.requestedProduct.count({ where: { shopId } })).toBe(8);
    expect(await db.sendAttempt.count({ where: { shopId } })).toBe(4);
    expect(await db.webhookDelivery.count({ where: { shopId } })).toBe(10);
    const overview = await modules.getShopOverview(shopId);
    expect(overview.retentionPurge.lastRun).toMatchObject({ status: "interrupted", finishedAt: null });

    const resumed = await modules.purgeExpiredData(shopId, { batchSize: 3, restFactor: 0 });
    expect(resumed.restMs).toBe(0);
    expect(resumed.runId).toBe(interrupted.id);
    expect(resumed.attempts).toBe(2);
    expect(resumed.counts).toEqual({ reviewRequests: 7, requestedProducts: 14, sendAttempts: 7, outboxMessages: 7, webhookDeliveries: 9 });
    expect(await db.reviewRequest.count({ where: { shopId } })).toBe(0);
    expect(await db.requestedProduct.count({ where: { shopId } })).toBe(0);
    expect(await db.webhookDelivery.findMany({ where: { shopId }, select: { id: true } })).toEqual([{ id: "crash-control" }]);
    expect(await db.purgeRun.count({ where: { shopId } })).toBe(1);
    expect(await db.purgeRun.findUniqueOrThrow({ where: { id: interrupted.id } })).toMatchObject({ status: "completed", attempts: 2 });
  });

  it("shows the shop its last run and the next one", async () => {
    const overview = await modules.getShopOverview(SHOP);
    const last = overview.retentionPurge.lastRun!;
    expect(last.status).toBe("completed");
    expect(last.counts).toEqual({});
    expect(Date.parse(last.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(last.startedAt));
    const next = Date.parse(overview.retentionPurge.nextRunAt);
    expect(next).toBeGreaterThan(Date.now());
    expect(next - Date.now()).toBeLessThanOrEqual(HOUR);
    expect(next % HOUR).toBe(0);
    expect((await modules.getShopOverview("never-purged.myshopify.com")).retentionPurge.lastRun).toBeNull();
  });
});
