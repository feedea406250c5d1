import type { EmailLanguage } from "./resolve-email-language";

/**
 * The built-in wording of the review-request email. `{shop_name}` is replaced by the shop's
 * name when the email is rendered. French text uses a no-break space before ? ! : as French
 * typography asks.
 */
export interface EmailStrings {
  requestSubject: string;
  requestHeading: string;
  requestIntro: string;
  reminderSubject: string;
  reminderHeading: string;
  reminderIntro: string;
  greeting: string;
  productsHeading: string;
  productButton: string;
  productPage: string;
  callToAction: string;
  signOff: string;
  footer: string;
  privacyHeading: string;
  privacy: string;
  unsubscribePrompt: string;
  unsubscribe: string;
}

export const EMAIL_STRINGS: Readonly<Record<EmailLanguage, EmailStrings>> = {
  en: {
    requestSubject: "How was your order from {shop_name}?",
    requestHeading: "How was your order?",
    requestIntro:
      "Thank you for shopping at {shop_name}. We would love to hear what you think of your purchase. A short review helps other customers choose, and it only takes a minute.",
    reminderSubject: "A quick reminder: how was your order from {shop_name}?",
    reminderHeading: "Do you have a minute?",
    reminderIntro:
      "A few days ago we asked what you thought of your order from {shop_name}. If you have a moment, your review would mean a lot to us and helps other customers too.",
    greeting: "Hello,",
    productsHeading: "Your order",
    productButton: "Review this product",
    productPage: "Product page",
    callToAction: "Write a review",
    signOff: "Thank you,",
    footer: "You get this email because you bought from {shop_name}.",
    privacyHeading: "Why am I receiving this?",
    privacy:
      "Only your order number and the products you bought are used for this request. The review service does not store your email address.",
    unsubscribePrompt: "Don't want to receive review requests?",
    unsubscribe: "Unsubscribe",
  },
  fr: {
    requestSubject: "Votre avis sur votre commande chez {shop_name}",
    requestHeading: "Votre commande vous a-t-elle plu\u00a0?",
    requestIntro:
      "Merci pour votre achat chez {shop_name}. Nous aimerions beaucoup savoir ce que vous en pensez. Un court avis aide les autres clients à faire leur choix et ne prend qu'une minute.",
    reminderSubject: "Petit rappel\u00a0: votre avis sur votre commande chez {shop_name}",
    reminderHeading: "Auriez-vous un instant\u00a0?",
    reminderIntro:
      "Il y a quelques jours, nous vous avons demandé votre avis sur votre commande chez {shop_name}. Si vous avez un moment, votre retour compte beaucoup pour nous et aide aussi les autres clients.",
    greeting: "Bonjour,",
    productsHeading: "Votre commande",
    productButton: "Évaluer ce produit",
    productPage: "Page du produit",
    callToAction: "Écrire un avis",
    signOff: "Merci beaucoup,",
    footer: "Vous recevez cet e-mail parce que vous avez effectué un achat chez {shop_name}.",
    privacyHeading: "Pourquoi est-ce que je reçois cet e-mail\u00a0?",
    privacy:
      "Seuls votre numéro de commande et les produits achetés sont utilisés pour cette demande. Le service d'avis ne conserve pas votre adresse e-mail.",
    unsubscribePrompt: "Vous ne souhaitez plus recevoir de demandes d'avis\u00a0?",
    unsubscribe: "Se désabonner",
  },
  de: {
    requestSubject: "Wie gefällt Ihnen Ihre Bestellung bei {shop_name}?",
    requestHeading: "Wie gefällt Ihnen Ihre Bestellung?",
    requestIntro:
      "Vielen Dank für Ihren Einkauf bei {shop_name}. Wir würden gern erfahren, wie zufrieden Sie sind. Eine kurze Bewertung hilft anderen Kundinnen und Kunden bei der Auswahl und dauert nur eine Minute.",
    reminderSubject: "Kurze Erinnerung: Ihre Bewertung zur Bestellung bei {shop_name}",
    reminderHeading: "Haben Sie einen Moment Zeit?",
    reminderIntro:
      "Vor einigen Tagen haben wir Sie nach Ihrer Meinung zu Ihrer Bestellung bei {shop_name} gefragt. Wenn Sie einen Moment Zeit haben, freuen wir uns sehr über Ihre Bewertung. Sie hilft auch anderen Kundinnen und Kunden.",
    greeting: "Guten Tag,",
    productsHeading: "Ihre Bestellung",
    productButton: "Dieses Produkt bewerten",
    productPage: "Produktseite",
    callToAction: "Bewertung schreiben",
    signOff: "Vielen Dank,",
    footer: "Sie erhalten diese E-Mail, weil Sie bei {shop_name} eingekauft haben.",
    privacyHeading: "Warum erhalte ich diese E-Mail?",
    privacy:
      "Für diese Anfrage werden nur Ihre Bestellnummer und die gekauften Produkte verwendet. Der Bewertungsdienst speichert Ihre E-Mail-Adresse nicht.",
    unsubscribePrompt: "Sie möchten keine Bewertungsanfragen mehr erhalten?",
    unsubscribe: "Abmelden",
  },
};
