import { countryName } from "~/modules/settings/country-codes";
import type { ShopSettings } from "~/modules/settings/shop-settings-schema";

export const DISCLOSURE_LANGUAGES = ["en", "fr", "de"] as const;
export type DisclosureLanguage = (typeof DISCLOSURE_LANGUAGES)[number];

/** The settings the disclosure describes. */
export type DisclosureSettings = Pick<
  ShopSettings,
  "trigger" | "delayDays" | "reminderDays" | "channel" | "consentMode" | "consentModeByCountry" | "autoPublishMinRating" | "reviewLinkValidDays"
> & { retentionDays: Pick<ShopSettings["retentionDays"], "reviewerDisplayNames"> };

interface DisclosureStrings {
  heading: string;
  /** When the request goes out: `days` 0 means at once. */
  asked(trigger: ShopSettings["trigger"], days: number): string;
  /** Said only when the shop's own email tool (Shopify Flow) sends the message. */
  ownEmailTool: string;
  reminder(days: number | null): string;
  verified(linkDays: number): string;
  consent: Record<ShopSettings["consentMode"], string>;
  /** The rule for customers in the named countries (names already in this language), where it differs. */
  consentIn(countries: string, mode: ShopSettings["consentMode"]): string;
  and: string;
  /** How reviews go live: `minRating` null holds every review for a check. */
  moderation(minRating: number | null): string;
  notSuppressed: string;
  published: string;
  kept(retentionDays: number): string;
}

/** 1,095 days reads as three years; a window that is not whole years stays in days. */
const inYears = (days: number) => (days % 365 === 0 ? days / 365 : null);

const STRINGS: Record<DisclosureLanguage, DisclosureStrings> = {
  en: {
    heading: "How we collect and verify reviews",
    asked: (trigger, days) => {
      const event = trigger === "fulfilled" ? "your order has shipped" : "your order has been delivered";
      if (days === 0) return `We ask for a review by email as soon as ${event}.`;
      return `We ask for a review by email ${days === 1 ? "1 day" : `${days} days`} after ${event}.`;
    },
    ownEmailTool: "The email is sent through our own email service.",
    reminder: (days) =>
      days === null ? "We send no reminders." : `If you do not reply, we send a single reminder ${days === 1 ? "1 day" : `${days} days`} later.`,
    verified: (linkDays) =>
      "Only customers who bought the product are asked: each email contains a personal, signed link that works once for each product " +
      `and expires after ${linkDays} days, so every review comes from a verified purchase.`,
    consent: {
      consent_required: "We only ask customers who have agreed to receive marketing emails from us.",
      soft_opt_in: "We ask customers who have bought from us unless they have unsubscribed, and every email contains a link to stop further requests.",
    },
    consentIn: (countries, mode) =>
      mode === "consent_required"
        ? `In these countries — ${countries} — we only ask customers who have agreed to receive marketing emails from us.`
        : `In these countries — ${countries} — we ask customers who have bought from us unless they have unsubscribed.`,
    and: "and",
    moderation: (minRating) => {
      if (minRating === null) return "We check every review before it is published.";
      if (minRating === 1) return "Reviews are published as soon as they are submitted.";
      const which = minRating === 5 ? "5-star reviews are" : `Reviews with ${minRating} stars or more are`;
      return `${which} published at once; all others are checked before they are published.`;
    },
    notSuppressed:
      "Negative reviews are not suppressed: we publish positive and negative reviews alike, and reject a review only for reasons such as " +
      "offensive content or personal data, never for its rating.",
    published:
      "With each review we publish its star rating, title and text and the name the reviewer chose to show, marked as a verified purchase. " +
      "We never publish the reviewer's email address.",
    kept: (retentionDays) => {
      const years = inYears(retentionDays);
      const period = years === null ? `${retentionDays} days` : years === 1 ? "1 year" : `${years} years`;
      return `The display name is kept for ${period} and then deleted.`;
    },
  },
  fr: {
    heading: "Comment nous recueillons et vérifions les avis",
    asked: (trigger, days) => {
      const event = trigger === "fulfilled" ? "l'expédition de votre commande" : "la livraison de votre commande";
      if (days === 0) return `Nous vous demandons votre avis par e-mail dès ${event}.`;
      return `Nous vous demandons votre avis par e-mail ${days === 1 ? "1 jour" : `${days} jours`} après ${event}.`;
    },
    ownEmailTool: "Cet e-mail est envoyé par notre propre service d'envoi d'e-mails.",
    reminder: (days) =>
      days === null
        ? "Nous n'envoyons pas de relance."
        : `Sans réponse de votre part, nous envoyons une seule relance ${days === 1 ? "1 jour" : `${days} jours`} plus tard.`,
    verified: (linkDays) =>
      "Seuls les clients ayant acheté le produit sont sollicités : chaque e-mail contient un lien personnel et signé, utilisable une seule fois " +
      `par produit et valable ${linkDays} jours ; chaque avis provient donc d'un achat vérifié.`,
    consent: {
      consent_required: "Nous ne sollicitons que les clients qui ont accepté de recevoir nos e-mails marketing.",
      soft_opt_in:
        "Nous sollicitons les clients qui ont acheté chez nous, sauf s'ils se sont désabonnés, et chaque e-mail contient un lien pour ne plus recevoir de demandes.",
    },
    consentIn: (countries, mode) =>
      mode === "consent_required"
        ? `Pour nos clients des pays suivants : ${countries}, nous ne sollicitons que ceux qui ont accepté de recevoir nos e-mails marketing.`
        : `Pour nos clients des pays suivants : ${countries}, nous sollicitons ceux qui ont acheté chez nous, sauf s'ils se sont désabonnés.`,
    and: "et",
    moderation: (minRating) => {
      if (minRating === null) return "Nous vérifions chaque avis avant sa publication.";
      if (minRating === 1) return "Les avis sont publiés dès leur envoi.";
      const which = minRating === 5 ? "Les avis 5 étoiles sont publiés" : `Les avis de ${minRating} étoiles ou plus sont publiés`;
      return `${which} immédiatement ; tous les autres sont vérifiés avant leur publication.`;
    },
    notSuppressed:
      "Les avis négatifs ne sont pas écartés : nous publions les avis positifs comme négatifs, et ne rejetons un avis que pour des raisons " +
      "telles qu'un contenu injurieux ou des données personnelles, jamais en raison de sa note.",
    published:
      "Pour chaque avis, nous publions la note, le titre, le texte et le nom choisi par son auteur, avec la mention « achat vérifié ». " +
      "Nous ne publions jamais l'adresse e-mail de l'auteur.",
    kept: (retentionDays) => {
      const years = inYears(retentionDays);
      const period = years === null ? `${retentionDays} jours` : years === 1 ? "1 an" : `${years} ans`;
      return `Le nom affiché est conservé pendant ${period}, puis supprimé.`;
    },
  },
  de: {
    heading: "Wie wir Bewertungen sammeln und prüfen",
    asked: (trigger, days) => {
      if (days === 0) {
        return `Wir bitten Sie per E-Mail um eine Bewertung, sobald Ihre Bestellung ${trigger === "fulfilled" ? "versandt" : "zugestellt"} wurde.`;
      }
      const event = trigger === "fulfilled" ? "dem Versand Ihrer Bestellung" : "der Zustellung Ihrer Bestellung";
      return `Wir bitten Sie per E-Mail um eine Bewertung, ${days === 1 ? "einen Tag" : `${days} Tage`} nach ${event}.`;
    },
    ownEmailTool: "Diese E-Mail versenden wir über unseren eigenen E-Mail-Dienst.",
    reminder: (days) =>
      days === null
        ? "Wir senden keine Erinnerungen."
        : `Wenn Sie nicht antworten, senden wir ${days === 1 ? "einen Tag" : `${days} Tage`} später eine einzige Erinnerung.`,
    verified: (linkDays) =>
      "Wir fragen nur Kundinnen und Kunden, die das Produkt gekauft haben: Jede E-Mail enthält einen persönlichen, signierten Link, der pro Produkt " +
      `nur einmal verwendet werden kann und nach ${linkDays} Tagen abläuft. Jede Bewertung stammt also aus einem verifizierten Kauf.`,
    consent: {
      consent_required: "Wir fragen nur Kundinnen und Kunden, die dem Erhalt unserer Marketing-E-Mails zugestimmt haben.",
      soft_opt_in:
        "Wir fragen Kundinnen und Kunden, die bei uns gekauft haben, sofern sie sich nicht abgemeldet haben; jede E-Mail enthält einen Link, mit dem sie weitere Anfragen abbestellen können.",
    },
    consentIn: (countries, mode) =>
      mode === "consent_required"
        ? `Für Kundinnen und Kunden in folgenden Ländern – ${countries} – gilt: Wir fragen nur diejenigen, die dem Erhalt unserer Marketing-E-Mails zugestimmt haben.`
        : `Für Kundinnen und Kunden in folgenden Ländern – ${countries} – gilt: Wir fragen diejenigen, die bei uns gekauft haben, sofern sie sich nicht abgemeldet haben.`,
    and: "und",
    moderation: (minRating) => {
      if (minRating === null) return "Wir prüfen jede Bewertung, bevor sie veröffentlicht wird.";
      if (minRating === 1) return "Bewertungen werden sofort nach dem Absenden veröffentlicht.";
      const which = minRating === 5 ? "Bewertungen mit 5 Sternen" : `Bewertungen mit ${minRating} oder mehr Sternen`;
      return `${which} werden sofort veröffentlicht; alle anderen prüfen wir vor der Veröffentlichung.`;
    },
    notSuppressed:
      "Negative Bewertungen werden nicht unterdrückt: Wir veröffentlichen positive wie negative Bewertungen und lehnen eine Bewertung nur aus Gründen " +
      "wie beleidigenden Inhalten oder personenbezogenen Daten ab, nie wegen ihrer Sternezahl.",
    published:
      "Zu jeder Bewertung veröffentlichen wir die Sterne, den Titel, den Text und den Namen, den die verfassende Person gewählt hat, gekennzeichnet als " +
      "verifizierter Kauf. Die E-Mail-Adresse veröffentlichen wir nie.",
    kept: (retentionDays) => {
      const years = inYears(retentionDays);
      const period = years === null ? `${retentionDays} Tage` : years === 1 ? "ein Jahr" : `${years} Jahre`;
      return `Der angezeigte Name wird ${period} lang gespeichert und danach gelöscht.`;
    },
  },
};

/** One sentence per consent mode that some countries use instead of the shop's own. */
function countryRules(settings: DisclosureSettings, language: DisclosureLanguage): string[] {
  const strings = STRINGS[language];
  const byMode = new Map<ShopSettings["consentMode"], string[]>();
  for (const [code, mode] of Object.entries(settings.consentModeByCountry).sort(([a], [b]) => a.localeCompare(b))) {
    if (mode !== settings.consentMode) byMode.set(mode, [...(byMode.get(mode) ?? []), countryName(code, language)]);
  }
  return [...byMode].map(([mode, names]) => {
    const countries = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} ${strings.and} ${names.at(-1)}`;
    return strings.consentIn(countries, mode);
  });
}

/**
 * The storefront text "how reviews are collected and verified", written from the shop's own
 * settings so it always says what Candor actually does: how and when customers are asked,
 * that only buyers can review, the consent rule, how reviews are moderated (and that negative
 * ones are not suppressed), what is published and how long the display name is kept.
 * Plain text, paragraphs separated by a blank line.
 */
export function composeReviewDisclosure(settings: DisclosureSettings, language: DisclosureLanguage): string {
  const strings = STRINGS[language];
  const asking = [
    strings.asked(settings.trigger, settings.delayDays),
    ...(settings.channel === "flow" ? [strings.ownEmailTool] : []),
    strings.reminder(settings.reminderDays),
    strings.consent[settings.consentMode],
    ...countryRules(settings, language),
  ];
  return [
    strings.heading,
    asking.join(" "),
    strings.verified(settings.reviewLinkValidDays),
    [strings.moderation(settings.autoPublishMinRating), strings.notSuppressed].join(" "),
    [strings.published, strings.kept(settings.retentionDays.reviewerDisplayNames)].join(" "),
  ].join("\n\n");
}
