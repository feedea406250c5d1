import { getDb } from "~/db.server";

import { countReviewStats, type ReviewStats } from "./count-review-stats";

export type { ReviewStats, ReviewStatsDay } from "./count-review-stats";

const DAY_MS = 86_400_000;

/**
 * One shop's review figures over the last `days` calendar days (today included): reviews
 * received, their average rating (published and pending; rejected left out), review requests
 * sent, reviews per request sent, and both counts per day, zero-filled.
 *
 * Only the timestamps (and a review's rating and status) inside the window are read, and the
 * days are counted in TypeScript, so SQLite and PostgreSQL give the same answer.
 */
export async function getReviewStats(shopId: string, options: { days: number; now?: Date; timeZone?: string }): Promise<ReviewStats> {
  const now = options.now ?? new Date();
  const window = { days: options.days, now, timeZone: options.timeZone ?? "UTC" };
  // Validate days and time zone before touching the database.
  countReviewStats([], [], window);
  // A day of spare before the first day: its start depends on the time zone, and the
  // counting drops anything outside the window anyway.
  const inWindow = { gte: new Date(now.getTime() - (options.days + 1) * DAY_MS), lte: now };
  const db = getDb();
  const [reviews, requests] = await Promise.all([
    db.review.findMany({ where: { shopId, submittedAt: inWindow }, select: { submittedAt: true, rating: true, status: true } }),
    db.reviewRequest.findMany({ where: { shopId, sentAt: inWindow }, select: { sentAt: true } }),
  ]);
  return countReviewStats(
    reviews,
    requests.flatMap((request) => (request.sentAt ? [request.sentAt] : [])),
    window,
  );
}
