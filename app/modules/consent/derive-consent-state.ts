import type { ConsentEntryFacts } from "./consent-entry";

/**
 * The current consent of a customer from their ledger entries: the latest by when the change
 * happened, and of two at the same instant the one recorded last. Entries may arrive out of
 * order (Shopify does not guarantee webhook order), so arrival order alone would be wrong.
 * Null without entries.
 */
export function deriveConsentState<Entry extends ConsentEntryFacts>(entries: readonly Entry[]): Entry | null {
  let latest: Entry | null = null;
  for (const entry of entries) {
    if (
      !latest ||
      entry.occurredAt.getTime() > latest.occurredAt.getTime() ||
      (entry.occurredAt.getTime() === latest.occurredAt.getTime() && entry.recordedAt.getTime() >= latest.recordedAt.getTime())
    ) {
      latest = entry;
    }
  }
  return latest;
}
