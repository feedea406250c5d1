import { describe, expect, it } from "vitest";

import { DEFAULT_SHOP_SETTINGS } from "~/modules/settings/shop-settings-schema";

import { computeDeletionDate, computeRecordDeletionDate } from "./compute-deletion-date";
import { DATA_MAP_MODELS } from "./data-map-registry";

const days = DEFAULT_SHOP_SETTINGS.retentionDays;
const at = (iso: string) => new Date(iso);

describe("computeDeletionDate", () => {
  it("counts a retention window from the named field, in the shop's days", () => {
    const retention = { category: "sendLog", from: "startedAt" } as const;
    expect(computeDeletionDate(retention, { startedAt: at("2026-01-01T10:00:00Z") }, days)).toEqual(at("2026-04-01T10:00:00Z"));
    expect(computeDeletionDate(retention, { startedAt: at("2026-01-01T10:00:00Z") }, { ...days, sendLog: 7 })).toEqual(
      at("2026-01-08T10:00:00Z"),
    );
  });

  it("gives no date while the field the window counts from is empty or absent", () => {
    const retention = { category: "dataRequestReceipts", from: "completedAt" } as const;
    expect(computeDeletionDate(retention, { completedAt: null }, days)).toBeNull();
    expect(computeDeletionDate(retention, {}, days)).toBeNull();
  });

  it("takes the earlier of the window and shop/redact (48 hours after an uninstall)", () => {
    const retention = { category: "reviewRequests", from: "createdAt" } as const;
    const record = { createdAt: at("2026-01-01T00:00:00Z"), uninstalledAt: at("2026-02-01T00:00:00Z") };
    expect(computeDeletionDate(retention, record, days)).toEqual(at("2026-02-03T00:00:00Z"));
    expect(computeDeletionDate(retention, { createdAt: null, uninstalledAt: at("2026-02-01T00:00:00Z") }, days)).toEqual(
      at("2026-02-03T00:00:00Z"),
    );
    const webhook = { category: "webhookDedupeKeys", from: "receivedAt" } as const;
    expect(computeDeletionDate(webhook, { receivedAt: at("2026-01-20T00:00:00Z"), uninstalledAt: at("2026-02-01T00:00:00Z") }, days)).toEqual(
      at("2026-01-27T00:00:00Z"),
    );
  });

  it("deletes sessions at the uninstall and shop data at shop/redact; no date while installed", () => {
    expect(computeDeletionDate({ rule: "until-uninstall" }, { uninstalledAt: at("2026-03-01T12:00:00Z") }, days)).toEqual(
      at("2026-03-01T12:00:00Z"),
    );
    expect(computeDeletionDate({ rule: "until-uninstall+48h" }, { uninstalledAt: at("2026-03-01T12:00:00Z") }, days)).toEqual(
      at("2026-03-03T12:00:00Z"),
    );
    expect(computeDeletionDate({ rule: "until-uninstall" }, { uninstalledAt: null }, days)).toBeNull();
    expect(computeDeletionDate({ rule: "until-uninstall+48h" }, {}, days)).toBeNull();
  });

  it("keeps a relayed outbox message 7 days, and an unrelayed one until it is relayed", () => {
    expect(computeDeletionDate({ rule: "relayed+7d" }, { relayedAt: at("2026-05-10T08:00:00Z") }, days)).toEqual(at("2026-05-17T08:00:00Z"));
    expect(computeDeletionDate({ rule: "relayed+7d" }, { relayedAt: null }, days)).toBeNull();
  });

  it("gives no date for queued jobs, processors and data never stored", () => {
    const record = { createdAt: at("2026-01-01T00:00:00Z") };
    expect(computeDeletionDate({ rule: "while-job-pending" }, record, days)).toBeNull();
    expect(computeDeletionDate({ rule: "processor-terms" }, record, days)).toBeNull();
    expect(computeDeletionDate({ rule: "not-stored" }, record, days)).toBeNull();
  });

  it("gives a review request no date while it is to be sent or its reminder is pending, then counts from its last change", () => {
    const retention = DATA_MAP_MODELS.find((entry) => entry.name === "ReviewRequest")!.retention;
    const updatedAt = at("2026-01-01T00:00:00Z");
    expect(computeDeletionDate(retention, { status: "scheduled", updatedAt }, days)).toBeNull();
    expect(computeDeletionDate(retention, { status: "sending", updatedAt }, days)).toBeNull();
    expect(computeDeletionDate(retention, { status: "sent", updatedAt, reminderDueAt: at("2026-01-20T00:00:00Z"), reminderSentAt: null }, days)).toBeNull();
    expect(computeDeletionDate(retention, { status: "sent", updatedAt, reminderDueAt: null }, days)).toEqual(at("2027-01-01T00:00:00Z"));
    expect(computeDeletionDate(retention, { status: "cancelled", updatedAt }, { ...days, reviewRequests: 30 })).toEqual(at("2026-01-31T00:00:00Z"));
    // shop/redact still applies to a request that is held.
    expect(computeDeletionDate(retention, { status: "scheduled", updatedAt, uninstalledAt: at("2026-02-01T00:00:00Z") }, days)).toEqual(
      at("2026-02-03T00:00:00Z"),
    );
  });

  it("deletes a request's rows with it when that comes before their own rule", () => {
    const entry = (name: string) => DATA_MAP_MODELS.find((candidate) => candidate.name === name)!;
    const requestDate = at("2026-03-01T00:00:00Z");
    expect(computeRecordDeletionDate(entry("RequestedProduct"), { createdAt: at("2025-01-01T00:00:00Z") }, days)).toBeNull();
    expect(computeRecordDeletionDate(entry("RequestedProduct"), {}, days, { reviewRequestDeletionDate: requestDate })).toEqual(requestDate);
    const attempt = { startedAt: at("2026-02-25T00:00:00Z") };
    // Its own week ends 4 March; the request goes on 1 March, and the attempt with it.
    expect(computeRecordDeletionDate(entry("SendAttempt"), attempt, { ...days, sendLog: 7 }, { reviewRequestDeletionDate: requestDate })).toEqual(requestDate);
    const earlyAttempt = { startedAt: at("2026-02-10T00:00:00Z") };
    expect(computeRecordDeletionDate(entry("SendAttempt"), earlyAttempt, { ...days, sendLog: 7 }, { reviewRequestDeletionDate: requestDate })).toEqual(
      at("2026-02-17T00:00:00Z"),
    );
    expect(computeRecordDeletionDate(entry("SendAttempt"), attempt, { ...days, sendLog: 7 }, { reviewRequestDeletionDate: null })).toEqual(
      at("2026-03-04T00:00:00Z"),
    );
  });

  it("dates a review by its display name's window (the review itself stays) and keeps opt-outs while installed", () => {
    const entry = (name: string) => DATA_MAP_MODELS.find((candidate) => candidate.name === name)!;
    expect(computeRecordDeletionDate(entry("Review"), { submittedAt: at("2026-01-01T00:00:00Z") }, { ...days, reviewerDisplayNames: 30 })).toEqual(
      at("2026-01-31T00:00:00Z"),
    );
    expect(computeRecordDeletionDate(entry("Suppression"), { createdAt: at("2010-01-01T00:00:00Z") }, days)).toBeNull();
  });
});
