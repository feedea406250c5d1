import type { ShopSettings } from "~/modules/settings/shop-settings-schema";

import type { Retention, RetentionHold } from "./data-map-registry";

export const DAY_MS = 24 * 60 * 60 * 1_000;

/** How long an outbox message is kept after it was handed to the queue. */
export const RELAYED_OUTBOX_KEPT_DAYS = 7;

/** How long the record of a finished purge run is kept. */
export const FINISHED_PURGE_RUN_KEPT_DAYS = 90;

/**
 * A rule that deletes a record a number of days after one of its date fields, unless a hold
 * keeps it. This is the one definition of "expired" that both the customer inventory (the
 * date it shows) and the retention purge (the rows it removes) are built from.
 */
export interface RetentionWindow {
  /** The date field the window counts from; a record whose field is empty never expires. */
  from: string;
  days: number;
  /** While any of these matches the record, it is kept whatever its age. */
  holds: readonly RetentionHold[];
}

/** The window of a rule, in the shop's days; null for rules that are not a window counted from a field. */
export function resolveRetentionWindow(retention: Retention, retentionDays: ShopSettings["retentionDays"]): RetentionWindow | null {
  if ("category" in retention) {
    return { from: retention.from, days: retentionDays[retention.category], holds: retention.keptWhile ?? [] };
  }
  if (retention.rule === "relayed+7d") return { from: "relayedAt", days: RELAYED_OUTBOX_KEPT_DAYS, holds: [] };
  if (retention.rule === "finished+90d") return { from: "finishedAt", days: FINISHED_PURGE_RUN_KEPT_DAYS, holds: [] };
  return null;
}

export type RecordValues = Record<string, Date | string | null | undefined>;

/** Whether a hold keeps the record now. */
export function isRetentionHeld(holds: readonly RetentionHold[], record: RecordValues): boolean {
  return holds.some((hold) =>
    "in" in hold ? hold.in.includes(String(record[hold.field] ?? "")) : record[hold.planned] != null && record[hold.done] == null,
  );
}

/** The moment a record counted from `from` expires under the window. */
export function windowEnd(window: RetentionWindow, from: Date): Date {
  return new Date(from.getTime() + window.days * DAY_MS);
}

/**
 * The latest value of the window's field that has expired at `now`: a record expires when
 * its field is at or before it (`windowEnd(from) <= now`), which is exactly `from <= cutoff`.
 */
export function expiryCutoff(window: RetentionWindow, now: Date): Date {
  return new Date(now.getTime() - window.days * DAY_MS);
}

/**
 * The database filter for "expired and not held" under a window, for one shop (a Prisma
 * `where`, the same shape on both backends).
 */
export function expiredRecordsWhere(shopId: string, window: RetentionWindow, now: Date): Record<string, unknown> {
  const notHeld = window.holds.map((hold) =>
    "in" in hold ? { [hold.field]: { notIn: [...hold.in] } } : { OR: [{ [hold.planned]: null }, { [hold.done]: { not: null } }] },
  );
  return { shopId, [window.from]: { lte: expiryCutoff(window, now) }, ...(notHeld.length > 0 ? { AND: notHeld } : {}) };
}
