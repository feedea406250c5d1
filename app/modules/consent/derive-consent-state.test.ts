import { describe, expect, it } from "vitest";

import { deriveConsentState } from "./derive-consent-state";

const at = (iso: string) => new Date(iso);
const entry = (state: string, occurredAt: string, recordedAt: string) => ({ state, occurredAt: at(occurredAt), recordedAt: at(recordedAt) });

describe("deriveConsentState", () => {
  it("has no state without entries", () => {
    expect(deriveConsentState([])).toBeNull();
  });

  it("takes the change that happened last, whatever the order the entries arrived in", () => {
    const subscribed = entry("subscribed", "2026-11-01T10:00:00Z", "2026-11-05T10:00:00Z");
    const unsubscribed = entry("unsubscribed", "2026-11-03T10:00:00Z", "2026-11-03T10:00:01Z");
    // Shopify delivered the older change last.
    expect(deriveConsentState([unsubscribed, subscribed])).toBe(unsubscribed);
    expect(deriveConsentState([subscribed, unsubscribed])).toBe(unsubscribed);
  });

  it("breaks a tie on the change's time by the time it was recorded", () => {
    const first = entry("subscribed", "2026-11-03T10:00:00Z", "2026-11-03T10:00:01Z");
    const second = entry("unsubscribed", "2026-11-03T10:00:00Z", "2026-11-03T10:00:02Z");
    expect(deriveConsentState([second, first])).toBe(second);
    expect(deriveConsentState([first, second])).toBe(second);
  });

  it("follows a customer who changes their mind several times", () => {
    const history = [
      entry("not_subscribed", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"),
      entry("subscribed", "2026-02-01T00:00:00Z", "2026-02-01T00:00:00Z"),
      entry("unsubscribed", "2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z"),
      entry("subscribed", "2026-04-01T00:00:00Z", "2026-04-01T00:00:00Z"),
    ];
    expect(deriveConsentState(history)?.state).toBe("subscribed");
    expect(deriveConsentState(history.slice(0, 3))?.state).toBe("unsubscribed");
    expect(deriveConsentState([...history].reverse())?.state).toBe("subscribed");
  });
});
