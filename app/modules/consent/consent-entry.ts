/** A customer's consent to review emails, as the ledger records it. */
export const CONSENT_STATES = ["subscribed", "not_subscribed", "pending", "unsubscribed", "redacted", "invalid"] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

/** Where a change came from: Shopify's consent webhook, our unsubscribe link, a merchant, an import. */
export const CONSENT_SOURCES = ["shopify_webhook", "unsubscribe_link", "admin", "import"] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** The part of a ledger entry that decides the current state. */
export interface ConsentEntryFacts {
  state: string;
  occurredAt: Date;
  recordedAt: Date;
}

const FROM_SHOPIFY: Record<string, ConsentState> = {
  SUBSCRIBED: "subscribed",
  NOT_SUBSCRIBED: "not_subscribed",
  PENDING: "pending",
  UNSUBSCRIBED: "unsubscribed",
  REDACTED: "redacted",
  INVALID: "invalid",
};

/** A ledger state, or Shopify's CustomerEmailMarketingState (any case), as a ledger state; null when unknown or absent. */
export function parseConsentState(marketingState: string | null | undefined): ConsentState | null {
  return marketingState ? (FROM_SHOPIFY[marketingState.toUpperCase()] ?? null) : null;
}
