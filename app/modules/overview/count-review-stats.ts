import { countReviewRequestActivity, type ActivityWindow } from "./count-review-request-activity";

/** What the review figures read of one review. */
export interface ReviewTimestamps {
  submittedAt: Date;
  rating: number;
  status: string;
}

/** Reviews received and review requests sent on one calendar day. */
export interface ReviewStatsDay {
  /** Calendar day in the chosen time zone, YYYY-MM-DD. */
  day: string;
  reviews: number;
  requestsSent: number;
}

export interface ReviewStats {
  /** Calendar days covered, today included. */
  days: number;
  /** Reviews submitted in the window, whatever their status. */
  reviewsReceived: number;
  /** Mean rating of the published and pending reviews received in the window (rejected ones left out); null without any. */
  averageRating: number | null;
  /** How many reviews the average covers (published + pending). */
  ratedReviews: number;
  /** Review requests sent in the window (first emails, not reminders). */
  requestsSent: number;
  /**
   * Reviews received ÷ requests sent in the window; null when none was sent. One request can
   * ask about several products, so it can pass 1.
   */
  conversion: number | null;
  /** Oldest day first, zero-filled. */
  series: ReviewStatsDay[];
}

/**
 * The review figures for a window of calendar days (today included): reviews received by
 * submission time, requests by send time, each counted on its day in the window's time zone;
 * anything outside the window or after `now` is left out. Pure, so both database backends
 * share the same bucketing.
 */
export function countReviewStats(reviews: Iterable<ReviewTimestamps>, requestsSentAt: Iterable<Date>, window: ActivityWindow): ReviewStats {
  // The activity count validates the window and gives its days, zero-filled.
  const series = countReviewRequestActivity([], window).map(({ day }) => ({ day, reviews: 0, requestsSent: 0 }));
  const byDay = new Map(series.map((entry) => [entry.day, entry]));
  const dayOf = calendarDayIn(window.timeZone);
  const nowMs = window.now.getTime();
  const entryOf = (at: Date) => (at.getTime() > nowMs ? undefined : byDay.get(dayOf(at)));

  let ratingSum = 0;
  let ratedReviews = 0;
  for (const review of reviews) {
    const entry = entryOf(review.submittedAt);
    if (!entry) continue;
    entry.reviews += 1;
    if (review.status === "published" || review.status === "pending") {
      ratingSum += review.rating;
      ratedReviews += 1;
    }
  }
  for (const sentAt of requestsSentAt) {
    const entry = entryOf(sentAt);
    if (entry) entry.requestsSent += 1;
  }
  const reviewsReceived = series.reduce((sum, entry) => sum + entry.reviews, 0);
  const requestsSent = series.reduce((sum, entry) => sum + entry.requestsSent, 0);
  return {
    days: window.days,
    reviewsReceived,
    averageRating: ratedReviews > 0 ? ratingSum / ratedReviews : null,
    ratedReviews,
    requestsSent,
    conversion: requestsSent > 0 ? reviewsReceived / requestsSent : null,
    series,
  };
}

function calendarDayIn(timeZone: string): (at: Date) => string {
  const format = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return (at) => {
    const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
    return `${parts.year}-${parts.month}-${parts.day}`;
  };
}
