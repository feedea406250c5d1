/** The timestamps of one review request that the activity counts look at. */
export interface ReviewRequestTimestamps {
  status: string;
  createdAt: Date;
  sentAt: Date | null;
  cancelledAt: Date | null;
  updatedAt: Date;
}

/** What happened to one shop's review requests on one calendar day. */
export interface ReviewRequestActivityDay {
  /** Calendar day in the chosen time zone, YYYY-MM-DD. */
  day: string;
  /** Requests created (planned) that day. */
  scheduled: number;
  /** Requests sent that day. */
  sent: number;
  /** Requests that failed for good that day. */
  failed: number;
  /** Requests cancelled that day. */
  cancelled: number;
}

export interface ActivityWindow {
  /** How many calendar days, ending with today (1 to 366). */
  days: number;
  now: Date;
  /** IANA time zone the days are counted in. */
  timeZone: string;
}

/**
 * Counts review requests per calendar day over the last `days` days, today included, one
 * entry per day (oldest first, zero-filled). Scheduled counts by creation, sent by send time,
 * failed by the last update of a failed request, cancelled by its cancellation time; a moment
 * after `now` is not counted. Pure, so both database backends share the same bucketing.
 */
export function countReviewRequestActivity(
  rows: Iterable<ReviewRequestTimestamps>,
  window: ActivityWindow,
): ReviewRequestActivityDay[] {
  if (!Number.isInteger(window.days) || window.days < 1 || window.days > 366) {
    throw new RangeError(`activity covers 1 to 366 days, got ${window.days}`);
  }
  const dayOf = calendarDayIn(window.timeZone);
  const [year, month, date] = dayOf(window.now).split("-").map(Number) as [number, number, number];
  const entries: ReviewRequestActivityDay[] = [];
  for (let back = window.days - 1; back >= 0; back -= 1) {
    const day = new Date(Date.UTC(year, month - 1, date - back)).toISOString().slice(0, 10);
    entries.push({ day, scheduled: 0, sent: 0, failed: 0, cancelled: 0 });
  }
  const byDay = new Map(entries.map((entry) => [entry.day, entry]));
  const nowMs = window.now.getTime();
  const count = (at: Date | null, key: "scheduled" | "sent" | "failed" | "cancelled") => {
    if (!at || at.getTime() > nowMs) return;
    const entry = byDay.get(dayOf(at));
    if (entry) entry[key] += 1;
  };

  for (const row of rows) {
    count(row.createdAt, "scheduled");
    count(row.sentAt, "sent");
    if (row.status === "failed") count(row.updatedAt, "failed");
    if (row.status === "cancelled") count(row.cancelledAt ?? row.updatedAt, "cancelled");
  }
  return entries;
}

function calendarDayIn(timeZone: string): (at: Date) => string {
  const format = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return (at) => {
    const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
    return `${parts.year}-${parts.month}-${parts.day}`;
  };
}
