import type { ShopSettings } from "~/modules/settings/shop-settings-schema";

import type { Retention } from "./data-map-registry";

const DAY_MS = 24 * 60 * 60 * 1_000;

/** Shopify sends `shop/redact` this long after the app is uninstalled. */
export const SHOP_REDACT_DELAY_MS = 48 * 60 * 60 * 1_000;

/** How long an outbox message is kept after it was handed to the queue. */
export const RELAYED_OUTBOX_KEPT_DAYS = 7;

/**
 * The record key that carries the shop's uninstall time (`Shop.uninstalledAt`). The caller
 * adds it to the record of any model; a Shop row already has it.
 */
export const SHOP_UNINSTALLED_AT = "uninstalledAt";

const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);
const earliest = (a: Date, b: Date | null) => (b && b < a ? b : a);

/**
 * The date the record will be deleted, or null when no date is known yet or Candor does not
 * delete it itself. `record` holds the record's date fields (and, optionally, the shop's
 * `uninstalledAt`); a missing key counts as null.
 *
 * - `{ category, from }`: `retentionDays[category]` days after `record[from]`; null while
 *   that field is empty (for example a data request not yet completed).
 * - `until-uninstall`: removed when the app/uninstalled webhook is applied, so the shop's
 *   `uninstalledAt`; null while installed.
 * - `until-uninstall+48h`: removed by `shop/redact`, which Shopify sends 48 hours after the
 *   uninstall; null while installed.
 * - `relayed+7d`: 7 days after `record.relayedAt`; null while the message is still owed to
 *   the queue.
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
  record: Record<string, Date | null>,
  retentionDays: ShopSettings["retentionDays"],
): Date | null {
  const uninstalledAt = record[SHOP_UNINSTALLED_AT] ?? null;
  const shopRedactAt = uninstalledAt ? plus(uninstalledAt, SHOP_REDACT_DELAY_MS) : null;

  if ("category" in retention) {
    const from = record[retention.from] ?? null;
    if (!from) return shopRedactAt;
    return earliest(plus(from, retentionDays[retention.category] * DAY_MS), shopRedactAt);
  }
  switch (retention.rule) {
    case "until-uninstall":
      return uninstalledAt;
    case "until-uninstall+48h":
      return shopRedactAt;
    case "relayed+7d": {
      const relayedAt = record.relayedAt ?? null;
      if (!relayedAt) return shopRedactAt;
      return earliest(plus(relayedAt, RELAYED_OUTBOX_KEPT_DAYS * DAY_MS), shopRedactAt);
    }
    case "while-job-pending":
    case "processor-terms":
    case "not-stored":
      return null;
  }
}
