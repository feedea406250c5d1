import { describe, expect, it } from "vitest";

import { decideConsent, type ConsentDecisionInput } from "./decide-consent";

const SHOPIFY_CHANGED = new Date("2026-11-10T12:00:00Z");
const EARLIER = new Date("2026-11-01T12:00:00Z");
const LATER = new Date("2026-11-20T12:00:00Z");

type Row = [
  mode: ConsentDecisionInput["mode"],
  live: string | null,
  liveUpdatedAt: Date | null,
  ledger: [state: string, occurredAt: Date] | null,
  expected: "send" | "consent_not_subscribed" | "consent_withdrawn",
  decidedBy?: "shopify" | "ledger",
];

const decide = ([mode, live, liveUpdatedAt, ledger]: Row) =>
  decideConsent({
    mode,
    live: { marketingState: live, updatedAt: liveUpdatedAt },
    ledger: ledger ? { state: ledger[0], occurredAt: ledger[1] } : null,
  });

describe("decideConsent — the send-time rule", () => {
  // mode, Shopify's live state, when it changed, the ledger's current entry → outcome
  const table: Row[] = [
    // Shopify alone
    ["consent_required", "SUBSCRIBED", SHOPIFY_CHANGED, null, "send"],
    ["consent_required", "NOT_SUBSCRIBED", SHOPIFY_CHANGED, null, "consent_not_subscribed", "shopify"],
    ["consent_required", "PENDING", SHOPIFY_CHANGED, null, "consent_not_subscribed", "shopify"],
    ["consent_required", null, null, null, "consent_not_subscribed", "shopify"],
    ["consent_required", "UNSUBSCRIBED", SHOPIFY_CHANGED, null, "consent_withdrawn", "shopify"],
    ["consent_required", "REDACTED", SHOPIFY_CHANGED, null, "consent_withdrawn", "shopify"],
    ["consent_required", "INVALID", SHOPIFY_CHANGED, null, "consent_withdrawn", "shopify"],
    ["soft_opt_in", "SUBSCRIBED", SHOPIFY_CHANGED, null, "send"],
    ["soft_opt_in", "NOT_SUBSCRIBED", SHOPIFY_CHANGED, null, "send"],
    ["soft_opt_in", "PENDING", SHOPIFY_CHANGED, null, "send"],
    ["soft_opt_in", null, null, null, "send"],
    ["soft_opt_in", "UNSUBSCRIBED", SHOPIFY_CHANGED, null, "consent_withdrawn", "shopify"],
    ["soft_opt_in", "REDACTED", null, null, "consent_withdrawn", "shopify"],
    // A withdrawal in the ledger, later than Shopify's state, wins
    ["consent_required", "SUBSCRIBED", SHOPIFY_CHANGED, ["unsubscribed", LATER], "consent_withdrawn", "ledger"],
    ["soft_opt_in", "SUBSCRIBED", SHOPIFY_CHANGED, ["unsubscribed", LATER], "consent_withdrawn", "ledger"],
    ["soft_opt_in", "NOT_SUBSCRIBED", SHOPIFY_CHANGED, ["redacted", LATER], "consent_withdrawn", "ledger"],
    ["consent_required", "SUBSCRIBED", null, ["unsubscribed", EARLIER], "consent_withdrawn", "ledger"],
    ["consent_required", "SUBSCRIBED", SHOPIFY_CHANGED, ["not_subscribed", LATER], "consent_not_subscribed", "ledger"],
    // …but an older one does not: the customer subscribed again since
    ["consent_required", "SUBSCRIBED", SHOPIFY_CHANGED, ["unsubscribed", EARLIER], "send"],
    ["soft_opt_in", "NOT_SUBSCRIBED", SHOPIFY_CHANGED, ["unsubscribed", EARLIER], "send"],
    ["consent_required", "SUBSCRIBED", SHOPIFY_CHANGED, ["unsubscribed", SHOPIFY_CHANGED], "send"],
    // The ledger never grants what Shopify does not show
    ["consent_required", "NOT_SUBSCRIBED", SHOPIFY_CHANGED, ["subscribed", LATER], "consent_not_subscribed", "shopify"],
    ["consent_required", "UNSUBSCRIBED", SHOPIFY_CHANGED, ["subscribed", LATER], "consent_withdrawn", "shopify"],
    ["soft_opt_in", "UNSUBSCRIBED", null, ["subscribed", LATER], "consent_withdrawn", "shopify"],
    ["consent_required", null, null, ["subscribed", LATER], "consent_not_subscribed", "shopify"],
    // An entry with a state the rule does not know is ignored
    ["consent_required", "SUBSCRIBED", SHOPIFY_CHANGED, ["mystery", LATER], "send"],
  ];

  it.each(table)("%s, Shopify %s (changed %s), ledger %j → %s", (...row) => {
    const [, , , , expected, decidedBy] = row;
    const decision = decide(row);
    if (expected === "send") {
      expect(decision.allowed).toBe(true);
    } else {
      expect(decision).toMatchObject({ allowed: false, reason: expected, decidedBy });
    }
  });

  it("reports the state it decided on", () => {
    expect(decide(["consent_required", "SUBSCRIBED", SHOPIFY_CHANGED, ["unsubscribed", LATER], "consent_withdrawn"])).toMatchObject({ state: "unsubscribed" });
    expect(decide(["soft_opt_in", "NOT_SUBSCRIBED", SHOPIFY_CHANGED, null, "send"])).toEqual({ allowed: true, state: "not_subscribed" });
  });
});
