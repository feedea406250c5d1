import { describe, expect, it } from "vitest";

import { DEFAULT_SHOP_SETTINGS } from "~/modules/settings/shop-settings-schema";

import { composeReviewDisclosure, DISCLOSURE_LANGUAGES, type DisclosureSettings } from "./compose-review-disclosure";

const base: DisclosureSettings = DEFAULT_SHOP_SETTINGS;
const compose = (changes: Partial<DisclosureSettings>, language: (typeof DISCLOSURE_LANGUAGES)[number] = "en") =>
  composeReviewDisclosure({ ...base, ...changes }, language);

describe("composeReviewDisclosure", () => {
  it("describes the default settings in plain English", () => {
    expect(compose({})).toBe(
      [
        "How we collect and verify reviews",
        "We ask for a review by email 10 days after your order has shipped. We send no reminders. " +
          "We only ask customers who have agreed to receive marketing emails from us.",
        "Only customers who bought the product are asked: each email contains a personal, signed link that works once for each product " +
          "and expires after 180 days, so every review comes from a verified purchase.",
        "We check every review before it is published. Negative reviews are not suppressed: we publish positive and negative reviews alike, " +
          "and reject a review only for reasons such as offensive content or personal data, never for its rating.",
        "With each review we publish its star rating, title and text and the name the reviewer chose to show, marked as a verified purchase. " +
          "We never publish the reviewer's email address. The display name is kept for 3 years and then deleted.",
      ].join("\n\n"),
    );
  });

  it("follows the trigger and the delay", () => {
    expect(compose({ trigger: "delivered" })).toContain("10 days after your order has been delivered.");
    expect(compose({ delayDays: 0 })).toContain("by email as soon as your order has shipped.");
    expect(compose({ delayDays: 1, trigger: "delivered" })).toContain("1 day after your order has been delivered.");
    expect(compose({ delayDays: 3 }, "fr")).toContain("3 jours après l'expédition de votre commande.");
    expect(compose({ trigger: "delivered", delayDays: 0 }, "fr")).toContain("dès la livraison de votre commande.");
    expect(compose({ delayDays: 1 }, "de")).toContain("einen Tag nach dem Versand Ihrer Bestellung.");
    expect(compose({ trigger: "delivered", delayDays: 0 }, "de")).toContain("sobald Ihre Bestellung zugestellt wurde.");
  });

  it("says when the shop's own email tool sends the message", () => {
    expect(compose({})).not.toContain("our own email service");
    expect(compose({ channel: "flow" })).toContain("The email is sent through our own email service.");
    expect(compose({ channel: "flow" }, "fr")).toContain("notre propre service d'envoi d'e-mails");
    expect(compose({ channel: "flow" }, "de")).toContain("unseren eigenen E-Mail-Dienst");
  });

  it("mentions the reminder only when one is sent", () => {
    expect(compose({ reminderDays: 7 })).toContain("If you do not reply, we send a single reminder 7 days later.");
    expect(compose({ reminderDays: 7 }, "fr")).toContain("une seule relance 7 jours plus tard.");
    expect(compose({ reminderDays: 1 }, "de")).toContain("einen Tag später eine einzige Erinnerung.");
  });

  it("states the consent rule", () => {
    const optOut = compose({ consentMode: "soft_opt_in" });
    expect(optOut).toContain("unless they have unsubscribed, and every email contains a link to stop further requests.");
    expect(optOut).not.toContain("agreed to receive marketing emails");
    expect(compose({ consentMode: "soft_opt_in" }, "fr")).toContain("sauf s'ils se sont désabonnés");
    expect(compose({}, "de")).toContain("dem Erhalt unserer Marketing-E-Mails zugestimmt haben.");
    expect(compose({ consentMode: "soft_opt_in" }, "de")).toContain("sofern sie sich nicht abgemeldet haben");
  });

  it("states the rule of each country with its own consent mode, where it differs from the shop's", () => {
    const overrides = { consentMode: "soft_opt_in" as const, consentModeByCountry: { DE: "consent_required" as const, AT: "consent_required" as const, FR: "soft_opt_in" as const } };
    expect(compose(overrides)).toContain("In these countries — Austria and Germany — we only ask customers who have agreed to receive marketing emails from us.");
    expect(compose(overrides)).not.toContain("France");
    expect(compose(overrides, "fr")).toContain("Autriche et Allemagne, nous ne sollicitons que ceux");
    expect(compose(overrides, "de")).toContain("Österreich und Deutschland – gilt: Wir fragen nur diejenigen");
    expect(compose({ consentModeByCountry: { US: "soft_opt_in" } })).toContain("In these countries — United States — we ask customers who have bought from us unless they have unsubscribed.");
    expect(compose({ consentModeByCountry: { DE: "consent_required" } })).toBe(compose({}));
  });

  it("gives the link's lifetime", () => {
    expect(compose({ reviewLinkValidDays: 30 })).toContain("expires after 30 days");
    expect(compose({ reviewLinkValidDays: 30 }, "fr")).toContain("valable 30 jours");
    expect(compose({ reviewLinkValidDays: 30 }, "de")).toContain("nach 30 Tagen abläuft");
  });

  it("describes auto-publishing, and never lets it read as hiding low ratings", () => {
    expect(compose({ autoPublishMinRating: 4 })).toContain(
      "Reviews with 4 stars or more are published at once; all others are checked before they are published.",
    );
    expect(compose({ autoPublishMinRating: 5 })).toContain("5-star reviews are published at once;");
    expect(compose({ autoPublishMinRating: 1 })).toContain("Reviews are published as soon as they are submitted.");
    expect(compose({ autoPublishMinRating: 4 }, "fr")).toContain("Les avis de 4 étoiles ou plus sont publiés immédiatement");
    expect(compose({ autoPublishMinRating: 5 }, "de")).toContain("Bewertungen mit 5 Sternen werden sofort veröffentlicht");
    for (const language of DISCLOSURE_LANGUAGES) {
      for (const autoPublishMinRating of [null, 1, 3, 5]) {
        const text = compose({ autoPublishMinRating }, language);
        expect(text).toMatch(/Negative reviews are not suppressed|Les avis négatifs ne sont pas écartés|Negative Bewertungen werden nicht unterdrückt/);
      }
    }
  });

  it("gives how long the display name is kept, in years when whole", () => {
    expect(compose({ retentionDays: { reviewerDisplayNames: 365 } })).toContain("kept for 1 year and then deleted.");
    expect(compose({ retentionDays: { reviewerDisplayNames: 90 } })).toContain("kept for 90 days and then deleted.");
    expect(compose({ retentionDays: { reviewerDisplayNames: 730 } }, "fr")).toContain("conservé pendant 2 ans, puis supprimé.");
    expect(compose({ retentionDays: { reviewerDisplayNames: 365 } }, "de")).toContain("ein Jahr lang gespeichert");
    expect(compose({ retentionDays: { reviewerDisplayNames: 100 } }, "de")).toContain("100 Tage lang gespeichert");
  });

  it("writes every language in full, and each setting changes the text in each", () => {
    const variants: Partial<DisclosureSettings>[] = [
      { trigger: "delivered" },
      { delayDays: 4 },
      { reminderDays: 5 },
      { channel: "flow" },
      { consentMode: "soft_opt_in" },
      { consentModeByCountry: { US: "soft_opt_in" } },
      { autoPublishMinRating: 4 },
      { reviewLinkValidDays: 60 },
      { retentionDays: { reviewerDisplayNames: 400 } },
    ];
    const texts = new Set<string>();
    for (const language of DISCLOSURE_LANGUAGES) {
      const plain = compose({}, language);
      expect(plain.split("\n\n")).toHaveLength(5);
      expect(plain).not.toMatch(/[{}]|undefined|null|NaN/);
      texts.add(plain);
      for (const variant of variants) {
        const changed = compose(variant, language);
        expect(changed, `${language} ${JSON.stringify(variant)}`).not.toBe(plain);
        expect(changed).not.toMatch(/[{}]|undefined|null|NaN/);
      }
    }
    expect(texts.size).toBe(3);
    expect(compose({}, "fr").split("\n\n")[0]).toBe("Comment nous recueillons et vérifions les avis");
    expect(compose({}, "de").split("\n\n")[0]).toBe("Wie wir Bewertungen sammeln und prüfen");
  });

  it("never claims to publish the email address", () => {
    expect(compose({})).toContain("We never publish the reviewer's email address.");
    expect(compose({}, "fr")).toContain("Nous ne publions jamais l'adresse e-mail");
    expect(compose({}, "de")).toContain("Die E-Mail-Adresse veröffentlichen wir nie.");
  });
});
