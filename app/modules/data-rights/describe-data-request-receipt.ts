import { describeDataStore } from "./describe-data-store";

export interface ReceiptDescription {
  /** "erasure" for an erasure receipt, "access" for an export's, "other" for anything else. */
  kind: "erasure" | "access" | "other";
  /** When it was carried out (ISO), if the receipt says. */
  at: string | null;
  /** Who asked: "shopify", "staff:<user id>", an API key id. */
  requestedBy: string | null;
  /** The export's format (access receipts). */
  format: string | null;
  /** One line per count, e.g. "2 review requests removed". */
  lines: string[];
  /** Whether a do-not-ask entry was added (erasure receipts). */
  suppressionAdded: boolean | null;
}

/** The erasure receipt's count keys, as the store they count and what happened to it. */
const ERASURE_COUNTS: Record<string, { store: string; done: string }> = {
  reviewRequests: { store: "ReviewRequest", done: "removed" },
  requestedProducts: { store: "RequestedProduct", done: "removed" },
  sendAttempts: { store: "SendAttempt", done: "removed" },
  reviewsDeleted: { store: "Review", done: "deleted" },
  reviewsAnonymised: { store: "Review", done: "anonymised" },
  webhookDeliveries: { store: "WebhookDelivery", done: "removed" },
  outboxMessages: { store: "OutboxMessage", done: "removed" },
  consentEntries: { store: "ConsentEntry", done: "removed" },
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === "string" ? value : null);
const countsOf = (value: unknown): Array<[string, number]> =>
  isRecord(value) ? Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === "number") : [];

/**
 * A data request's stored receipt (counts, times, who asked — never the customer's data) in
 * words. Erasure receipts list every count, zeros included, since "nothing was found" is part
 * of the proof; an export lists what it contained per store. Unknown shapes give no lines.
 */
export function describeDataRequestReceipt(receipt: unknown): ReceiptDescription {
  if (!isRecord(receipt)) return { kind: "other", at: null, requestedBy: null, format: null, lines: [], suppressionAdded: null };
  const requestedBy = text(receipt.requestedBy);
  if ("erasedAt" in receipt) {
    return {
      kind: "erasure",
      at: text(receipt.erasedAt),
      requestedBy,
      format: null,
      lines: countsOf(receipt.counts).map(([key, count]) => {
        if (key === "queuedJobs") return `${count} queued email${count === 1 ? "" : "s"} taken off the queue`;
        const known = ERASURE_COUNTS[key];
        return known ? `${describeDataStore(known.store, count)} ${known.done}` : `${key}: ${count}`;
      }),
      suppressionAdded: typeof receipt.suppressionAdded === "boolean" ? receipt.suppressionAdded : null,
    };
  }
  if ("exportedAt" in receipt) {
    return {
      kind: "access",
      at: text(receipt.exportedAt),
      requestedBy,
      format: text(receipt.format),
      lines: countsOf(receipt.counts).map(([store, count]) => `${describeDataStore(store, count)} exported`),
      suppressionAdded: null,
    };
  }
  return { kind: "other", at: null, requestedBy, format: null, lines: countsOf(receipt.counts).map(([key, count]) => `${key}: ${count}`), suppressionAdded: null };
}
