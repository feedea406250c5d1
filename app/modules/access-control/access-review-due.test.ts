import { describe, expect, it } from "vitest";

import { isAccessReviewDue } from "./access-review-due";

const now = new Date("2026-11-29T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe("isAccessReviewDue", () => {
  it("counts 90 days from the last review, or from the install when there was none", () => {
    expect(isAccessReviewDue(daysAgo(90), daysAgo(400), now)).toBe(false);
    expect(isAccessReviewDue(daysAgo(91), daysAgo(400), now)).toBe(true);
    expect(isAccessReviewDue(null, daysAgo(30), now)).toBe(false);
    expect(isAccessReviewDue(null, daysAgo(91), now)).toBe(true);
    expect(isAccessReviewDue(null, null, now)).toBe(true);
  });
});
