import type { StorefrontLanguage } from "~/modules/storefront/negotiate-language";

import { REVIEW_LIMITS } from "./review-submission-schema";

export interface ReviewFormStrings {
  title: (product: string) => string;
  genericProduct: string;
  chooseTitle: string;
  chooseIntro: string;
  ratingLegend: string;
  star: (count: number) => string;
  reviewTitle: string;
  reviewTitleHint: string;
  body: string;
  bodyHint: string;
  displayName: string;
  displayNameHint: string;
  publicNote: string;
  submit: string;
  errorSummary: string;
  /** The document title of a form returned with errors. */
  errorTitle: (title: string) => string;
  errors: Record<"rating" | "body_short" | "body_long" | "display_name" | "title_long", string>;
  thanksTitle: string;
  thanksPending: string;
  thanksPublished: string;
  nextProduct: string;
  pages: Record<"invalid" | "expired" | "notFound" | "used" | "unsigned" | "unavailable", { title: string; body: string }>;
}

const { titleMax, bodyMin, bodyMax, displayNameMax } = REVIEW_LIMITS;

// French uses a no-break space before ; : ? ! as French typography asks.
export const REVIEW_FORM_STRINGS: Record<StorefrontLanguage, ReviewFormStrings> = {
  en: {
    title: (product) => `Review ${product}`,
    genericProduct: "your purchase",
    chooseTitle: "Which product would you like to review?",
    chooseIntro: "Your order had several products. You can review each of them.",
    ratingLegend: "Your rating",
    star: (count) => (count === 1 ? "1 star" : `${count} stars`),
    reviewTitle: "Title (optional)",
    reviewTitleHint: `Up to ${titleMax} characters.`,
    body: "Your review",
    bodyHint: `Between ${bodyMin} and ${bodyMax} characters. What did you like, and what could be better?`,
    displayName: "Name to show with your review",
    displayNameHint: `Up to ${displayNameMax} characters, for example your first name and an initial.`,
    publicNote:
      "Your rating, title, review and the name you choose here may be shown publicly on the shop's website, marked as a verified purchase. Your email address and order details are never shown.",
    submit: "Send review",
    errorSummary: "Please check these fields",
    errorTitle: (title) => `Error: ${title}`,
    errors: {
      rating: "Choose a rating from 1 to 5 stars.",
      body_short: `Write at least ${bodyMin} characters.`,
      body_long: `Keep your review under ${bodyMax} characters.`,
      display_name: `Enter a name to show, up to ${displayNameMax} characters.`,
      title_long: `Keep the title under ${titleMax} characters.`,
    },
    thanksTitle: "Thank you for your review",
    thanksPending: "The shop will check it before it appears on the website.",
    thanksPublished: "It now appears on the shop's website.",
    nextProduct: "Review another product from this order",
    pages: {
      invalid: { title: "This link is not valid", body: "Please open the review link from your email exactly as it appears there." },
      expired: { title: "This link has expired", body: "The time to review this order has passed. Thank you for shopping with us." },
      notFound: { title: "Nothing to review here", body: "This review request no longer exists." },
      used: { title: "Already reviewed", body: "You have already reviewed this product. Thank you!" },
      unsigned: { title: "Please open this page from the shop", body: "Use the review link in your email; it opens this page on the shop's website." },
      unavailable: { title: "Something went wrong", body: "Your review was not saved. Please try again in a few minutes." },
    },
  },
  fr: {
    title: (product) => `Donner votre avis sur ${product}`,
    genericProduct: "votre achat",
    chooseTitle: "Quel produit souhaitez-vous évaluer ?",
    chooseIntro: "Votre commande comprenait plusieurs produits. Vous pouvez donner votre avis sur chacun d’eux.",
    ratingLegend: "Votre note",
    star: (count) => (count === 1 ? "1 étoile" : `${count} étoiles`),
    reviewTitle: "Titre (facultatif)",
    reviewTitleHint: `${titleMax} caractères au maximum.`,
    body: "Votre avis",
    bodyHint: `Entre ${bodyMin} et ${bodyMax} caractères. Qu’avez-vous apprécié, et que pourrait-on améliorer ?`,
    displayName: "Nom affiché avec votre avis",
    displayNameHint: `${displayNameMax} caractères au maximum, par exemple votre prénom et une initiale.`,
    publicNote:
      "Votre note, votre titre, votre avis et le nom choisi ici peuvent être publiés sur le site de la boutique, avec la mention « achat vérifié ». Votre adresse e-mail et les détails de votre commande ne sont jamais affichés.",
    submit: "Envoyer mon avis",
    errorSummary: "Veuillez vérifier ces champs",
    errorTitle: (title) => `Erreur\u00a0: ${title}`,
    errors: {
      rating: "Choisissez une note de 1 à 5 étoiles.",
      body_short: `Écrivez au moins ${bodyMin} caractères.`,
      body_long: `Votre avis doit faire moins de ${bodyMax} caractères.`,
      display_name: `Indiquez un nom à afficher, ${displayNameMax} caractères au maximum.`,
      title_long: `Le titre doit faire moins de ${titleMax} caractères.`,
    },
    thanksTitle: "Merci pour votre avis",
    thanksPending: "La boutique le vérifiera avant sa publication sur le site.",
    thanksPublished: "Il est maintenant publié sur le site de la boutique.",
    nextProduct: "Donner votre avis sur un autre produit de cette commande",
    pages: {
      invalid: { title: "Ce lien n’est pas valide", body: "Veuillez ouvrir le lien de votre e-mail tel qu’il y figure." },
      expired: { title: "Ce lien a expiré", body: "Le délai pour donner votre avis sur cette commande est dépassé. Merci de votre achat." },
      notFound: { title: "Rien à évaluer ici", body: "Cette demande d’avis n’existe plus." },
      used: { title: "Avis déjà envoyé", body: "Vous avez déjà donné votre avis sur ce produit. Merci !" },
      unsigned: { title: "Veuillez ouvrir cette page depuis la boutique", body: "Utilisez le lien de votre e-mail ; il ouvre cette page sur le site de la boutique." },
      unavailable: { title: "Une erreur est survenue", body: "Votre avis n’a pas été enregistré. Veuillez réessayer dans quelques minutes." },
    },
  },
  de: {
    title: (product) => `${product} bewerten`,
    genericProduct: "Ihren Einkauf",
    chooseTitle: "Welches Produkt möchten Sie bewerten?",
    chooseIntro: "Ihre Bestellung enthielt mehrere Produkte. Sie können jedes davon bewerten.",
    ratingLegend: "Ihre Bewertung",
    star: (count) => (count === 1 ? "1 Stern" : `${count} Sterne`),
    reviewTitle: "Titel (optional)",
    reviewTitleHint: `Höchstens ${titleMax} Zeichen.`,
    body: "Ihr Erfahrungsbericht",
    bodyHint: `Zwischen ${bodyMin} und ${bodyMax} Zeichen. Was hat Ihnen gefallen, was könnte besser sein?`,
    displayName: "Angezeigter Name",
    displayNameHint: `Höchstens ${displayNameMax} Zeichen, zum Beispiel Ihr Vorname und eine Initiale.`,
    publicNote:
      "Ihre Sterne, Ihr Titel, Ihr Text und der hier gewählte Name können auf der Website des Shops als „verifizierter Kauf“ veröffentlicht werden. Ihre E-Mail-Adresse und Ihre Bestelldaten werden nie angezeigt.",
    submit: "Bewertung senden",
    errorSummary: "Bitte prüfen Sie diese Felder",
    errorTitle: (title) => `Fehler: ${title}`,
    errors: {
      rating: "Wählen Sie 1 bis 5 Sterne.",
      body_short: `Schreiben Sie mindestens ${bodyMin} Zeichen.`,
      body_long: `Ihr Text darf höchstens ${bodyMax} Zeichen lang sein.`,
      display_name: `Geben Sie einen Namen an, höchstens ${displayNameMax} Zeichen.`,
      title_long: `Der Titel darf höchstens ${titleMax} Zeichen lang sein.`,
    },
    thanksTitle: "Vielen Dank für Ihre Bewertung",
    thanksPending: "Der Shop prüft sie, bevor sie auf der Website erscheint.",
    thanksPublished: "Sie erscheint jetzt auf der Website des Shops.",
    nextProduct: "Ein weiteres Produkt dieser Bestellung bewerten",
    pages: {
      invalid: { title: "Dieser Link ist ungültig", body: "Bitte öffnen Sie den Link aus Ihrer E-Mail genau so, wie er dort steht." },
      expired: { title: "Dieser Link ist abgelaufen", body: "Die Frist für eine Bewertung dieser Bestellung ist vorbei. Vielen Dank für Ihren Einkauf." },
      notFound: { title: "Hier gibt es nichts zu bewerten", body: "Diese Bewertungsanfrage existiert nicht mehr." },
      used: { title: "Bereits bewertet", body: "Sie haben dieses Produkt bereits bewertet. Vielen Dank!" },
      unsigned: { title: "Bitte öffnen Sie diese Seite über den Shop", body: "Verwenden Sie den Link aus Ihrer E-Mail; er öffnet diese Seite auf der Website des Shops." },
      unavailable: { title: "Etwas ist schiefgelaufen", body: "Ihre Bewertung wurde nicht gespeichert. Bitte versuchen Sie es in einigen Minuten erneut." },
    },
  },
};
