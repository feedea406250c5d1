import type { DataCategory, FixedRetentionRule, LegalBasisId, StorageSystem } from "~/modules/data-map/data-map-registry";
import type { ConsentMode, RetentionCategory } from "~/modules/settings/shop-settings-schema";

export const PRIVACY_NOTICE_LANGUAGES = ["en", "fr", "de"] as const;
export type PrivacyNoticeLanguage = (typeof PRIVACY_NOTICE_LANGUAGES)[number];

export interface PrivacyNoticeStrings {
  heading: string;
  intro(channel: "email" | "flow"): string;
  whatHeading: string;
  /** What each data category is, in the customer's words; null: not about the customer, left out. */
  categories: Record<DataCategory, string | null>;
  whyHeading: string;
  legalBases: Record<LegalBasisId, string | null>;
  whoHeading: string;
  consent: Record<ConsentMode, string>;
  /** `countries` are already names in this language. */
  countryRule(countries: string[], mode: ConsentMode): string;
  recheck: string;
  whereHeading: string;
  /** `region` is the operator's own wording of where Candor runs. */
  where(system: StorageSystem, region: string): string;
  howLongHeading: string;
  retention: Record<RetentionCategory, string>;
  fixedRules: Record<FixedRetentionRule, string | null>;
  rightsHeading: string;
  unsubscribe(reminders: boolean): string;
  marketingOptOut: string;
  rights(reviewsOnErasure: "delete" | "anonymise"): string;
  /** "5 years", "90 days". */
  period(days: number): string;
}

const yearsOf = (days: number) => (days % 365 === 0 ? days / 365 : null);

function joinList(items: string[], and: string): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${and} ${items.at(-1)}`;
}

export const PRIVACY_NOTICE_STRINGS: Record<PrivacyNoticeLanguage, PrivacyNoticeStrings> = {
  en: {
    heading: "Review requests: how we use your data",
    intro: (channel) =>
      "After your order, we may ask you by email to review the products you bought. We use the review app Candor for this" +
      (channel === "flow" ? ", and send the email with our own email tool" : "") +
      ". This section explains which data is used, why, where it is kept, for how long, and how to stop it.",
    whatHeading: "Which data",
    categories: {
      "shopify-identifier": "the identifiers of your order and of the products you bought",
      "pseudonymous-customer-key":
        "one-way codes (keyed fingerprints) made from your customer number and email address, which find your records without storing who you are",
      "minimised-event": "notices from our shop system about your order, reduced to identifiers",
      "job-payload": "scheduled sending tasks that name the order, the products and the review link",
      "signed-link": "a personal, signed review link",
      "review-content": "the rating, title and text of a review you write",
      "customer-chosen-name": "the name you choose to show with your review",
      "contact-address": "your email address, read just before sending and not stored",
      "customer-preference": "your email marketing choice and your language",
      "customer-location": "the country of your address, read just before sending to apply that country's rules, and not stored",
      "email-content": "the review email itself",
      "consent-record": "a record of your choices: when you agreed to or declined our emails, and which version of this notice applied",
      receipt: null,
      "staff-identity": null,
      credential: null,
      configuration: null,
      operational: "a log of each email sent to you (when, and whether it was delivered)",
    },
    whyHeading: "Why, and on what legal basis",
    legalBases: {
      contract: null,
      "legitimate-interest-operations": "To run the service reliably and securely: our legitimate interest (GDPR Art. 6(1)(f)).",
      "legitimate-interest-review-requests":
        "To ask buyers about what they bought: our legitimate interest (GDPR Art. 6(1)(f)); you can object at any time.",
      "legitimate-interest-moderation": "To check reviews before and after they are published: our legitimate interest (GDPR Art. 6(1)(f)).",
      "consent-marketing": "To ask you for a review: your consent to our marketing emails (GDPR Art. 6(1)(a)), which you can withdraw at any time.",
      "consent-review": "To publish your review: your choice to submit it for publication (GDPR Art. 6(1)(a)).",
      "legal-obligation-objection": "To make sure you are not asked again after you opt out or ask for erasure: a legal obligation (GDPR Art. 6(1)(c)).",
      "legal-obligation-accountability": "To answer your data requests on time and prove it: a legal obligation (GDPR Art. 6(1)(c)).",
      "legal-obligation-consent-proof": "To be able to show what you agreed to or withdrew, and when: a legal obligation (GDPR Art. 6(1)(c), Art. 7(1)).",
      "legal-obligation-storage-limitation": null,
      "not-processed": null,
    },
    whoHeading: "Who we ask",
    consent: {
      consent_required: "We only ask customers who have agreed to receive our marketing emails.",
      soft_opt_in: "We ask customers who have bought from us, unless they have unsubscribed from our emails.",
    },
    countryRule: (countries, mode) =>
      `For customers in these countries — ${joinList(countries, "and")} — ${
        mode === "consent_required"
          ? "we only ask those who have agreed to receive our marketing emails."
          : "we ask those who have bought from us, unless they have unsubscribed."
      }`,
    recheck: "We check your choice again just before each email is sent, so a withdrawal takes effect at once.",
    whereHeading: "Where it is kept",
    where: (system, region) =>
      ({
        database: `In Candor's database, in this region: ${region}.`,
        redis: `In Candor's sending queue, in this region: ${region}, only until the email is sent.`,
        smtp: "With our email delivery provider, which sends the email on our behalf under a data processing agreement.",
        shopify: "In Shopify, our shop system, where your customer account and orders are.",
      })[system],
    howLongHeading: "How long",
    retention: {
      reviewRequests: "Review requests (which order and products we asked about, and when)",
      sendLog: "The log of emails sent",
      reviewerDisplayNames: "The name shown with your review",
      consentLedger: "The record of your choices",
      auditLog: "The audit log",
      webhookDedupeKeys: "Notices from our shop system",
      dataRequestReceipts: "The record of your data requests",
    },
    fixedRules: {
      "until-uninstall": null,
      "until-uninstall+48h": "Your published review: as long as we use the review app, unless you ask us to erase it",
      "relayed+7d": "Sending tasks: 7 days after they were scheduled",
      "while-job-pending": "Queued emails: until they are sent",
      "processor-terms": "Our email provider's delivery records: as its data processing agreement sets",
      "not-stored": "Your email address, language, marketing choice and country: never stored",
      "finished+90d": null,
      "with-review-request": "The products asked about and the log of each email: together with their review request",
    },
    rightsHeading: "How to stop it, and your rights",
    unsubscribe: (reminders) =>
      `Every review email contains an unsubscribe link: one click stops all further review requests${reminders ? " and reminders" : ""}.`,
    marketingOptOut: "Unsubscribing from our marketing emails stops review requests too.",
    rights: (reviewsOnErasure) =>
      "To see the data we hold about you, get a copy of it, or have it erased, contact us. " +
      (reviewsOnErasure === "delete"
        ? "Your reviews are then deleted."
        : "Your reviews then stay published without your name and without any link to you or your order."),
    period: (days) => {
      const years = yearsOf(days);
      if (years !== null) return years === 1 ? "1 year" : `${years} years`;
      return days === 1 ? "1 day" : `${days} days`;
    },
  },
  fr: {
    heading: "Demandes d'avis : comment nous utilisons vos données",
    intro: (channel) =>
      "Après votre commande, nous pouvons vous demander par e-mail votre avis sur les produits achetés. Nous utilisons pour cela l'application d'avis Candor" +
      (channel === "flow" ? ", et envoyons l'e-mail avec notre propre outil d'envoi" : "") +
      ". Cette section explique quelles données sont utilisées, pourquoi, où elles sont conservées, combien de temps, et comment y mettre fin.",
    whatHeading: "Quelles données",
    categories: {
      "shopify-identifier": "les identifiants de votre commande et des produits achetés",
      "pseudonymous-customer-key":
        "des codes à sens unique (empreintes à clé) calculés à partir de votre numéro de client et de votre adresse e-mail, qui retrouvent vos données sans enregistrer qui vous êtes",
      "minimised-event": "les notifications de notre système de boutique sur votre commande, réduites à des identifiants",
      "job-payload": "des tâches d'envoi programmées qui indiquent la commande, les produits et le lien d'avis",
      "signed-link": "un lien d'avis personnel et signé",
      "review-content": "la note, le titre et le texte de l'avis que vous rédigez",
      "customer-chosen-name": "le nom que vous choisissez d'afficher avec votre avis",
      "contact-address": "votre adresse e-mail, lue juste avant l'envoi et non enregistrée",
      "customer-preference": "votre choix concernant nos e-mails marketing et votre langue",
      "customer-location": "le pays de votre adresse, lu juste avant l'envoi pour appliquer les règles de ce pays, et non enregistré",
      "email-content": "l'e-mail de demande d'avis lui-même",
      "consent-record": "un registre de vos choix : quand vous avez accepté ou refusé nos e-mails, et quelle version de cette information s'appliquait",
      receipt: null,
      "staff-identity": null,
      credential: null,
      configuration: null,
      operational: "un journal de chaque e-mail envoyé (quand, et s'il a été remis)",
    },
    whyHeading: "Pourquoi, et sur quelle base juridique",
    legalBases: {
      contract: null,
      "legitimate-interest-operations": "Pour faire fonctionner le service de façon fiable et sûre : notre intérêt légitime (RGPD art. 6, par. 1, f).",
      "legitimate-interest-review-requests":
        "Pour demander aux acheteurs leur avis sur leurs achats : notre intérêt légitime (RGPD art. 6, par. 1, f) ; vous pouvez vous y opposer à tout moment.",
      "legitimate-interest-moderation": "Pour vérifier les avis avant et après leur publication : notre intérêt légitime (RGPD art. 6, par. 1, f).",
      "consent-marketing":
        "Pour vous demander votre avis : votre consentement à nos e-mails marketing (RGPD art. 6, par. 1, a), que vous pouvez retirer à tout moment.",
      "consent-review": "Pour publier votre avis : votre choix de le soumettre pour publication (RGPD art. 6, par. 1, a).",
      "legal-obligation-objection":
        "Pour ne plus vous solliciter après une désinscription ou une demande d'effacement : une obligation légale (RGPD art. 6, par. 1, c).",
      "legal-obligation-accountability": "Pour répondre à temps à vos demandes concernant vos données, et le prouver : une obligation légale (RGPD art. 6, par. 1, c).",
      "legal-obligation-consent-proof":
        "Pour pouvoir montrer ce que vous avez accepté ou retiré, et quand : une obligation légale (RGPD art. 6, par. 1, c, et art. 7, par. 1).",
      "legal-obligation-storage-limitation": null,
      "not-processed": null,
    },
    whoHeading: "Qui nous sollicitons",
    consent: {
      consent_required: "Nous ne sollicitons que les clients qui ont accepté de recevoir nos e-mails marketing.",
      soft_opt_in: "Nous sollicitons les clients qui ont acheté chez nous, sauf s'ils se sont désabonnés de nos e-mails.",
    },
    countryRule: (countries, mode) =>
      `Pour les clients résidant dans les pays suivants : ${joinList(countries, "et")}, ${
        mode === "consent_required"
          ? "nous ne sollicitons que ceux qui ont accepté de recevoir nos e-mails marketing."
          : "nous sollicitons ceux qui ont acheté chez nous, sauf s'ils se sont désabonnés."
      }`,
    recheck: "Nous vérifions à nouveau votre choix juste avant chaque envoi : un retrait prend donc effet immédiatement.",
    whereHeading: "Où elles sont conservées",
    where: (system, region) =>
      ({
        database: `Dans la base de données de Candor, dans cette région : ${region}.`,
        redis: `Dans la file d'envoi de Candor, dans cette région : ${region}, uniquement jusqu'à l'envoi de l'e-mail.`,
        smtp: "Chez notre prestataire d'envoi d'e-mails, qui envoie l'e-mail pour notre compte dans le cadre d'un contrat de sous-traitance.",
        shopify: "Chez Shopify, notre système de boutique, où se trouvent votre compte client et vos commandes.",
      })[system],
    howLongHeading: "Combien de temps",
    retention: {
      reviewRequests: "Les demandes d'avis (quelle commande et quels produits, et quand)",
      sendLog: "Le journal des e-mails envoyés",
      reviewerDisplayNames: "Le nom affiché avec votre avis",
      consentLedger: "Le registre de vos choix",
      auditLog: "Le journal d'audit",
      webhookDedupeKeys: "Les notifications de notre système de boutique",
      dataRequestReceipts: "Le registre de vos demandes concernant vos données",
    },
    fixedRules: {
      "until-uninstall": null,
      "until-uninstall+48h": "Votre avis publié : tant que nous utilisons l'application d'avis, sauf si vous demandez son effacement",
      "relayed+7d": "Les tâches d'envoi : 7 jours après leur programmation",
      "while-job-pending": "Les e-mails en attente : jusqu'à leur envoi",
      "processor-terms": "Les traces d'envoi de notre prestataire d'e-mails : selon son contrat de sous-traitance",
      "not-stored": "Votre adresse e-mail, votre langue, votre choix marketing et votre pays : jamais enregistrés",
      "finished+90d": null,
      "with-review-request": "Les produits concernés et le journal de chaque e-mail : en même temps que leur demande d'avis",
    },
    rightsHeading: "Comment y mettre fin, et vos droits",
    unsubscribe: (reminders) =>
      `Chaque e-mail de demande d'avis contient un lien de désinscription : un clic suffit pour ne plus recevoir de demandes${reminders ? " ni de relances" : ""}.`,
    marketingOptOut: "Vous désabonner de nos e-mails marketing met aussi fin aux demandes d'avis.",
    rights: (reviewsOnErasure) =>
      "Pour consulter les données que nous détenons sur vous, en obtenir une copie ou les faire effacer, contactez-nous. " +
      (reviewsOnErasure === "delete"
        ? "Vos avis sont alors supprimés."
        : "Vos avis restent alors publiés, sans votre nom et sans aucun lien avec vous ou votre commande."),
    period: (days) => {
      const years = yearsOf(days);
      if (years !== null) return years === 1 ? "1 an" : `${years} ans`;
      return days === 1 ? "1 jour" : `${days} jours`;
    },
  },
  de: {
    heading: "Bewertungsanfragen: wie wir Ihre Daten verwenden",
    intro: (channel) =>
      "Nach Ihrer Bestellung bitten wir Sie eventuell per E-Mail, die gekauften Produkte zu bewerten. Dafür nutzen wir die Bewertungs-App Candor" +
      (channel === "flow" ? " und versenden die E-Mail mit unserem eigenen E-Mail-Werkzeug" : "") +
      ". Dieser Abschnitt erklärt, welche Daten dabei verwendet werden, warum, wo sie gespeichert werden, wie lange und wie Sie dem ein Ende setzen.",
    whatHeading: "Welche Daten",
    categories: {
      "shopify-identifier": "die Kennungen Ihrer Bestellung und der gekauften Produkte",
      "pseudonymous-customer-key":
        "Einweg-Codes (verschlüsselte Fingerabdrücke) aus Ihrer Kundennummer und E-Mail-Adresse, mit denen wir Ihre Daten finden, ohne zu speichern, wer Sie sind",
      "minimised-event": "Benachrichtigungen unseres Shopsystems zu Ihrer Bestellung, auf Kennungen reduziert",
      "job-payload": "geplante Versandaufträge mit Bestellung, Produkten und Bewertungslink",
      "signed-link": "ein persönlicher, signierter Bewertungslink",
      "review-content": "Sterne, Titel und Text einer Bewertung, die Sie schreiben",
      "customer-chosen-name": "der Name, den Sie zu Ihrer Bewertung anzeigen lassen",
      "contact-address": "Ihre E-Mail-Adresse, unmittelbar vor dem Versand abgerufen und nicht gespeichert",
      "customer-preference": "Ihre Entscheidung zu unseren Marketing-E-Mails und Ihre Sprache",
      "customer-location": "das Land Ihrer Adresse, unmittelbar vor dem Versand abgerufen, um die Regeln dieses Landes anzuwenden, und nicht gespeichert",
      "email-content": "die Bewertungs-E-Mail selbst",
      "consent-record": "ein Nachweis Ihrer Entscheidungen: wann Sie unseren E-Mails zugestimmt oder widersprochen haben und welche Fassung dieses Hinweises galt",
      receipt: null,
      "staff-identity": null,
      credential: null,
      configuration: null,
      operational: "ein Protokoll jeder an Sie gesendeten E-Mail (wann, und ob sie zugestellt wurde)",
    },
    whyHeading: "Warum, und auf welcher Rechtsgrundlage",
    legalBases: {
      contract: null,
      "legitimate-interest-operations": "Um den Dienst zuverlässig und sicher zu betreiben: unser berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO).",
      "legitimate-interest-review-requests":
        "Um Käuferinnen und Käufer nach ihrer Meinung zum Gekauften zu fragen: unser berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO); Sie können jederzeit widersprechen.",
      "legitimate-interest-moderation": "Um Bewertungen vor und nach der Veröffentlichung zu prüfen: unser berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO).",
      "consent-marketing":
        "Um Sie um eine Bewertung zu bitten: Ihre Einwilligung in unsere Marketing-E-Mails (Art. 6 Abs. 1 lit. a DSGVO), die Sie jederzeit widerrufen können.",
      "consent-review": "Um Ihre Bewertung zu veröffentlichen: Ihre Entscheidung, sie zur Veröffentlichung abzusenden (Art. 6 Abs. 1 lit. a DSGVO).",
      "legal-obligation-objection":
        "Damit Sie nach einer Abmeldung oder einem Löschantrag nicht erneut gefragt werden: eine rechtliche Verpflichtung (Art. 6 Abs. 1 lit. c DSGVO).",
      "legal-obligation-accountability":
        "Um Ihre Anfragen zu Ihren Daten fristgerecht zu beantworten und dies nachzuweisen: eine rechtliche Verpflichtung (Art. 6 Abs. 1 lit. c DSGVO).",
      "legal-obligation-consent-proof":
        "Um nachweisen zu können, wozu Sie wann eingewilligt oder was Sie widerrufen haben: eine rechtliche Verpflichtung (Art. 6 Abs. 1 lit. c, Art. 7 Abs. 1 DSGVO).",
      "legal-obligation-storage-limitation": null,
      "not-processed": null,
    },
    whoHeading: "Wen wir fragen",
    consent: {
      consent_required: "Wir fragen nur Kundinnen und Kunden, die dem Erhalt unserer Marketing-E-Mails zugestimmt haben.",
      soft_opt_in: "Wir fragen Kundinnen und Kunden, die bei uns gekauft haben, sofern sie sich nicht von unseren E-Mails abgemeldet haben.",
    },
    countryRule: (countries, mode) =>
      `Für Kundinnen und Kunden in folgenden Ländern – ${joinList(countries, "und")} – gilt: ${
        mode === "consent_required"
          ? "Wir fragen nur diejenigen, die dem Erhalt unserer Marketing-E-Mails zugestimmt haben."
          : "Wir fragen diejenigen, die bei uns gekauft haben, sofern sie sich nicht abgemeldet haben."
      }`,
    recheck: "Wir prüfen Ihre Entscheidung unmittelbar vor jedem Versand erneut; ein Widerruf wirkt daher sofort.",
    whereHeading: "Wo sie gespeichert werden",
    where: (system, region) =>
      ({
        database: `In der Datenbank von Candor, in dieser Region: ${region}.`,
        redis: `In der Versandwarteschlange von Candor, in dieser Region: ${region}, nur bis die E-Mail versendet ist.`,
        smtp: "Bei unserem E-Mail-Versanddienstleister, der die E-Mail in unserem Auftrag versendet (Auftragsverarbeitungsvertrag).",
        shopify: "Bei Shopify, unserem Shopsystem, wo Ihr Kundenkonto und Ihre Bestellungen liegen.",
      })[system],
    howLongHeading: "Wie lange",
    retention: {
      reviewRequests: "Bewertungsanfragen (zu welcher Bestellung und welchen Produkten, und wann)",
      sendLog: "Das Protokoll der gesendeten E-Mails",
      reviewerDisplayNames: "Der zu Ihrer Bewertung angezeigte Name",
      consentLedger: "Der Nachweis Ihrer Entscheidungen",
      auditLog: "Das Prüfprotokoll",
      webhookDedupeKeys: "Benachrichtigungen unseres Shopsystems",
      dataRequestReceipts: "Der Nachweis Ihrer Anfragen zu Ihren Daten",
    },
    fixedRules: {
      "until-uninstall": null,
      "until-uninstall+48h": "Ihre veröffentlichte Bewertung: solange wir die Bewertungs-App nutzen, sofern Sie nicht die Löschung verlangen",
      "relayed+7d": "Versandaufträge: 7 Tage nach ihrer Planung",
      "while-job-pending": "Wartende E-Mails: bis sie versendet sind",
      "processor-terms": "Die Versandprotokolle unseres E-Mail-Dienstleisters: gemäß dessen Auftragsverarbeitungsvertrag",
      "not-stored": "Ihre E-Mail-Adresse, Sprache, Marketing-Entscheidung und Ihr Land: nie gespeichert",
      "finished+90d": null,
      "with-review-request": "Die angefragten Produkte und das Protokoll jeder E-Mail: zusammen mit ihrer Bewertungsanfrage",
    },
    rightsHeading: "Wie Sie dem ein Ende setzen, und Ihre Rechte",
    unsubscribe: (reminders) =>
      `Jede Bewertungs-E-Mail enthält einen Abmeldelink: Ein Klick beendet alle weiteren Bewertungsanfragen${reminders ? " und Erinnerungen" : ""}.`,
    marketingOptOut: "Wenn Sie sich von unseren Marketing-E-Mails abmelden, enden auch die Bewertungsanfragen.",
    rights: (reviewsOnErasure) =>
      "Um die Daten, die wir über Sie speichern, einzusehen, eine Kopie zu erhalten oder sie löschen zu lassen, kontaktieren Sie uns. " +
      (reviewsOnErasure === "delete"
        ? "Ihre Bewertungen werden dann gelöscht."
        : "Ihre Bewertungen bleiben dann ohne Ihren Namen und ohne Verbindung zu Ihnen oder Ihrer Bestellung veröffentlicht."),
    period: (days) => {
      const years = yearsOf(days);
      if (years !== null) return years === 1 ? "1 Jahr" : `${years} Jahre`;
      return days === 1 ? "1 Tag" : `${days} Tage`;
    },
  },
};
