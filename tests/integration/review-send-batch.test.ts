import { randomUUID } from "node:crypto";

import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../app/db.server";
import { openAppModules, type AppModulesContext } from "../support/app-modules";

type Modules = {
  findReviewRequestsToSend: typeof import("../../app/modules/review-requests/find-review-requests-to-send.server").findReviewRequestsToSend;
  findSendChecks: typeof import("../../app/modules/review-requests/find-send-checks.server").findSendChecks;
  claimReviewSends: typeof import("../../app/modules/review-requests/claim-review-sends.server").claimReviewSends;
  recordReviewSends: typeof import("../../app/modules/review-requests/record-review-sends.server").recordReviewSends;
};

/**
 * The send job's batched steps (read, checks, claim, record), written without the ORM, on the
 * backend under test: each batch mixes shops, and no entry may see or change a row of a shop
 * other than its own, whatever ids it names.
 */
describe("review emails sent in batches", () => {
  let app: AppModulesContext;
  let db: Db;
  let env: Record<string, string>;
  let modules: Modules;
  const SHOP = "send-batch-a.myshopify.com";
  const OTHER_SHOP = "send-batch-b.myshopify.com";

  beforeAll(async () => {
    app = await openAppModules();
    ({ db, env } = app);
    modules = {
      findReviewRequestsToSend: (await import("../../app/modules/review-requests/find-review-requests-to-send.server")).findReviewRequestsToSend,
      findSendChecks: (await import("../../app/modules/review-requests/find-send-checks.server")).findSendChecks,
      claimReviewSends: (await import("../../app/modules/review-requests/claim-review-sends.server")).claimReviewSends,
      recordReviewSends: (await import("../../app/modules/review-requests/record-review-sends.server")).recordReviewSends,
    };
    await db.shop.createMany({ data: [{ id: SHOP }, { id: OTHER_SHOP }] });
  });

  afterAll(() => app?.close());

  let next = 1;
  const gid = (type: string) => `gid://shopify/${type}/${9_200_000 + next++}`;
  const dueAt = new Date("2026-11-20T10:00:00.123Z");

  async function addRequest(shopId: string, overrides: Partial<{ status: string; customerRef: string | null; emailRef: string | null; sentAt: Date | null; reminderDueAt: Date | null; productIds: string[] }> = {}) {
    const { productIds = [gid("Product")], ...rest } = overrides;
    const request = {
      id: randomUUID(),
      shopId,
      orderId: gid("Order"),
      groupKey: "order",
      productIds: JSON.stringify(productIds),
      customerRef: `customer-${randomUUID()}`,
      emailRef: `email-${randomUUID()}`,
      status: "scheduled",
      dueAt,
      ...rest,
    };
    await db.reviewRequest.create({ data: request });
    return request;
  }

  const attempt = () => ({ id: randomUUID(), channel: "email", messageIdHash: "a".repeat(64), startedAt: new Date("2026-11-20T10:00:01.456Z") });

  it("reads each request only in the shop that asks for it, with its timestamps as stored", async () => {
    const mine = await addRequest(SHOP, { reminderDueAt: new Date("2026-12-01T08:30:00.789Z") });
    const theirs = await addRequest(OTHER_SHOP);
    const found = await modules.findReviewRequestsToSend([
      { shopId: SHOP, id: mine.id },
      { shopId: SHOP, id: theirs.id },
      { shopId: OTHER_SHOP, id: theirs.id },
      { shopId: OTHER_SHOP, id: mine.id },
      { shopId: SHOP, id: randomUUID() },
    ]);
    expect(found.map((row) => row?.id ?? null)).toEqual([mine.id, null, theirs.id, null, null]);
    const stored = await db.reviewRequest.findUniqueOrThrow({ where: { id: mine.id } });
    expect(found[0]).toMatchObject({
      shopId: SHOP,
      orderId: mine.orderId,
      productIds: mine.productIds,
      customerRef: mine.customerRef,
      emailRef: mine.emailRef,
      status: "scheduled",
      reminderSentAt: null,
    });
    expect(found[0]!.dueAt.toISOString()).toBe(dueAt.toISOString());
    expect(found[0]!.createdAt.toISOString()).toBe(stored.createdAt.toISOString());
    expect(found[0]!.reminderDueAt!.toISOString()).toBe("2026-12-01T08:30:00.789Z");
  });

  it("finds suppressions, the latest consent and earlier requests of each customer, in their own shop only", async () => {
    const customerRef = `customer-${randomUUID()}`;
    const emailRef = `email-${randomUUID()}`;
    const current = await addRequest(SHOP, { customerRef, emailRef });
    // Sent before: matched by both indexes, counted once.
    const earlier = await addRequest(SHOP, { customerRef, emailRef, status: "sent", sentAt: new Date("2026-11-10T00:00:00.000Z"), productIds: ["gid://shopify/Product/1"] });
    await addRequest(SHOP, { customerRef, emailRef: null, status: "cancelled" });
    // The same index values in another shop: a different person there.
    await addRequest(OTHER_SHOP, { customerRef, emailRef, status: "sent", sentAt: new Date("2026-11-11T00:00:00.000Z") });
    await db.suppression.create({ data: { id: randomUUID(), shopId: OTHER_SHOP, customerRef, emailRef, source: "unsubscribe_link" } });
    await db.consentEntry.createMany({
      data: [
        // Arrived last, happened first: the later change stands.
        { id: randomUUID(), shopId: SHOP, customerRef, emailRef: null, state: "subscribed", source: "shopify_webhook", occurredAt: new Date("2026-11-01T00:00:00.000Z"), noticeVersion: "1" },
        { id: randomUUID(), shopId: SHOP, customerRef: null, emailRef, state: "unsubscribed", source: "admin", occurredAt: new Date("2026-11-05T00:00:00.000Z"), noticeVersion: "1" },
        { id: randomUUID(), shopId: OTHER_SHOP, customerRef, emailRef, state: "subscribed", source: "admin", occurredAt: new Date("2026-11-09T00:00:00.000Z"), noticeVersion: "1" },
      ],
    });

    const erasedRef = `customer-${randomUUID()}`;
    await db.suppression.create({
      data: { id: randomUUID(), shopId: SHOP, customerRef: erasedRef, emailRef: null, source: "erasure", appliesToOrdersBefore: new Date("2026-11-10T00:00:00.000Z") },
    });

    const knownAs = [{ customerRef, emailRef }];
    const [mine, theirs, before, after, stranger] = await modules.findSendChecks([
      { shopId: SHOP, reviewRequestId: current.id, knownAs, orderPlacedAt: null, withOtherRequests: true },
      { shopId: OTHER_SHOP, reviewRequestId: randomUUID(), knownAs, orderPlacedAt: null, withOtherRequests: false },
      { shopId: SHOP, reviewRequestId: randomUUID(), knownAs: [{ customerRef: erasedRef, emailRef: null }], orderPlacedAt: new Date("2026-11-09T00:00:00.000Z"), withOtherRequests: true },
      { shopId: SHOP, reviewRequestId: randomUUID(), knownAs: [{ customerRef: erasedRef, emailRef: null }], orderPlacedAt: new Date("2026-11-11T00:00:00.000Z"), withOtherRequests: true },
      { shopId: SHOP, reviewRequestId: randomUUID(), knownAs: [{ customerRef: null, emailRef: null }], orderPlacedAt: null, withOtherRequests: true },
    ]);

    expect(mine!.suppressed).toBe(false);
    expect(mine!.ledgerConsent).toMatchObject({ state: "unsubscribed", source: "admin" });
    expect(mine!.ledgerConsent!.occurredAt.toISOString()).toBe("2026-11-05T00:00:00.000Z");
    expect(mine!.otherRequests).toEqual([{ productIds: JSON.parse(earlier.productIds), sentAt: new Date("2026-11-10T00:00:00.000Z") }]);

    expect(theirs!.suppressed).toBe(true);
    expect(theirs!.ledgerConsent).toMatchObject({ state: "subscribed", source: "admin" });
    expect(theirs!.otherRequests).toEqual([]);

    // An erasure that lets new orders be asked covers only orders placed before it.
    expect(before!.suppressed).toBe(true);
    expect(after!.suppressed).toBe(false);
    expect(stranger).toEqual({ suppressed: false, ledgerConsent: null, otherRequests: [] });
  });

  it("claims each request once, in its own shop only, and opens an attempt for each claim won", async () => {
    const scheduled = await addRequest(SHOP);
    const theirs = await addRequest(OTHER_SHOP);
    const alreadySending = await addRequest(SHOP, { status: "sending" });
    const reminderDue = await addRequest(SHOP, { status: "sent", sentAt: dueAt, reminderDueAt: new Date("2026-11-27T10:00:00.000Z") });
    const entries = [
      { shopId: SHOP, reviewRequestId: scheduled.id, kind: "request" as const, attempt: attempt() },
      // A replay of the same job in the same batch.
      { shopId: SHOP, reviewRequestId: scheduled.id, kind: "request" as const, attempt: attempt() },
      // Another shop's request named by this shop.
      { shopId: SHOP, reviewRequestId: theirs.id, kind: "request" as const, attempt: attempt() },
      { shopId: SHOP, reviewRequestId: alreadySending.id, kind: "request" as const, attempt: attempt() },
      { shopId: SHOP, reviewRequestId: reminderDue.id, kind: "reminder" as const, attempt: attempt() },
    ];
    expect(await modules.claimReviewSends(entries)).toEqual([true, false, false, false, true]);

    const statusOf = async (id: string) => (await db.reviewRequest.findUniqueOrThrow({ where: { id } })).status;
    expect(await statusOf(scheduled.id)).toBe("sending");
    expect(await statusOf(theirs.id)).toBe("scheduled");
    expect(await statusOf(alreadySending.id)).toBe("sending");
    expect((await db.reviewRequest.findUniqueOrThrow({ where: { id: reminderDue.id } })).reminderDueAt).toBeNull();

    const attempts = await db.sendAttempt.findMany({ where: { id: { in: entries.map((entry) => entry.attempt.id) } } });
    expect(attempts.map((row) => row.id).sort()).toEqual([entries[0]!.attempt.id, entries[4]!.attempt.id].sort());
    expect(attempts.find((row) => row.id === entries[0]!.attempt.id)).toMatchObject({
      shopId: SHOP,
      reviewRequestId: scheduled.id,
      kind: "request",
      status: "sending",
      channel: "email",
      messageIdHash: "a".repeat(64),
      startedAt: new Date("2026-11-20T10:00:01.456Z"),
    });

    // A second run of the same claim wins nothing.
    expect(await modules.claimReviewSends([{ ...entries[0]!, attempt: attempt() }])).toEqual([false]);
  });

  it("claims nothing of a batch that fails part way", async () => {
    const first = await addRequest(SHOP);
    const second = await addRequest(SHOP);
    const taken = attempt();
    await db.sendAttempt.create({ data: { id: taken.id, shopId: SHOP, reviewRequestId: randomUUID(), kind: "request", status: "sent" } });
    await expect(
      modules.claimReviewSends([
        { shopId: SHOP, reviewRequestId: first.id, kind: "request", attempt: attempt() },
        { shopId: SHOP, reviewRequestId: second.id, kind: "request", attempt: taken },
      ]),
    ).rejects.toThrow();
    expect((await db.reviewRequest.findMany({ where: { id: { in: [first.id, second.id] } } })).map((row) => row.status)).toEqual(["scheduled", "scheduled"]);
  });

  it("records sends, plans a due reminder through the outbox and the queue, and none for an erased request", async () => {
    const withReminder = await addRequest(SHOP);
    const erased = await addRequest(SHOP);
    const withoutReminder = await addRequest(OTHER_SHOP);
    const reminderSent = await addRequest(SHOP, { status: "sent", sentAt: dueAt });
    const sends = [withReminder, erased, withoutReminder].map((request) => ({ request, attempt: attempt() }));
    const reminderAttempt = attempt();
    expect(
      await modules.claimReviewSends([
        ...sends.map(({ request, attempt: opened }) => ({ shopId: request.shopId, reviewRequestId: request.id, kind: "request" as const, attempt: opened })),
      ]),
    ).toEqual([true, true, true]);
    await db.sendAttempt.create({ data: { id: reminderAttempt.id, shopId: SHOP, reviewRequestId: reminderSent.id, kind: "reminder", status: "sending" } });
    // Erased while its email was on its way.
    await db.reviewRequest.delete({ where: { id: erased.id } });

    const payloadOf = (request: { shopId: string; orderId: string; productIds: string }) => ({
      shop: request.shopId,
      orderId: request.orderId,
      productIds: JSON.parse(request.productIds) as string[],
      reviewLink: `https://${request.shopId}/apps/candor/review?token=t`,
    });
    const before = Date.now();
    await modules.recordReviewSends([
      { shopId: SHOP, reviewRequestId: withReminder.id, kind: "request", attemptId: sends[0]!.attempt.id, payload: payloadOf(withReminder), reminderDays: 7 },
      { shopId: SHOP, reviewRequestId: erased.id, kind: "request", attemptId: sends[1]!.attempt.id, payload: payloadOf(erased), reminderDays: 7 },
      { shopId: OTHER_SHOP, reviewRequestId: withoutReminder.id, kind: "request", attemptId: sends[2]!.attempt.id, payload: payloadOf(withoutReminder), reminderDays: null },
      { shopId: SHOP, reviewRequestId: reminderSent.id, kind: "reminder", attemptId: reminderAttempt.id, payload: payloadOf(reminderSent), reminderDays: null },
    ]);
    const after = Date.now();

    const recorded = await db.reviewRequest.findUniqueOrThrow({ where: { id: withReminder.id } });
    expect(recorded).toMatchObject({ status: "sent", statusReason: null });
    expect(recorded.sentAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(recorded.sentAt!.getTime()).toBeLessThanOrEqual(after);
    expect(recorded.reminderDueAt!.getTime()).toBe(recorded.sentAt!.getTime() + 7 * 86_400_000);
    expect(await db.reviewRequest.findUniqueOrThrow({ where: { id: withoutReminder.id } })).toMatchObject({ status: "sent", reminderDueAt: null });
    expect((await db.reviewRequest.findUniqueOrThrow({ where: { id: reminderSent.id } })).reminderSentAt).not.toBeNull();
    const attempts = await db.sendAttempt.findMany({ where: { id: { in: [...sends.map((send) => send.attempt.id), reminderAttempt.id] } } });
    expect(attempts.map((row) => row.status)).toEqual(["sent", "sent", "sent", "sent"]);

    const outbox = await db.outboxMessage.findMany({ where: { id: { startsWith: "review-reminder-" } } });
    expect(outbox.map((row) => row.id)).toEqual([`review-reminder-${withReminder.id}`]);
    expect(outbox[0]).toMatchObject({ shopId: SHOP, payload: JSON.stringify(payloadOf(withReminder)) });
    expect(outbox[0]!.availableAt!.getTime()).toBe(recorded.reminderDueAt!.getTime());
    expect(outbox[0]!.relayedAt).not.toBeNull();
    const queue = new Queue("review-emails", { connection: { url: env.REDIS_URL }, prefix: env.QUEUE_PREFIX });
    try {
      const job = await queue.getJob(`review-reminder-${withReminder.id}`);
      expect(job?.name).toBe("send-review-reminder@v1");
      expect(job!.data).toEqual(payloadOf(withReminder));
      expect(await queue.getJob(`review-reminder-${erased.id}`)).toBeUndefined();
    } finally {
      await queue.close();
    }
  });

  it("records nothing in another shop when an entry names that shop's rows", async () => {
    const theirs = await addRequest(OTHER_SHOP);
    const theirAttempt = attempt();
    expect(await modules.claimReviewSends([{ shopId: OTHER_SHOP, reviewRequestId: theirs.id, kind: "request", attempt: theirAttempt }])).toEqual([true]);
    await modules.recordReviewSends([
      { shopId: SHOP, reviewRequestId: theirs.id, kind: "request", attemptId: theirAttempt.id, payload: { shop: SHOP, orderId: theirs.orderId, productIds: [], reviewLink: "https://x/?token=t" }, reminderDays: 3 },
    ]);
    expect(await db.reviewRequest.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ status: "sending", sentAt: null, reminderDueAt: null });
    expect(await db.sendAttempt.findUniqueOrThrow({ where: { id: theirAttempt.id } })).toMatchObject({ status: "sending", finishedAt: null });
    expect(await db.outboxMessage.count({ where: { id: `review-reminder-${theirs.id}` } })).toBe(0);
  });
});
