import { describe, expect, it } from "vitest";

import { listDataMap } from "~/modules/data-map/list-data-map";
import { DEFAULT_SHOP_SETTINGS, RETENTION_WINDOWS, type ShopSettings } from "~/modules/settings/shop-settings-schema";

import { composePrivacyNotice } from "./compose-privacy-notice";
import { computeNoticeVersion } from "./compute-notice-version";
import { PRIVACY_NOTICE_LANGUAGES, type PrivacyNoticeLanguage } from "./privacy-notice-strings";

const ENV = { DATABASE_URL: "postgresql://candor@db.internal/candor", DATA_REGION: "eu-central-1 (Frankfurt)", REDIS_URL: "redis://queue.internal:6379" };

type Changes = Partial<Omit<ShopSettings, "retentionDays">> & { retentionDays?: Partial<ShopSettings["retentionDays"]> };

function compose(changes: Changes = {}, language: PrivacyNoticeLanguage = "en", env = ENV): string {
  const settings: ShopSettings = { ...DEFAULT_SHOP_SETTINGS, ...changes, retentionDays: { ...DEFAULT_SHOP_SETTINGS.retentionDays, ...changes.retentionDays } };
  return composePrivacyNotice(settings, listDataMap(settings, env), language);
}

describe("composePrivacyNotice", () => {
  it("states what, why, who, where, how long and how to stop it, for the default settings", () => {
    const text = compose();
    const sections = text.split("\n\n");
    expect(sections[0]).toBe("Review requests: how we use your data");
    for (const heading of ["Which data", "Why, and on what legal basis", "Who we ask", "Where it is kept", "How long", "How to stop it, and your rights"]) {
      expect(sections).toContain(heading);
    }
    expect(text).toContain("- your email address, read just before sending and not stored");
    expect(text).toContain("- the country of your address, read just before sending to apply that country's rules, and not stored");
    expect(text).toContain("- To ask you for a review: your consent to our marketing emails (GDPR Art. 6(1)(a)), which you can withdraw at any time.");
    expect(text).toContain("We only ask customers who have agreed to receive our marketing emails.");
    expect(text).toContain("- In Candor's database, in this region: eu-central-1 (Frankfurt).");
    expect(text).toContain("- With our email delivery provider");
    expect(text).toContain("- The record of your choices: 5 years");
    expect(text).toContain("- The log of emails sent: 90 days");
    expect(text).toContain("- Your email address, language, marketing choice and country: never stored");
    expect(text).toContain("Every review email contains an unsubscribe link: one click stops all further review requests.");
    expect(text).toContain("Your reviews are then deleted.");
  });

  it("takes its legal bases from the data map, which follows the consent mode", () => {
    const required = compose({ consentMode: "consent_required" });
    const softOptIn = compose({ consentMode: "soft_opt_in" });
    expect(required).toContain("your consent to our marketing emails");
    expect(required).not.toContain("To ask buyers about what they bought: our legitimate interest");
    expect(softOptIn).toContain("To ask buyers about what they bought: our legitimate interest (GDPR Art. 6(1)(f)); you can object at any time.");
    expect(softOptIn).not.toContain("your consent to our marketing emails");
    expect(softOptIn).toContain("We ask customers who have bought from us, unless they have unsubscribed from our emails.");
    // Staff-only and unused legal bases never reach customers.
    expect(required).not.toMatch(/contract|Never filled/);
  });

  it("names the countries with their own consent mode, in the reader's language, and only where the mode differs", () => {
    const changes: Changes = { consentMode: "soft_opt_in", consentModeByCountry: { DE: "consent_required", AT: "consent_required", FR: "soft_opt_in" } };
    expect(compose(changes)).toContain("For customers in these countries — Austria and Germany — we only ask those who have agreed to receive our marketing emails.");
    expect(compose(changes)).not.toContain("France");
    expect(compose(changes, "fr")).toContain("Autriche et Allemagne");
    expect(compose(changes, "de")).toContain("Österreich und Deutschland");
    expect(compose({ consentModeByCountry: { US: "soft_opt_in" } })).toContain(
      "For customers in these countries — United States — we ask those who have bought from us, unless they have unsubscribed.",
    );
  });

  it("leaves out the email provider and the address when the shop sends through Shopify Flow", () => {
    const flow = compose({ channel: "flow" });
    expect(flow).toContain("and send the email with our own email tool");
    expect(flow).not.toContain("email delivery provider");
    expect(flow).not.toContain("your email address, read just before sending");
    expect(compose({ channel: "flow" }, "de")).not.toContain("E-Mail-Versanddienstleister");
  });

  it("gives each retention window in years when whole, otherwise in days", () => {
    expect(compose({ retentionDays: { reviewRequests: 730 } })).toContain("- Review requests (which order and products we asked about, and when): 2 years");
    expect(compose({ retentionDays: { reviewRequests: 400 } }, "fr")).toContain("400 jours");
    expect(compose({ retentionDays: { consentLedger: 365 } }, "de")).toContain("- Der Nachweis Ihrer Entscheidungen: 1 Jahr");
  });

  it("writes every language in full, and every setting it describes changes the text in each", () => {
    const variants: Changes[] = [
      { consentMode: "soft_opt_in" },
      { consentModeByCountry: { US: "soft_opt_in" } },
      { channel: "flow" },
      { reminderDays: 7 },
      { reviewsOnErasure: "anonymise" },
      ...(["reviewRequests", "sendLog", "reviewerDisplayNames", "consentLedger", "webhookDedupeKeys", "dataRequestReceipts"] as const).map(
        (category): Changes => ({ retentionDays: { [category]: RETENTION_WINDOWS[category].min } }),
      ),
    ];
    const texts = new Set<string>();
    for (const language of PRIVACY_NOTICE_LANGUAGES) {
      const plain = compose({}, language);
      expect(plain).not.toMatch(/[{}]|undefined|null|NaN|\[object/);
      expect(plain.split("\n\n")).toHaveLength(14);
      texts.add(plain);
      for (const variant of variants) {
        const changed = compose(variant, language);
        expect(changed, `${language} ${JSON.stringify(variant)}`).not.toBe(plain);
        expect(changed).not.toMatch(/[{}]|undefined|null|NaN|\[object/);
      }
      expect(compose({}, language, { ...ENV, DATA_REGION: "us-east-1" })).not.toBe(plain);
    }
    expect(texts.size).toBe(3);
    expect(compose({}, "fr").split("\n\n")[0]).toBe("Demandes d'avis : comment nous utilisons vos données");
    expect(compose({}, "de").split("\n\n")[0]).toBe("Bewertungsanfragen: wie wir Ihre Daten verwenden");
    expect(compose({ reminderDays: 3 }, "fr")).toContain("ni de relances");
    expect(compose({ reviewsOnErasure: "anonymise" }, "de")).toContain("ohne Ihren Namen");
  });
});

describe("computeNoticeVersion", () => {
  it("is short, stable, and changes with any language's text", () => {
    const texts = PRIVACY_NOTICE_LANGUAGES.map((language) => compose({}, language));
    const version = computeNoticeVersion(texts);
    expect(version).toMatch(/^[0-9a-f]{12}$/);
    expect(computeNoticeVersion(PRIVACY_NOTICE_LANGUAGES.map((language) => compose({}, language)))).toBe(version);
    expect(computeNoticeVersion([texts[0]!, texts[1]!, compose({ reminderDays: 2 }, "de")])).not.toBe(version);
    // The boundary between texts counts: moving text from one language to the next is a change.
    expect(computeNoticeVersion(["ab", "c"])).not.toBe(computeNoticeVersion(["a", "bc"]));
  });
});
