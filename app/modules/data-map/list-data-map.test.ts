import { describe, expect, it } from "vitest";

import { DEFAULT_SHOP_SETTINGS } from "~/modules/settings/shop-settings-schema";

import { listDataMap } from "./list-data-map";

const env = { DATABASE_URL: "file:./.data/candor.db", DATA_REGION: "eu-central-1", REDIS_URL: "redis://127.0.0.1:6379" };

const field = (map: ReturnType<typeof listDataMap>, entry: string, name: string) =>
  map.entries.find((candidate) => candidate.name === entry)?.fields.find((candidate) => candidate.name === name);

describe("listDataMap", () => {
  it("is plain JSON", () => {
    const map = listDataMap(DEFAULT_SHOP_SETTINGS, env);
    expect(JSON.parse(JSON.stringify(map))).toEqual(map);
  });

  it("places each entry in its store, with the store's engine and region", () => {
    const map = listDataMap(DEFAULT_SHOP_SETTINGS, env);
    expect(map.entries.find((entry) => entry.name === "ReviewRequest")?.location).toEqual({
      store: "database",
      system: "Candor database",
      engine: "SQLite (embedded)",
      region: "eu-central-1",
    });
    expect(map.entries.find((entry) => entry.name === "send-review-request")?.location.store).toBe("redis");
    expect(map.locations.redis.engine).toBe("Redis (BullMQ)");
  });

  it("resolves retention windows to the shop's days, with a sentence", () => {
    const settings = { ...DEFAULT_SHOP_SETTINGS, retentionDays: { ...DEFAULT_SHOP_SETTINGS.retentionDays, reviewerDisplayNames: 730 } };
    const map = listDataMap(settings, env);
    expect(field(map, "Review", "displayName")?.retention).toEqual({
      rule: "window",
      category: "reviewerDisplayNames",
      from: "submittedAt",
      days: 730,
      description: "Deleted 730 days after the review was submitted.",
    });
    expect(field(map, "Review", "body")?.retention.rule).toBe("until-uninstall+48h");
    expect(field(map, "Session", "accessToken")?.retention.rule).toBe("until-uninstall");
  });

  it("gives the review request the legal basis of the shop's consent mode", () => {
    const consent = listDataMap({ ...DEFAULT_SHOP_SETTINGS, consentMode: "consent_required" }, env);
    const softOptIn = listDataMap({ ...DEFAULT_SHOP_SETTINGS, consentMode: "soft_opt_in" }, env);
    expect(field(consent, "ReviewRequest", "customerRef")?.legalBasis.id).toBe("consent-marketing");
    expect(field(softOptIn, "ReviewRequest", "customerRef")?.legalBasis.id).toBe("legitimate-interest-review-requests");
    expect(field(softOptIn, "ReviewRequest", "customerRef")?.legalBasis.text).toMatch(/^GDPR Art\. 6\(1\)\(f\)/);
  });

  it("marks the channel the shop does not use", () => {
    const email = listDataMap({ ...DEFAULT_SHOP_SETTINGS, channel: "email" }, env);
    const flow = listDataMap({ ...DEFAULT_SHOP_SETTINGS, channel: "flow" }, env);
    const inUse = (map: typeof email, name: string) => map.entries.find((entry) => entry.name === name)?.inUse;
    expect([inUse(email, "email-provider"), inUse(email, "shopify-flow")]).toEqual([true, false]);
    expect([inUse(flow, "email-provider"), inUse(flow, "shopify-flow")]).toEqual([false, true]);
    expect(field(flow, "shopify-customer", "emailAddress")?.inUse).toBe(false);
    expect(field(flow, "shopify-customer", "marketingState")?.inUse).toBe(true);
  });

  it("rolls each entry's personal-data level up from its fields", () => {
    const map = listDataMap(DEFAULT_SHOP_SETTINGS, env);
    const level = (name: string) => map.entries.find((entry) => entry.name === name)?.personalData;
    expect(level("ShopSettings")).toBe("none");
    expect(level("ReviewRequest")).toBe("pseudonymous");
    expect(level("Review")).toBe("personal");
  });
});
