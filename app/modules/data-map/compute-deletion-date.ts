import type { ShopSettings } from "~/modules/settings/shop-settings-schema";

import type { DataMapEntry, Retention } from "./data-map-registry";
import { isRetentionHeld, resolveRetentionWindow, windowEnd, type RecordValues } from "./retention-window";

export { FINISHED_PURGE_RUN_KEPT_DAYS, RELAYED_OUTBOX_KEPT_DAYS } from "./retention-window";

/** Shopify sends `shop/redact` this long after the app is uninstalled. */
export const SHOP_REDACT_DELAY_MS = 48 * 60 * 60 * 1_000;

/**
 * The record key that carries the shop's uninstall time (`Shop.uninstalledAt`). The caller
 * adds it to the record of any model; a Shop row already has it.
 */
export const SHOP_UNINSTALLED_AT = "uninstalledAt";

const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);
const asDate = (value: RecordValues[string]) => (value instanceof Date ? value : null);
const earliest = (a: Date, b: Date | null) => (b && b < a ? b : a);

/**
 * The date the record will be deleted, or null when no date is known yet or Candor does not
 * delete it itself. `record` holds the record's fields (and, optionally, the shop's
 * `uninstalledAt`); a missing key counts as null.
 *
 * - `{ category, from, keptWhile }`: `retentionDays[category]` days after `record[from]`;
 *   null while that field is empty (a data request not yet completed) or while a hold keeps
 *   the record (a review request still to be sent). The retention purge removes exactly the
 *   records whose date this gives is at or before the time it runs (see `retention-window`).
 * - `until-uninstall`: removed when the app/uninstalled webhook is applied, so the shop's
 *   `uninstalledAt`; null while installed.
 * - `until-uninstall+48h`: removed by `shop/redact`, which Shopify sends 48 hours after the
 *   uninstall; null while installed.
 * - `relayed+7d`: 7 days after `record.relayedAt`; null while the message is still owed to
 *   the queue.
 * - `finished+90d`: 90 days after `record.finishedAt` (a purge run); null while unfinished.
 * - `with-review-request`: removed with its review request (`computeRecordDeletionDate` adds
 *   the request's date); on its own, null.
 * - `while-job-pending`: a queued job is gone once it has run (BullMQ then keeps a completed
 *   job up to an hour and a failed one up to 7 days); no date to give, null.
 * - `processor-terms`: kept by a processor under its own terms, not by Candor; null.
 * - `not-stored`: read just in time and never written; null.
 *
 * Whatever the rule, `shop/redact` removes every database record of the shop 48 hours after
 * an uninstall: when the record carries the shop's `uninstalledAt`, the earlier date wins.
 */
export function computeDeletionDate(
  retention: Retention,
  record: RecordValues,
  retentionDays: ShopSettings["retentionDays"],
): Date | null {
  const uninstalledAt = asDate(record[SHOP_UNINSTALLED_AT]);
  const shopRedactAt = uninstalledAt ? plus(uninstalledAt, SHOP_REDACT_DELAY_MS) : null;

  const window = resolveRetentionWindow(retention, retentionDays);
  if (window) {
    const from = asDate(record[window.from]);
    if (!from || isRetentionHeld(window.holds, record)) return shopRedactAt;
    return earliest(windowEnd(window, from), shopRedactAt);
  }
  if ("category" in retention) return shopRedactAt;
  switch (retention.rule) {
    case "until-uninstall":
      return uninstalledAt;
    case "until-uninstall+48h":
    case "with-review-request":
    case "relayed+7d":
    case "finished+90d":
      return shopRedactAt;
    case "while-job-pending":
    case "processor-terms":
    case "not-stored":
      return null;
  }
}

/**
 * The earliest date one stored record, or one of its personal fields (a review's display
 * name), is deleted or anonymised: its model's rule, its fields' rules and, for rows of a
 * review request, the request's own date. What the customer inventory shows.
 */
export function computeRecordDeletionDate(
  entry: Pick<DataMapEntry, "retention" | "fields" | "deletedWithReviewRequest">,
  record: RecordValues,
  retentionDays: ShopSettings["retentionDays"],
  context: { reviewRequestDeletionDate?: Date | null } = {},
): Date | null {
  const rules = [entry.retention, ...Object.values(entry.fields).flatMap((field) => (field.retention ? [field.retention] : []))];
  const candidates = rules.map((retention) => computeDeletionDate(retention, record, retentionDays));
  if (entry.deletedWithReviewRequest) candidates.push(context.reviewRequestDeletionDate ?? null);
  const dates = candidates.filter((date): date is Date => date !== null);
  if (dates.length === 0) return null;
  return new Date(Math.min(...dates.map((date) => date.getTime())));
}
