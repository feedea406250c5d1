import { getEnv } from "~/modules/config/get-env.server";
import { listDataMap } from "~/modules/data-map/list-data-map";
import { getShopSettings } from "~/modules/settings/get-shop-settings.server";

import { composePrivacyNotice } from "./compose-privacy-notice";
import { computeNoticeVersion } from "./compute-notice-version";
import { PRIVACY_NOTICE_LANGUAGES, type PrivacyNoticeLanguage } from "./privacy-notice-strings";

export interface PrivacyNotice {
  /** Changes whenever the text changes in any language; consent ledger entries record it. */
  version: string;
  texts: Record<PrivacyNoticeLanguage, string>;
}

/** The shop's privacy-notice section in every language, from its current settings and data map. */
export async function getPrivacyNotice(shopId: string): Promise<PrivacyNotice> {
  const settings = await getShopSettings(shopId);
  const map = listDataMap(settings, getEnv());
  const texts = Object.fromEntries(PRIVACY_NOTICE_LANGUAGES.map((language) => [language, composePrivacyNotice(settings, map, language)])) as Record<
    PrivacyNoticeLanguage,
    string
  >;
  return { version: computeNoticeVersion(PRIVACY_NOTICE_LANGUAGES.map((language) => texts[language])), texts };
}
