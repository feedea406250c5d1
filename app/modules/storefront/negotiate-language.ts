export type StorefrontLanguage = "en" | "fr" | "de";
export const STOREFRONT_LANGUAGES: readonly StorefrontLanguage[] = ["en", "fr", "de"];

/**
 * The language of a customer-facing page: an explicit choice (`lang` in the link) first, then
 * the best of en/fr/de the browser asks for (by q-value, then order); English otherwise.
 */
export function negotiateLanguage(acceptLanguage: string | null, explicit?: string | null): StorefrontLanguage {
  const chosen = STOREFRONT_LANGUAGES.find((candidate) => candidate === explicit?.toLowerCase().split("-")[0]);
  if (chosen) return chosen;
  const ranked = (acceptLanguage ?? "")
    .slice(0, 512)
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";").map((piece) => piece.trim());
      const q = params.find((param) => param.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { primary: tag.toLowerCase().split("-")[0], quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const entry of ranked) {
    const language = STOREFRONT_LANGUAGES.find((candidate) => candidate === entry.primary);
    if (language) return language;
  }
  return "en";
}
