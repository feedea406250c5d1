import type { FixedRetentionRule, LegalBasisId, StorageSystem } from "~/modules/data-map/data-map-registry";
import type { DataMap } from "~/modules/data-map/list-data-map";
import { countryName } from "~/modules/settings/country-codes";
import type { ConsentMode, RetentionCategory, ShopSettings } from "~/modules/settings/shop-settings-schema";

import { PRIVACY_NOTICE_STRINGS, type PrivacyNoticeLanguage } from "./privacy-notice-strings";

/** The settings the notice describes beyond what the data map already resolved from them. */
export type PrivacyNoticeSettings = Pick<ShopSettings, "channel" | "consentMode" | "consentModeByCountry" | "reminderDays" | "reviewsOnErasure">;

/** Where the customer-facing data sits, in the order a reader meets it. */
const SYSTEM_ORDER: readonly StorageSystem[] = ["shopify", "database", "redis", "smtp"];

const unique = <T>(values: Iterable<T>) => [...new Set(values)];

/**
 * The facts the notice states, read from the shop's resolved data map: the customer's data in
 * use (personal or pseudonymous fields of stores the shop's channel uses), its categories,
 * legal bases, systems and retention. Nothing here is typed out by hand, so the notice cannot
 * claim less (or more) than the data map.
 */
function customerFacts(map: DataMap) {
  const fields = map.entries.flatMap((entry) =>
    entry.inUse
      ? entry.fields
          .filter((field) => field.inUse && field.personalData !== "none" && field.legalBasis.id !== "not-processed")
          .map((field) => ({ entry, field }))
      : [],
  );
  const windows = new Map<RetentionCategory, number>();
  for (const { field } of fields) {
    if (field.retention.rule === "window" && field.retention.category && field.retention.days !== null) {
      windows.set(field.retention.category, field.retention.days);
    }
  }
  return {
    categories: unique(fields.map(({ field }) => field.category)),
    legalBases: unique(fields.map(({ field }) => field.legalBasis.id)) as LegalBasisId[],
    systems: SYSTEM_ORDER.filter((system) => fields.some(({ entry }) => entry.location.store === system)),
    windows,
    fixedRules: unique(fields.flatMap(({ field }) => (field.retention.rule === "window" ? [] : [field.retention.rule]))) as FixedRetentionRule[],
  };
}

const bullets = (lines: Array<string | null>) =>
  lines
    .filter((line): line is string => line !== null)
    .map((line) => `- ${line}`)
    .join("\n");

/**
 * The privacy-notice section a merchant pastes into the shop's privacy policy, written from the
 * shop's settings and its data map: what is processed, why and on which legal basis, who is
 * asked (consent mode and per-country rules), where the data is, how long it is kept, and how
 * to opt out. Plain text: headings and paragraphs separated by blank lines, lists as "- ".
 */
export function composePrivacyNotice(settings: PrivacyNoticeSettings, map: DataMap, language: PrivacyNoticeLanguage): string {
  const strings = PRIVACY_NOTICE_STRINGS[language];
  const facts = customerFacts(map);

  const overrides = new Map<ConsentMode, string[]>();
  for (const [code, mode] of Object.entries(settings.consentModeByCountry).sort(([a], [b]) => a.localeCompare(b))) {
    if (mode === settings.consentMode) continue;
    overrides.set(mode, [...(overrides.get(mode) ?? []), countryName(code, language)]);
  }
  const who = [
    strings.consent[settings.consentMode],
    ...[...overrides].map(([mode, countries]) => strings.countryRule(countries, mode)),
    strings.recheck,
  ].join(" ");

  const howLong = [
    ...[...facts.windows].map(([category, days]) => `${strings.retention[category]}: ${strings.period(days)}`),
    ...facts.fixedRules.map((rule) => strings.fixedRules[rule]),
  ];

  return [
    strings.heading,
    strings.intro(settings.channel),
    strings.whatHeading,
    bullets(facts.categories.map((category) => strings.categories[category])),
    strings.whyHeading,
    bullets(facts.legalBases.map((basis) => strings.legalBases[basis])),
    strings.whoHeading,
    who,
    strings.whereHeading,
    bullets(facts.systems.map((system) => strings.where(system, map.locations[system].region))),
    strings.howLongHeading,
    bullets(howLong),
    strings.rightsHeading,
    [strings.unsubscribe(settings.reminderDays !== null), strings.marketingOptOut, strings.rights(settings.reviewsOnErasure)].join(" "),
  ].join("\n\n");
}
