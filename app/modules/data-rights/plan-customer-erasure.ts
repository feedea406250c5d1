import { describeDataStore } from "./describe-data-store";

export interface ErasurePlanLine {
  store: string;
  count: number;
  /** e.g. "2 review requests". */
  text: string;
}

export interface ErasurePlan {
  /** Deleted for good. */
  remove: ErasurePlanLine[];
  /** Kept without the name or order link (reviews, when the shop keeps reviews on erasure). */
  anonymise: ErasurePlanLine[];
  /** Kept as the proof of what was asked and done: blind indexes and counts only. */
  keep: ErasurePlanLine[];
  /** Records removed or anonymised. */
  total: number;
}

/** What `eraseCustomerData` removes, in the order it shows them. */
const REMOVED = [
  "ReviewRequest",
  "RequestedProduct",
  "SendAttempt",
  "Review",
  "WebhookDelivery",
  "OutboxMessage",
  "ConsentEntry",
  "send-review-request",
  "send-review-reminder",
] as const;
/** What it keeps: the register and the do-not-ask list hold keyed fingerprints, never the customer's data. */
const KEPT = ["DataRequest", "Suppression"] as const;

/**
 * What erasing a customer will do to the records an inventory found, per store: removed,
 * anonymised (reviews, when the shop keeps them) or kept. Pure: the confirmation step shows it
 * before anything is touched.
 */
export function planCustomerErasure(
  stores: ReadonlyArray<{ store: string; records: readonly unknown[] }>,
  reviewsOnErasure: "delete" | "anonymise",
): ErasurePlan {
  const countOf = (store: string) => stores.filter((entry) => entry.store === store).reduce((sum, entry) => sum + entry.records.length, 0);
  const line = (store: string): ErasurePlanLine => ({ store, count: countOf(store), text: describeDataStore(store, countOf(store)) });
  const found = (entry: ErasurePlanLine) => entry.count > 0;
  const touched = REMOVED.map(line).filter(found);
  const remove = touched.filter((entry) => reviewsOnErasure === "delete" || entry.store !== "Review");
  const anonymise = touched.filter((entry) => reviewsOnErasure === "anonymise" && entry.store === "Review");
  return {
    remove,
    anonymise,
    keep: KEPT.map(line).filter(found),
    total: touched.reduce((sum, entry) => sum + entry.count, 0),
  };
}
