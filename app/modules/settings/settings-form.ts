import { EMAIL_COPY_LANGUAGES, RETENTION_WINDOWS, type ConsentMode, type RetentionCategory } from "./shop-settings-schema";

/** The form's two lists of countries with their own consent mode, one field per mode. */
export const CONSENT_COUNTRY_FIELDS = {
  consent_required: "consentModeByCountry.consent_required",
  soft_opt_in: "consentModeByCountry.soft_opt_in",
} as const satisfies Record<ConsentMode, string>;

/**
 * Turns the settings form's fields (all strings) into the update the settings module
 * validates. Only shapes are converted here — numbers, lists, booleans, empty text to null;
 * bounds and allowed values stay the settings schema's job, so a bad value is reported there,
 * by field. Field names are the settings' paths (`retentionDays.sendLog`,
 * `emailCopy.fr.subject`), so the schema's error paths point back at the form's fields.
 */
export function settingsPatchFromForm(form: FormData): Record<string, unknown> {
  const text = (name: string) =>
    String(form.get(name) ?? "")
      .replace(/\r\n?/g, "\n")
      .trim();
  const number = (name: string) => (text(name) === "" ? Number.NaN : Number(text(name)));
  const textOrNull = (name: string) => (text(name) === "" ? null : text(name));
  const list = (name: string) =>
    text(name)
      .split(/[\n,]/)
      .map((entry) => entry.trim())
      .filter(Boolean);

  const retentionDays: Record<string, number> = {};
  for (const category of Object.keys(RETENTION_WINDOWS) as RetentionCategory[]) {
    if (form.has(`retentionDays.${category}`)) retentionDays[category] = number(`retentionDays.${category}`);
  }

  // An empty field means the built-in wording (null); a field the form did not post is left as it is.
  const emailCopy: Record<string, Record<string, string | null>> = {};
  for (const language of EMAIL_COPY_LANGUAGES) {
    for (const part of ["subject", "intro"] as const) {
      const name = `emailCopy.${language}.${part}`;
      if (form.has(name)) emailCopy[language] = { ...emailCopy[language], [part]: textOrNull(name) };
    }
  }

  // Two lists of country codes become one map; a country in both lists gets the safe mode.
  let consentModeByCountry: Record<string, ConsentMode> | undefined;
  if (form.has(CONSENT_COUNTRY_FIELDS.consent_required) || form.has(CONSENT_COUNTRY_FIELDS.soft_opt_in)) {
    consentModeByCountry = {};
    for (const mode of ["soft_opt_in", "consent_required"] as const) {
      for (const code of list(CONSENT_COUNTRY_FIELDS[mode])) consentModeByCountry[code.toUpperCase()] = mode;
    }
  }

  return {
    trigger: text("trigger"),
    delayDays: number("delayDays"),
    deliveryFallbackDays: number("deliveryFallbackDays"),
    reminderDays: text("reminderDays") === "" ? null : number("reminderDays"),
    channel: text("channel"),
    consentMode: text("consentMode"),
    ...(consentModeByCountry ? { consentModeByCountry } : {}),
    grouping: text("grouping"),
    maxProductsPerEmail: number("maxProductsPerEmail"),
    excludedProductIds: list("excludedProductIds"),
    excludedProductTags: list("excludedProductTags"),
    skipPointOfSaleOrders: form.get("skipPointOfSaleOrders") === "on",
    ...(form.has("reviewsOnErasure")
      ? { reviewsOnErasure: text("reviewsOnErasure"), askAgainAfterErasure: form.get("askAgainAfterErasure") === "on" }
      : {}),
    maxRequestsPerCustomerPer30Days: number("maxRequestsPerCustomerPer30Days"),
    // Empty: hold every review for moderation. A form without the field leaves it as it is.
    ...(form.has("autoPublishMinRating") ? { autoPublishMinRating: text("autoPublishMinRating") === "" ? null : number("autoPublishMinRating") } : {}),
    reviewLinkValidDays: number("reviewLinkValidDays"),
    retentionDays,
    ...(Object.keys(emailCopy).length > 0 ? { emailCopy } : {}),
  };
}
