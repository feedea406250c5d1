import { getDb } from "~/db.server";

import { countReviewRequestActivity, type ReviewRequestActivityDay } from "./count-review-request-activity";

export type { ReviewRequestActivityDay } from "./count-review-request-activity";

const DAY_MS = 86_400_000;

/**
 * One shop's review requests scheduled, sent, failed and cancelled per calendar day, for the
 * last `days` days (today included, oldest first, days without activity as zeros).
 *
 * Only the timestamps and status of requests that changed inside the window are read, and
 * the days are counted in TypeScript, so SQLite and PostgreSQL give the same answer without
 * dialect-specific date SQL.
 */
export async function getReviewRequestActivity(
  shopId: string,
  options: { days: number; now?: Date; timeZone?: string },
): Promise<ReviewRequestActivityDay[]> {
  const now = options.now ?? new Date();
  const window = { days: options.days, now, timeZone: options.timeZone ?? "UTC" };
  // A day of spare before the first day: its start depends on the time zone, and the
  // counting drops anything outside the window anyway.
  const since = new Date(now.getTime() - (options.days + 1) * DAY_MS);
  const changed = { gte: since, lte: now };
  // Validate days and time zone before touching the database.
  countReviewRequestActivity([], window);

  const rows = await getDb().reviewRequest.findMany({
    where: {
      shopId,
      OR: [
        { createdAt: changed },
        { sentAt: changed },
        { status: "cancelled", cancelledAt: changed },
        { status: { in: ["failed", "cancelled"] }, updatedAt: changed },
      ],
    },
    select: { status: true, createdAt: true, sentAt: true, cancelledAt: true, updatedAt: true },
  });
  return countReviewRequestActivity(rows, window);
}
