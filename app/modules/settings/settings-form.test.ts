import { describe, expect, it } from "vitest";

import { settingsPatchFromForm } from "./settings-form";
import { DEFAULT_SHOP_SETTINGS, shopSettingsPatchSchema, shopSettingsSchema } from "./shop-settings-schema";

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
  reviewLinkValidDays: "60",
  "retentionDays.sendLog": "30",
  "emailCopy.en.subject": "",
  "emailCopy.en.intro": "",
  "emailCopy.fr.subject": "  Votre avis compte pour {shop_name}  ",
  "emailCopy.fr.intro": "Merci !\r\nDites-nous tout.",
  "emailCopy.de.subject": "   ",
  "emailCopy.de.intro": "Danke für Ihren Einkauf.",
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
      reviewLinkValidDays: 60,
      retentionDays: { sendLog: 30, auditLog: DEFAULT_SHOP_SETTINGS.retentionDays.auditLog },
    });
  });

  it("leaves bad values for the schema to name", () => {
    const patch = settingsPatchFromForm(form({ ...complete, delayDays: "soon", skipPointOfSaleOrders: "" }));
    expect(patch.delayDays).toBeNaN();
    expect(patch.skipPointOfSaleOrders).toBe(false);
    expect(shopSettingsSchema.safeParse({ ...DEFAULT_SHOP_SETTINGS, ...patch, retentionDays: DEFAULT_SHOP_SETTINGS.retentionDays }).success).toBe(false);
  });

  it("sends the email copy as one subject and intro per language, empty fields as the built-in wording", () => {
    const patch = settingsPatchFromForm(form(complete));
    expect(patch.emailCopy).toEqual({
      en: { subject: null, intro: null },
      fr: { subject: "Votre avis compte pour {shop_name}", intro: "Merci !\nDites-nous tout." },
      de: { subject: null, intro: "Danke für Ihren Einkauf." },
    });
    expect(shopSettingsPatchSchema.parse(patch).emailCopy).toEqual(patch.emailCopy);
  });

  it("leaves the email copy alone when the form does not carry it", () => {
    const withoutCopy = Object.fromEntries(Object.entries(complete).filter(([name]) => !name.startsWith("emailCopy.")));
    expect(settingsPatchFromForm(form(withoutCopy))).not.toHaveProperty("emailCopy");
    expect(settingsPatchFromForm(form({ ...withoutCopy, "emailCopy.de.intro": "Hallo" })).emailCopy).toEqual({ de: { intro: "Hallo" } });
  });

  it("reads the auto-publish rating, empty as holding every review, and leaves it alone when the form does not carry it", () => {
    expect(settingsPatchFromForm(form({ ...complete, autoPublishMinRating: "4" })).autoPublishMinRating).toBe(4);
    expect(settingsPatchFromForm(form({ ...complete, autoPublishMinRating: "" })).autoPublishMinRating).toBeNull();
    expect(settingsPatchFromForm(form(complete))).not.toHaveProperty("autoPublishMinRating");
    const settings = shopSettingsSchema.parse({
      ...DEFAULT_SHOP_SETTINGS,
      ...settingsPatchFromForm(form({ ...complete, autoPublishMinRating: "5" })),
      retentionDays: DEFAULT_SHOP_SETTINGS.retentionDays,
    });
    expect(settings.autoPublishMinRating).toBe(5);
    const refused = shopSettingsPatchSchema.safeParse(settingsPatchFromForm(form({ ...complete, autoPublishMinRating: "6" })));
    expect(refused.error?.issues.map((issue) => issue.path.join("."))).toEqual(["autoPublishMinRating"]);
  });

  it("reads the countries with their own consent mode, the safe mode winning for a country in both lists", () => {
    const patch = settingsPatchFromForm(
      form({ ...complete, "consentModeByCountry.consent_required": "de, AT\nch", "consentModeByCountry.soft_opt_in": "US, ch" }),
    );
    expect(patch.consentModeByCountry).toEqual({ DE: "consent_required", AT: "consent_required", CH: "consent_required", US: "soft_opt_in" });
    expect(shopSettingsPatchSchema.safeParse(patch).success).toBe(true);
    const cleared = settingsPatchFromForm(form({ ...complete, "consentModeByCountry.consent_required": "", "consentModeByCountry.soft_opt_in": "" }));
    expect(cleared.consentModeByCountry).toEqual({});
    expect(settingsPatchFromForm(form(complete))).not.toHaveProperty("consentModeByCountry");
    const unknown = shopSettingsPatchSchema.safeParse(settingsPatchFromForm(form({ ...complete, "consentModeByCountry.consent_required": "Germany" })));
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]?.path.join(".")).toMatch(/^consentModeByCountry/);
  });

  it("names a bad nested value by the form field's own name", () => {
    const patch = settingsPatchFromForm(form({ ...complete, "emailCopy.fr.subject": "x".repeat(201), reviewLinkValidDays: "" }));
    expect(patch.reviewLinkValidDays).toBeNaN();
    const result = shopSettingsPatchSchema.safeParse(patch);
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join(".")) ?? [];
    expect(paths).toEqual(expect.arrayContaining(["emailCopy.fr.subject", "reviewLinkValidDays"]));
    expect(paths.every((path) => path in complete)).toBe(true);
  });

  it("reads what happens on erasure: the review choice, and the checkbox as a boolean", () => {
    const form = new FormData();
    form.set("reviewsOnErasure", "anonymise");
    expect(settingsPatchFromForm(form)).toMatchObject({ reviewsOnErasure: "anonymise", askAgainAfterErasure: false });
    form.set("askAgainAfterErasure", "on");
    expect(settingsPatchFromForm(form)).toMatchObject({ askAgainAfterErasure: true });
    expect(settingsPatchFromForm(new FormData())).not.toHaveProperty("askAgainAfterErasure");
  });
});
