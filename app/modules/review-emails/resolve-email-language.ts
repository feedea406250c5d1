export type EmailLanguage = "en" | "fr" | "de";

/** The languages the review emails are written in, in the order the settings show them. */
export const EMAIL_LANGUAGES: readonly EmailLanguage[] = ["en", "fr", "de"];

/**
 * Picks the email language from a locale as Shopify reports it ("fr", "fr-CA", "de_DE", "DE").
 * Only the primary language subtag counts; a missing or unsupported locale gets the fallback.
 */
export function resolveEmailLanguage(locale: string | null | undefined, fallback: EmailLanguage = "en"): EmailLanguage {
  if (!locale) return fallback;
  const primary = locale.trim().toLowerCase().split(/[-_]/)[0];
  return EMAIL_LANGUAGES.find((language) => language === primary) ?? fallback;
}
