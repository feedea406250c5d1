import { describe, expect, it } from "vitest";

import { settingsPatchFromForm } from "./settings-form";
import { DEFAULT_SHOP_SETTINGS, shopSettingsSchema } from "./shop-settings-schema";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const complete = {
  trigger: "delivered",
  delayDays: "3",
  deliveryFallbackDays: "21",
  reminderDays: "",
  channel: "flow",
  consentMode: "soft_opt_in",
  grouping: "per_product",
  maxProductsPerEmail: "4",
  excludedProductIds: "gid://shopify/Product/1, gid://shopify/Product/2",
  excludedProductTags: "sample\nfree gift",
  skipPointOfSaleOrders: "on",
  maxRequestsPerCustomerPer30Days: "2",
  "retentionDays.sendLog": "30",
};

describe("settingsPatchFromForm", () => {
  it("converts the form into settings the schema accepts", () => {
    const patch = settingsPatchFromForm(form(complete));
    const settings = shopSettingsSchema.parse({ ...DEFAULT_SHOP_SETTINGS, ...patch, retentionDays: { ...DEFAULT_SHOP_SETTINGS.retentionDays, ...(patch.retentionDays as object) } });
    expect(settings).toMatchObject({
      trigger: "delivered",
      delayDays: 3,
      reminderDays: null,
      channel: "flow",
      excludedProductIds: ["gid://shopify/Product/1", "gid://shopify/Product/2"],
      excludedProductTags: ["sample", "free gift"],
      skipPointOfSaleOrders: true,
      retentionDays: { sendLog: 30, auditLog: DEFAULT_SHOP_SETTINGS.retentionDays.auditLog },
    });
  });

  it("leaves bad values for the schema to name", () => {
    const patch = settingsPatchFromForm(form({ ...complete, delayDays: "soon", skipPointOfSaleOrders: "" }));
    expect(patch.delayDays).toBeNaN();
    expect(patch.skipPointOfSaleOrders).toBe(false);
    expect(shopSettingsSchema.safeParse({ ...DEFAULT_SHOP_SETTINGS, ...patch, retentionDays: DEFAULT_SHOP_SETTINGS.retentionDays }).success).toBe(false);
  });
});
