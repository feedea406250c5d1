import { RETENTION_WINDOWS, type RetentionCategory } from "./shop-settings-schema";

/**
 * Turns the settings form's fields (all strings) into the update the settings module
 * validates. Only shapes are converted here — numbers, lists, booleans; bounds and allowed
 * values stay the settings schema's job, so a bad value is reported there, by field.
 */
export function settingsPatchFromForm(form: FormData): Record<string, unknown> {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const number = (name: string) => (text(name) === "" ? Number.NaN : Number(text(name)));
  const list = (name: string) =>
    text(name)
      .split(/[\n,]/)
      .map((entry) => entry.trim())
      .filter(Boolean);

  const retentionDays: Record<string, number> = {};
  for (const category of Object.keys(RETENTION_WINDOWS) as RetentionCategory[]) {
    if (form.has(`retentionDays.${category}`)) retentionDays[category] = number(`retentionDays.${category}`);
  }

  return {
    trigger: text("trigger"),
    delayDays: number("delayDays"),
    deliveryFallbackDays: number("deliveryFallbackDays"),
    reminderDays: text("reminderDays") === "" ? null : number("reminderDays"),
    channel: text("channel"),
    consentMode: text("consentMode"),
    grouping: text("grouping"),
    maxProductsPerEmail: number("maxProductsPerEmail"),
    excludedProductIds: list("excludedProductIds"),
    excludedProductTags: list("excludedProductTags"),
    skipPointOfSaleOrders: form.get("skipPointOfSaleOrders") === "on",
    maxRequestsPerCustomerPer30Days: number("maxRequestsPerCustomerPer30Days"),
    retentionDays,
  };
}
