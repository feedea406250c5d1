import { EMAIL_STRINGS } from "./email-strings";
import { resolveEmailLanguage, type EmailLanguage } from "./resolve-email-language";

export interface EmailCopyOverride {
  subject: string | null;
  intro: string | null;
}

export interface ReviewEmailProduct {
  title: string;
  imageUrl: string | null;
  imageAlt: string | null;
  productUrl: string | null;
}

export interface RenderReviewRequestEmailInput {
  kind: "request" | "reminder";
  /** The customer's locale as Shopify reports it (order.customerLocale or customer.locale), may be null. */
  locale: string | null;
  shopName: string;
  /** 1 to 10 products, in the order they are shown and numbered in the review link. */
  products: ReviewEmailProduct[];
  /** The review page; each product's button gets `?product=<1-based index>` added to it. */
  reviewLink: string;
  /** The unsubscribe confirmation page. */
  unsubscribeLink: string;
  /**
   * Merchant overrides per language; null fields fall back to the built-in wording.
   * Placeholder {shop_name} is replaced by the shop name in both.
   */
  copy: Record<EmailLanguage, EmailCopyOverride>;
}

export interface RenderedEmail {
  language: EmailLanguage;
  subject: string;
  html: string;
  text: string;
}

const MAX_PRODUCTS = 10;
const MAX_SUBJECT_CHARS = 200;
const IMAGE_SIZE = 80;

const FONT = "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const TEXT_COLOUR = "#1f2937";
const MUTED_COLOUR = "#4b5563";
const LINK_COLOUR = "#1d4ed8";
const PAGE_BACKGROUND = "#f4f4f5";

/**
 * Renders the review-request email (HTML and plain text) in the customer's language. Pure: it
 * takes no customer name or address and reaches nothing outside its input.
 *
 * Every merchant- or Shopify-supplied value is treated as untrusted text: it is escaped in the
 * HTML, the subject is forced onto one line, and only http(s) URLs become links or images.
 *
 * A merchant's subject and intro replace the built-in wording for both kinds, the first request
 * and the reminder alike: the merchant writes one subject and one intro per language. Only the
 * built-in wording tells the two kinds apart (the heading always does).
 */
export function renderReviewRequestEmail(input: RenderReviewRequestEmailInput): RenderedEmail {
  if (input.products.length < 1 || input.products.length > MAX_PRODUCTS) {
    throw new RangeError(`a review email shows 1 to ${MAX_PRODUCTS} products, got ${input.products.length}`);
  }
  const reviewLink = requireHttpUrl(input.reviewLink, "reviewLink");
  const unsubscribeLink = requireHttpUrl(input.unsubscribeLink, "unsubscribeLink");

  const language = resolveEmailLanguage(input.locale);
  const strings = EMAIL_STRINGS[language];
  const override = input.copy[language] as EmailCopyOverride | undefined;
  const shopName = singleLine(input.shopName);
  const fill = (template: string) => template.split("{shop_name}").join(shopName);
  const reminder = input.kind === "reminder";

  const builtInSubject = reminder ? strings.reminderSubject : strings.requestSubject;
  const subject = toSubject(fill(override?.subject ?? "")) || toSubject(fill(builtInSubject));
  const heading = reminder ? strings.reminderHeading : strings.requestHeading;
  const intro = multiline(fill(override?.intro ?? "")) || fill(reminder ? strings.reminderIntro : strings.requestIntro);

  const products = input.products.map((product, index) => {
    const title = singleLine(product.title);
    return {
      title,
      alt: singleLine(product.imageAlt ?? "") || title,
      imageUrl: safeHttpUrl(product.imageUrl),
      productUrl: safeHttpUrl(product.productUrl),
      reviewUrl: withProductIndex(reviewLink, index + 1),
    };
  });

  const texts = {
    heading,
    intro,
    shopName,
    footer: fill(strings.footer),
  };

  const html = renderHtml({ language, subject, strings, texts, products, reviewLink, unsubscribeLink });
  const text = renderText({ strings, texts, products, reviewLink, unsubscribeLink });
  return { language, subject, html, text };
}

interface RenderedProduct {
  title: string;
  alt: string;
  imageUrl: string | null;
  productUrl: string | null;
  reviewUrl: string;
}

interface RenderParts {
  strings: (typeof EMAIL_STRINGS)[EmailLanguage];
  texts: { heading: string; intro: string; shopName: string; footer: string };
  products: RenderedProduct[];
  reviewLink: string;
  unsubscribeLink: string;
}

function renderHtml(parts: RenderParts & { language: EmailLanguage; subject: string }): string {
  const { strings, texts } = parts;
  const paragraph = (content: string, margin = "0 0 16px", extra = "") =>
    `<p style="margin:${margin};font-family:${FONT};font-size:16px;line-height:1.5;color:${TEXT_COLOUR};${extra}">${content}</p>`;
  const introHtml = texts.intro
    .split(/\n{2,}/)
    .map((block) => paragraph(block.split("\n").map(escapeHtml).join("<br>")))
    .join("\n");

  const productRows = parts.products.map((product) => {
    const image = product.imageUrl
      ? `<td width="${IMAGE_SIZE}" valign="top" style="width:${IMAGE_SIZE}px;padding:0 16px 0 0;">` +
        `<img src="${escapeHtml(product.imageUrl)}" alt="${escapeHtml(product.alt)}" width="${IMAGE_SIZE}" height="${IMAGE_SIZE}" ` +
        `style="display:block;width:${IMAGE_SIZE}px;height:${IMAGE_SIZE}px;object-fit:cover;border:0;border-radius:4px;"></td>`
      : "";
    const title = product.productUrl
      ? `<a href="${escapeHtml(product.productUrl)}" style="color:${LINK_COLOUR};text-decoration:underline;">${escapeHtml(product.title)}</a>`
      : escapeHtml(product.title);
    return `<tr><td style="padding:0 24px 16px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>${image}
<td valign="top">${paragraph(title, "0 0 8px", "font-weight:600;")}
${button(product.reviewUrl, strings.productButton, "secondary")}</td>
</tr></table>
</td></tr>`;
  });

  const small = (content: string) =>
    `<p style="margin:0 0 12px;font-family:${FONT};font-size:14px;line-height:1.5;color:${MUTED_COLOUR};">${content}</p>`;

  return `<!DOCTYPE html>
<html lang="${parts.language}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light">
<title>${escapeHtml(parts.subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:${PAGE_BACKGROUND};">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:${PAGE_BACKGROUND};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;border-radius:8px;">
<tr><td style="padding:32px 24px 8px;">
<h1 style="margin:0 0 16px;font-family:${FONT};font-size:24px;line-height:1.3;color:${TEXT_COLOUR};">${escapeHtml(texts.heading)}</h1>
${paragraph(escapeHtml(strings.greeting))}
${introHtml}
<h2 style="margin:8px 0 16px;font-family:${FONT};font-size:18px;line-height:1.3;color:${TEXT_COLOUR};">${escapeHtml(strings.productsHeading)}</h2>
</td></tr>
${productRows.join("\n")}
<tr><td style="padding:8px 24px 24px;">
${button(parts.reviewLink, strings.callToAction, "primary")}
</td></tr>
<tr><td style="padding:0 24px 24px;">
${paragraph(`${escapeHtml(strings.signOff)}<br>${escapeHtml(texts.shopName)}`, "0")}
</td></tr>
<tr><td style="padding:24px;border-top:1px solid #e5e7eb;">
${small(escapeHtml(texts.footer))}
${small(`<strong>${escapeHtml(strings.privacyHeading)}</strong><br>${escapeHtml(strings.privacy)}`)}
${small(
  `${escapeHtml(strings.unsubscribePrompt)} <a href="${escapeHtml(parts.unsubscribeLink)}" style="color:${LINK_COLOUR};text-decoration:underline;">${escapeHtml(strings.unsubscribe)}</a>`,
)}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

/** A link styled as a button: dark on white or white on dark, both well above 4.5:1 contrast. */
function button(href: string, label: string, variant: "primary" | "secondary"): string {
  const background = variant === "primary" ? TEXT_COLOUR : "#ffffff";
  const colour = variant === "primary" ? "#ffffff" : TEXT_COLOUR;
  const size = variant === "primary" ? "16px" : "14px";
  const padding = variant === "primary" ? "12px 24px" : "8px 16px";
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>` +
    `<td style="border-radius:6px;background-color:${background};border:2px solid ${TEXT_COLOUR};">` +
    `<a href="${escapeHtml(href)}" style="display:inline-block;padding:${padding};font-family:${FONT};font-size:${size};` +
    `font-weight:600;line-height:1.2;color:${colour};text-decoration:none;border-radius:6px;">${escapeHtml(label)}</a>` +
    `</td></tr></table>`
  );
}

function renderText(parts: RenderParts): string {
  const { strings, texts } = parts;
  const lines: string[] = [texts.heading, "", strings.greeting, "", texts.intro, "", strings.productsHeading, ""];
  parts.products.forEach((product, index) => {
    lines.push(`${index + 1}. ${product.title}`);
    if (product.productUrl) lines.push(`   ${strings.productPage}`, `   ${product.productUrl}`);
    lines.push(`   ${strings.productButton}`, `   ${product.reviewUrl}`, "");
  });
  lines.push(strings.callToAction, parts.reviewLink, "", strings.signOff, texts.shopName, "", "--", texts.footer, "");
  lines.push(strings.privacyHeading, strings.privacy, "");
  lines.push(`${strings.unsubscribePrompt} ${strings.unsubscribe}`, parts.unsubscribeLink, "");
  return lines.join("\n");
}

function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

// C0 and C1 control characters, DEL, and the Unicode line and paragraph separators.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** One line of text: every control character becomes a space, runs of spaces collapse. */
function singleLine(value: string): string {
  return value.replace(CONTROL_CHARACTERS, " ").replace(/ {2,}/g, " ").trim();
}

/** A subject header: one line, trimmed, at most 200 characters (counted as code points). */
function toSubject(value: string): string {
  return Array.from(singleLine(value)).slice(0, MAX_SUBJECT_CHARS).join("").trim();
}

/** Plain text that keeps its line breaks (as "\n") and drops every other control character. */
function multiline(value: string): string {
  return value
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n")
    .split("\n")
    .map(singleLine)
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function safeHttpUrl(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

function requireHttpUrl(value: string, name: string): string {
  const url = safeHttpUrl(value);
  if (!url) throw new TypeError(`${name} must be an http(s) URL`);
  return url;
}

function withProductIndex(link: string, position: number): string {
  const url = new URL(link);
  url.searchParams.set("product", String(position));
  return url.href;
}
