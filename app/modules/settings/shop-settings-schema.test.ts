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
