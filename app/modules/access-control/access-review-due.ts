/** Access reviews are due every 90 days; a shop installed less than that ago is not yet due. */
export const ACCESS_REVIEW_INTERVAL_DAYS = 90;
const DAY_MS = 86_400_000;

export function isAccessReviewDue(lastReviewedAt: Date | null, installedAt: Date | null, now: Date = new Date()): boolean {
  const since = lastReviewedAt ?? installedAt;
  return !since || now.getTime() - since.getTime() > ACCESS_REVIEW_INTERVAL_DAYS * DAY_MS;
}
