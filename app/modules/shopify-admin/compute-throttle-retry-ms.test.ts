import { describe, expect, it } from "vitest";

import { computeThrottleRetryMs, MIN_THROTTLE_RETRY_MS } from "./compute-throttle-retry-ms";

describe("computeThrottleRetryMs", () => {
  it("waits for the missing points at the shop's restore rate", () => {
    expect(computeThrottleRetryMs(450, { maximumAvailable: 2000, currentlyAvailable: 50, restoreRate: 100 })).toBe(4000);
    expect(computeThrottleRetryMs(5050, { maximumAvailable: 20000, currentlyAvailable: 50, restoreRate: 1000 })).toBe(5000);
  });

  it("rounds up and never answers less than a second", () => {
    expect(computeThrottleRetryMs(1201, { maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 100 })).toBe(12010);
    expect(computeThrottleRetryMs(60, { maximumAvailable: 2000, currentlyAvailable: 55, restoreRate: 100 })).toBe(MIN_THROTTLE_RETRY_MS);
  });

  it("falls back to a second when the status is missing, odd, or says the points are there", () => {
    expect(computeThrottleRetryMs(45, undefined)).toBe(MIN_THROTTLE_RETRY_MS);
    expect(computeThrottleRetryMs(45, { maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100 })).toBe(MIN_THROTTLE_RETRY_MS);
    expect(computeThrottleRetryMs(45, { maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 0 })).toBe(MIN_THROTTLE_RETRY_MS);
    expect(computeThrottleRetryMs(Number.NaN, { maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 100 })).toBe(MIN_THROTTLE_RETRY_MS);
  });

  it("caps the wait at a full bucket for a query costing more than the bucket holds", () => {
    expect(computeThrottleRetryMs(5000, { maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 100 })).toBe(20000);
  });
});
