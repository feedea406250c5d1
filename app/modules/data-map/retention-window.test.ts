import { describe, expect, it } from "vitest";

import { DEFAULT_SHOP_SETTINGS } from "~/modules/settings/shop-settings-schema";

import { DATA_MAP_MODELS, type Retention } from "./data-map-registry";
import { expiredRecordsWhere, expiryCutoff, isRetentionHeld, resolveRetentionWindow, windowEnd } from "./retention-window";

const days = DEFAULT_SHOP_SETTINGS.retentionDays;
const at = (iso: string) => new Date(iso);
const reviewRequestRetention = DATA_MAP_MODELS.find((entry) => entry.name === "ReviewRequest")!.retention;

describe("retention windows", () => {
  it("resolves a merchant window in the shop's days and the outbox's fixed week; other rules have none", () => {
    expect(resolveRetentionWindow({ category: "sendLog", from: "startedAt" }, { ...days, sendLog: 9 })).toEqual({ from: "startedAt", days: 9, holds: [] });
    expect(resolveRetentionWindow({ rule: "relayed+7d" }, days)).toEqual({ from: "relayedAt", days: 7, holds: [] });
    for (const rule of ["until-uninstall", "until-uninstall+48h", "with-review-request", "while-job-pending"] as const) {
      expect(resolveRetentionWindow({ rule }, days)).toBeNull();
    }
  });

  it("expires a record exactly when its window ends: the cutoff is the window's end seen from now", () => {
    const window = { from: "startedAt", days: 7, holds: [] };
    const now = at("2026-05-20T12:00:00Z");
    expect(expiryCutoff(window, now)).toEqual(at("2026-05-13T12:00:00Z"));
    expect(windowEnd(window, expiryCutoff(window, now))).toEqual(now);
  });

  it("holds a review request while it is to be sent or its reminder is planned and not sent", () => {
    const holds = (resolveRetentionWindow(reviewRequestRetention, days) ?? { holds: [] }).holds;
    const old = at("2020-01-01T00:00:00Z");
    expect(isRetentionHeld(holds, { status: "scheduled", updatedAt: old })).toBe(true);
    expect(isRetentionHeld(holds, { status: "sending", updatedAt: old })).toBe(true);
    expect(isRetentionHeld(holds, { status: "sent", reminderDueAt: old, reminderSentAt: null })).toBe(true);
    expect(isRetentionHeld(holds, { status: "sent", reminderDueAt: old, reminderSentAt: old })).toBe(false);
    expect(isRetentionHeld(holds, { status: "sent", reminderDueAt: null, reminderSentAt: null })).toBe(false);
    expect(isRetentionHeld(holds, { status: "cancelled" })).toBe(false);
    expect(isRetentionHeld(holds, { status: "failed" })).toBe(false);
  });

  it("turns the same window and holds into the database filter the purge uses", () => {
    const now = at("2026-05-20T12:00:00Z");
    const window = resolveRetentionWindow(reviewRequestRetention, { ...days, reviewRequests: 30 })!;
    expect(expiredRecordsWhere("shop.myshopify.com", window, now)).toEqual({
      shopId: "shop.myshopify.com",
      updatedAt: { lte: at("2026-04-20T12:00:00Z") },
      AND: [{ status: { notIn: ["scheduled", "sending"] } }, { OR: [{ reminderDueAt: null }, { reminderSentAt: { not: null } }] }],
    });
    const plain: Retention = { category: "webhookDedupeKeys", from: "receivedAt" };
    expect(expiredRecordsWhere("shop.myshopify.com", resolveRetentionWindow(plain, days)!, now)).toEqual({
      shopId: "shop.myshopify.com",
      receivedAt: { lte: at("2026-05-13T12:00:00Z") },
    });
  });
});
