import { describe, expect, it } from "vitest";

import { countReviewRequestActivity, type ReviewRequestTimestamps } from "./count-review-request-activity";

const now = new Date("2026-03-10T12:00:00Z");

function request(overrides: Partial<ReviewRequestTimestamps>): ReviewRequestTimestamps {
  const createdAt = overrides.createdAt ?? new Date("2026-03-01T00:00:00Z");
  return { status: "scheduled", createdAt, sentAt: null, cancelledAt: null, updatedAt: createdAt, ...overrides };
}

describe("countReviewRequestActivity", () => {
  it("gives one zero-filled entry per day, oldest first, today last", () => {
    const days = countReviewRequestActivity([], { days: 3, now, timeZone: "UTC" });
    expect(days).toEqual([
      { day: "2026-03-08", scheduled: 0, sent: 0, failed: 0, cancelled: 0 },
      { day: "2026-03-09", scheduled: 0, sent: 0, failed: 0, cancelled: 0 },
      { day: "2026-03-10", scheduled: 0, sent: 0, failed: 0, cancelled: 0 },
    ]);
  });

  it("counts each event on its own day: created, sent, failed by last update, cancelled by cancellation", () => {
    const rows = [
      request({ createdAt: new Date("2026-03-08T09:00:00Z"), status: "sent", sentAt: new Date("2026-03-10T08:00:00Z") }),
      request({ createdAt: new Date("2026-03-09T09:00:00Z"), status: "failed", updatedAt: new Date("2026-03-10T01:00:00Z") }),
      request({
        createdAt: new Date("2026-03-09T10:00:00Z"),
        status: "cancelled",
        cancelledAt: new Date("2026-03-09T11:00:00Z"),
        updatedAt: new Date("2026-03-10T11:00:00Z"),
      }),
      request({ createdAt: new Date("2026-03-10T11:59:59Z"), status: "sending" }),
    ];
    expect(countReviewRequestActivity(rows, { days: 3, now, timeZone: "UTC" })).toEqual([
      { day: "2026-03-08", scheduled: 1, sent: 0, failed: 0, cancelled: 0 },
      { day: "2026-03-09", scheduled: 2, sent: 0, failed: 0, cancelled: 1 },
      { day: "2026-03-10", scheduled: 1, sent: 1, failed: 1, cancelled: 0 },
    ]);
  });

  it("leaves out what falls before the window or after now", () => {
    const rows = [
      request({ createdAt: new Date("2026-03-07T23:59:59Z") }),
      request({ createdAt: new Date("2026-03-10T12:00:01Z") }),
      request({ createdAt: new Date("2026-03-01T00:00:00Z"), status: "cancelled", cancelledAt: null, updatedAt: new Date("2026-03-08T00:00:00Z") }),
    ];
    const days = countReviewRequestActivity(rows, { days: 3, now, timeZone: "UTC" });
    expect(days.map((entry) => entry.scheduled)).toEqual([0, 0, 0]);
    expect(days.map((entry) => entry.cancelled)).toEqual([1, 0, 0]);
  });

  it("counts calendar days in the shop's time zone", () => {
    // 23:30 UTC on the 9th is already the 10th in Berlin, and still the 9th in New York.
    const rows = [request({ createdAt: new Date("2026-03-09T23:30:00Z") })];
    const berlin = countReviewRequestActivity(rows, { days: 2, now, timeZone: "Europe/Berlin" });
    expect(berlin).toEqual([
      expect.objectContaining({ day: "2026-03-09", scheduled: 0 }),
      expect.objectContaining({ day: "2026-03-10", scheduled: 1 }),
    ]);
    const newYork = countReviewRequestActivity(rows, { days: 2, now: new Date("2026-03-10T03:00:00Z"), timeZone: "America/New_York" });
    expect(newYork).toEqual([
      expect.objectContaining({ day: "2026-03-08", scheduled: 0 }),
      expect.objectContaining({ day: "2026-03-09", scheduled: 1 }),
    ]);
  });

  it("crosses month and year ends", () => {
    const days = countReviewRequestActivity([], { days: 3, now: new Date("2027-01-01T06:00:00Z"), timeZone: "UTC" });
    expect(days.map((entry) => entry.day)).toEqual(["2026-12-30", "2026-12-31", "2027-01-01"]);
  });

  it("refuses a window it cannot count", () => {
    expect(() => countReviewRequestActivity([], { days: 0, now, timeZone: "UTC" })).toThrow(RangeError);
    expect(() => countReviewRequestActivity([], { days: 1.5, now, timeZone: "UTC" })).toThrow(RangeError);
    expect(() => countReviewRequestActivity([], { days: 7, now, timeZone: "Mars/Olympus" })).toThrow(RangeError);
  });
});
