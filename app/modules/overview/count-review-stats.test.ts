import { describe, expect, it } from "vitest";

import { countReviewStats, type ReviewTimestamps } from "./count-review-stats";

const now = new Date("2026-03-10T12:00:00Z");
const window = { days: 3, now, timeZone: "UTC" };
const review = (submittedAt: string, rating: number, status = "pending"): ReviewTimestamps => ({ submittedAt: new Date(submittedAt), rating, status });

describe("countReviewStats", () => {
  it("zero-fills the window and has no average or conversion without data", () => {
    expect(countReviewStats([], [], window)).toEqual({
      days: 3,
      reviewsReceived: 0,
      averageRating: null,
      ratedReviews: 0,
      requestsSent: 0,
      conversion: null,
      series: [
        { day: "2026-03-08", reviews: 0, requestsSent: 0 },
        { day: "2026-03-09", reviews: 0, requestsSent: 0 },
        { day: "2026-03-10", reviews: 0, requestsSent: 0 },
      ],
    });
  });

  it("counts reviews and sends per day, averages published and pending only, and divides reviews by requests", () => {
    const stats = countReviewStats(
      [
        review("2026-03-08T10:00:00Z", 5, "published"),
        review("2026-03-09T10:00:00Z", 2, "pending"),
        review("2026-03-10T11:00:00Z", 1, "rejected"),
        review("2026-03-10T11:30:00Z", 4, "published"),
        review("2026-03-07T23:59:59Z", 1, "published"), // before the window
        review("2026-03-10T12:00:01Z", 1, "pending"), // after now
      ],
      [new Date("2026-03-08T09:00:00Z"), new Date("2026-03-08T09:30:00Z"), new Date("2026-03-09T09:00:00Z"), new Date("2026-03-10T08:00:00Z"), new Date("2026-03-10T09:00:00Z"), new Date("2026-03-07T12:00:00Z")],
      window,
    );
    expect(stats.series).toEqual([
      { day: "2026-03-08", reviews: 1, requestsSent: 2 },
      { day: "2026-03-09", reviews: 1, requestsSent: 1 },
      { day: "2026-03-10", reviews: 2, requestsSent: 2 },
    ]);
    expect(stats).toMatchObject({ reviewsReceived: 4, ratedReviews: 3, requestsSent: 5 });
    expect(stats.averageRating).toBeCloseTo((5 + 2 + 4) / 3, 10);
    expect(stats.conversion).toBeCloseTo(4 / 5, 10);
  });

  it("can pass one review per request, as one request asks about several products", () => {
    const stats = countReviewStats([review("2026-03-10T10:00:00Z", 5), review("2026-03-10T10:01:00Z", 4)], [new Date("2026-03-09T10:00:00Z")], window);
    expect(stats.conversion).toBe(2);
  });

  it("counts days in the time zone asked for, and refuses a bad window", () => {
    const late = [review("2026-03-09T23:30:00Z", 5)];
    expect(countReviewStats(late, [], { ...window, days: 2, timeZone: "Europe/Berlin" }).series.map((day) => day.reviews)).toEqual([0, 1]);
    expect(countReviewStats(late, [], { ...window, days: 2 }).series.map((day) => day.reviews)).toEqual([1, 0]);
    expect(() => countReviewStats([], [], { ...window, days: 0 })).toThrow(RangeError);
    expect(() => countReviewStats([], [], { ...window, timeZone: "Mars/Olympus" })).toThrow(RangeError);
  });
});
