import type { ConsentMode } from "~/modules/settings/shop-settings-schema";

import { parseConsentState, type ConsentState } from "./consent-entry";

export type ConsentRefusal = "consent_not_subscribed" | "consent_withdrawn";

export interface ConsentDecisionInput {
  mode: ConsentMode;
  /** Shopify's state, read just now: marketing state and when it last changed (null: unknown, or no customer record). */
  live: { marketingState: string | null; updatedAt: Date | null };
  /** The customer's current ledger entry (see `deriveConsentState`), or null. */
  ledger: { state: string; occurredAt: Date } | null;
}

export type ConsentDecision =
  | { allowed: true; state: ConsentState | null }
  | { allowed: false; reason: ConsentRefusal; state: ConsentState | null; decidedBy: "shopify" | "ledger" };

/** How far a state is from "may be asked": 0 asked under any mode, 1 only under soft opt-in, 2 never. */
const RESTRICTION: Record<ConsentState, number> = {
  subscribed: 0,
  not_subscribed: 1,
  pending: 1,
  unsubscribed: 2,
  redacted: 2,
  invalid: 2,
};
const restriction = (state: ConsentState | null) => (state === null ? 1 : RESTRICTION[state]);

/**
 * May this customer be asked now? Shopify's live state is the base. A ledger entry counts only
 * when it happened after Shopify's state last changed (or Shopify does not say when), and then
 * only if it is stricter: the ledger can withdraw consent Shopify still shows (our unsubscribe
 * link, a consent webhook newer than what the Admin API returns), never grant consent Shopify
 * does not show. Then: an opt-out stops every email; consent required needs "subscribed".
 * The rule is written down in docs/decisions/008-consent-ledger.md.
 */
export function decideConsent(input: ConsentDecisionInput): ConsentDecision {
  const liveState = parseConsentState(input.live.marketingState);
  const ledgerState = input.ledger ? parseConsentState(input.ledger.state) : null;
  const ledgerIsNewer =
    input.ledger !== null && ledgerState !== null && (input.live.updatedAt === null || input.ledger.occurredAt.getTime() > input.live.updatedAt.getTime());
  const ledgerWins = ledgerIsNewer && restriction(ledgerState) > restriction(liveState);
  const state = ledgerWins ? ledgerState : liveState;
  const decidedBy = ledgerWins ? "ledger" : "shopify";

  if (restriction(state) === 2) return { allowed: false, reason: "consent_withdrawn", state, decidedBy };
  if (input.mode === "consent_required" && state !== "subscribed") return { allowed: false, reason: "consent_not_subscribed", state, decidedBy };
  return { allowed: true, state };
}
