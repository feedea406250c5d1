import type { ThrottleStatus } from "./create-cost-limiter.server";

/** Never ask to come back sooner than this: Shopify said no, so something is using the budget. */
export const MIN_THROTTLE_RETRY_MS = 1000;

/**
 * How long until Shopify's bucket holds `requestedCost` points again, from the throttle status
 * it sent with a THROTTLED answer: (requested − available) / restoreRate, at least one second
 * (also when the status is missing or says the points are there, as with a forced throttle).
 */
export function computeThrottleRetryMs(requestedCost: number, status: ThrottleStatus | undefined): number {
  if (!status || !(status.restoreRate > 0) || !Number.isFinite(requestedCost)) return MIN_THROTTLE_RETRY_MS;
  const target = Math.min(requestedCost, status.maximumAvailable);
  const missing = target - status.currentlyAvailable;
  const ms = Math.ceil((missing * 1000) / status.restoreRate);
  return Number.isFinite(ms) ? Math.max(MIN_THROTTLE_RETRY_MS, ms) : MIN_THROTTLE_RETRY_MS;
}
