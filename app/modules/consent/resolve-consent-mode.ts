import type { ConsentMode, ShopSettings } from "~/modules/settings/shop-settings-schema";

/**
 * The consent mode for one customer: the shop's override for their country, else the shop's
 * mode. The country is the one Shopify gave moments ago; without one, the shop's mode applies.
 */
export function resolveConsentMode(settings: Pick<ShopSettings, "consentMode" | "consentModeByCountry">, countryCode: string | null): ConsentMode {
  if (!countryCode) return settings.consentMode;
  return settings.consentModeByCountry[countryCode.toUpperCase()] ?? settings.consentMode;
}
