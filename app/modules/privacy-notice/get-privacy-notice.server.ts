import { getEnv } from "~/modules/config/get-env.server";
import { listDataMap } from "~/modules/data-map/list-data-map";
import { getShopSettings } from "~/modules/settings/get-shop-settings.server";

import { composePrivacyNotice } from "./compose-privacy-notice";
import { computeNoticeVersion } from "./compute-notice-version";
import { PRIVACY_NOTICE_LANGUAGES, type PrivacyNoticeLanguage } from "./privacy-notice-strings";

export interface PrivacyNotice {
  /** Changes whenever the text changes in any language; consent ledger entries record it. */
  version: string;
  /** The languages asked for (all three by default). */
  texts: Partial<Record<PrivacyNoticeLanguage, string>>;
}

/**
 * The shop's privacy-notice section, from its current settings and data map. The version
 * covers all three languages, whichever are returned.
 */
export async function getPrivacyNotice(shopId: string, languages: readonly PrivacyNoticeLanguage[] = PRIVACY_NOTICE_LANGUAGES): Promise<PrivacyNotice> {
  const settings = await getShopSettings(shopId);
  const map = listDataMap(settings, getEnv());
  const all = PRIVACY_NOTICE_LANGUAGES.map((language) => [language, composePrivacyNotice(settings, map, language)] as const);
  return {
    version: computeNoticeVersion(all.map(([, text]) => text)),
    texts: Object.fromEntries(all.filter(([language]) => languages.includes(language))),
  };
}
