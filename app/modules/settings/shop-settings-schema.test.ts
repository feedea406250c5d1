import { describe, expect, it } from "vitest";

import { DEFAULT_SHOP_SETTINGS, RETENTION_WINDOWS, shopSettingsPatchSchema, shopSettingsSchema } from "./shop-settings-schema";

describe("shop settings schema", () => {
  it("accepts the defaults, which are the safe choices", () => {
    expect(shopSettingsSchema.parse(DEFAULT_SHOP_SETTINGS)).toEqual(DEFAULT_SHOP_SETTINGS);
    expect(DEFAULT_SHOP_SETTINGS.consentMode).toBe("consent_required");
    expect(DEFAULT_SHOP_SETTINGS.reminderDays).toBeNull();
  });

  it("keeps every default retention window inside its own bounds", () => {
    for (const [category, window] of Object.entries(RETENTION_WINDOWS)) {
      expect(window.default, category).toBeGreaterThanOrEqual(window.min);
      expect(window.default, category).toBeLessThanOrEqual(window.max);
    }
  });

  it.each([
    [{ delayDays: 61 }, "delayDays"],
    [{ delayDays: -1 }, "delayDays"],
    [{ delayDays: 2.5 }, "delayDays"],
    [{ reminderDays: 0 }, "reminderDays"],
    [{ trigger: "shipped" }, "trigger"],
    [{ channel: "sms" }, "channel"],
    [{ consentMode: "opt_out" }, "consentMode"],
    [{ excludedProductIds: ["12345"] }, "excludedProductIds.0"],
    [{ retentionDays: { webhookDedupeKeys: 90 } }, "retentionDays.webhookDedupeKeys"],
    [{ retentionDays: { auditLog: 30 } }, "retentionDays.auditLog"],
  ])("refuses %j naming %s", (patch, field) => {
    const result = shopSettingsPatchSchema.safeParse(patch);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(field);
  });

  it("takes a consent mode per country: ISO 3166-1 alpha-2 codes only, a known mode, a bounded number of them", () => {
    expect(shopSettingsPatchSchema.safeParse({ consentModeByCountry: { DE: "consent_required", US: "soft_opt_in" } }).success).toBe(true);
    expect(DEFAULT_SHOP_SETTINGS.consentModeByCountry).toEqual({});
    const pathsOf = (patch: unknown) => shopSettingsPatchSchema.safeParse(patch).error?.issues.map((issue) => issue.path.join(".")) ?? [];
    for (const code of ["de", "DEU", "EU", "XX", ""]) {
      expect(pathsOf({ consentModeByCountry: { [code]: "consent_required" } }).some((path) => path.startsWith("consentModeByCountry")), code).toBe(true);
    }
    expect(pathsOf({ consentModeByCountry: { DE: "opt_out" } })).toContain("consentModeByCountry.DE");
    const codes = ["AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK", "US", "CA", "AU", "NZ", "JP", "KR", "SG", "HK", "TW", "IN", "BR", "MX", "AR", "CL", "CO", "PE", "ZA", "NG", "KE", "EG", "MA", "TR", "IL", "AE", "SA", "QA", "KW", "BH", "OM"];
    expect(codes.length).toBe(61);
    const tooMany = Object.fromEntries(codes.map((code) => [code, "consent_required"]));
    expect(pathsOf({ consentModeByCountry: tooMany })).toContain("consentModeByCountry");
    expect(shopSettingsPatchSchema.safeParse({ consentModeByCountry: Object.fromEntries(codes.slice(1).map((code) => [code, "soft_opt_in"])) }).success).toBe(true);
  });

  it("refuses unknown keys, top-level and inside retentionDays", () => {
    expect(shopSettingsPatchSchema.safeParse({ delayDayz: 3 }).success).toBe(false);
    expect(shopSettingsPatchSchema.safeParse({ retentionDays: { forever: 1 } }).success).toBe(false);
  });

  it("accepts a partial update, retention one category at a time, and null to turn reminders off", () => {
    expect(shopSettingsPatchSchema.parse({ reminderDays: null, retentionDays: { sendLog: 30 } })).toEqual({
      reminderDays: null,
      retentionDays: { sendLog: 30 },
    });
  });
});
