import { describe, expect, it } from "vitest";

import { EMAIL_STRINGS } from "./email-strings";
import { renderReviewRequestEmail, type RenderReviewRequestEmailInput } from "./render-review-request-email";
import { EMAIL_LANGUAGES } from "./resolve-email-language";

const SCRIPT = "<script>alert(1)</script>";
const ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;";

function input(overrides: Partial<RenderReviewRequestEmailInput> = {}): RenderReviewRequestEmailInput {
  return {
    kind: "request",
    locale: "en",
    shopName: "Maple & Co",
    products: [
      {
        title: "Blue mug",
        imageUrl: "https://cdn.example.com/mug.jpg",
        imageAlt: "A blue ceramic mug",
        productUrl: "https://maple.example.com/products/blue-mug",
      },
      { title: "Tea towel", imageUrl: null, imageAlt: null, productUrl: null },
    ],
    reviewLink: "https://reviews.example.com/r/tok123",
    unsubscribeLink: "https://reviews.example.com/u/tok456",
    copy: {
      en: { subject: null, intro: null },
      fr: { subject: null, intro: null },
      de: { subject: null, intro: null },
    },
    ...overrides,
  };
}

describe("renderReviewRequestEmail", () => {
  it("writes each language in its own words", () => {
    const en = renderReviewRequestEmail(input({ locale: "en-US" }));
    expect(en.language).toBe("en");
    expect(en.subject).toBe("How was your order from Maple & Co?");
    expect(en.html).toContain("Write a review");
    expect(en.html).toContain('<html lang="en"');

    const fr = renderReviewRequestEmail(input({ locale: "fr-CA" }));
    expect(fr.language).toBe("fr");
    expect(fr.subject).toContain("avis");
    expect(fr.html).toContain("Écrire un avis");
    expect(fr.html).toContain("Se désabonner");
    expect(fr.text).toContain("Évaluer ce produit");
    expect(fr.html).toContain('<html lang="fr"');

    const de = renderReviewRequestEmail(input({ locale: "de-DE" }));
    expect(de.language).toBe("de");
    expect(de.subject).toContain("Bestellung");
    expect(de.html).toContain("Bewertung schreiben");
    expect(de.text).toContain("Abmelden");
    expect(de.html).toContain('<html lang="de"');
  });

  it("falls back to English for an unsupported or missing locale", () => {
    expect(renderReviewRequestEmail(input({ locale: "pt-BR" })).language).toBe("en");
    expect(renderReviewRequestEmail(input({ locale: null })).language).toBe("en");
  });

  it("has complete wording in every language, each with the shop name in subject and footer", () => {
    for (const language of EMAIL_LANGUAGES) {
      for (const [key, value] of Object.entries(EMAIL_STRINGS[language])) {
        expect(value.trim(), `${language}.${key}`).not.toBe("");
      }
      for (const key of ["requestSubject", "reminderSubject", "footer"] as const) {
        expect(EMAIL_STRINGS[language][key], `${language}.${key}`).toContain("{shop_name}");
      }
    }
  });

  it("uses the merchant's subject and intro for the customer's language, filling in {shop_name}", () => {
    const copy = {
      ...input().copy,
      fr: { subject: "Merci de votre confiance, {shop_name} !", intro: "Bonjour de {shop_name}.\nÀ très vite." },
    };
    const fr = renderReviewRequestEmail(input({ locale: "fr", copy }));
    expect(fr.subject).toBe("Merci de votre confiance, Maple & Co !");
    expect(fr.html).toContain("Bonjour de Maple &amp; Co.<br>À très vite.");
    expect(fr.text).toContain("Bonjour de Maple & Co.\nÀ très vite.");
    expect(fr.html).not.toContain(EMAIL_STRINGS.fr.requestIntro.slice(0, 20));

    const en = renderReviewRequestEmail(input({ locale: "en", copy }));
    expect(en.subject).toBe("How was your order from Maple & Co?");
  });

  it("falls back to the built-in wording when an override is blank", () => {
    const copy = { ...input().copy, en: { subject: " \r\n ", intro: "   " } };
    const email = renderReviewRequestEmail(input({ copy }));
    expect(email.subject).toBe("How was your order from Maple & Co?");
    expect(email.text).toContain("Thank you for shopping at Maple & Co.");
  });

  it("applies the merchant's override to reminders too, while the built-in reminder wording differs", () => {
    const request = renderReviewRequestEmail(input({ kind: "request" }));
    const reminder = renderReviewRequestEmail(input({ kind: "reminder" }));
    expect(reminder.subject).not.toBe(request.subject);
    expect(reminder.subject).toContain("reminder");
    expect(reminder.html).toContain("A few days ago");
    expect(request.html).not.toContain("A few days ago");

    const copy = { ...input().copy, en: { subject: "Your thoughts, please", intro: null } };
    expect(renderReviewRequestEmail(input({ kind: "reminder", copy })).subject).toBe("Your thoughts, please");
  });

  it("escapes a script tag in the shop name, a product title, alt text and the merchant intro", () => {
    const email = renderReviewRequestEmail(
      input({
        shopName: SCRIPT,
        products: [
          { title: SCRIPT, imageUrl: "https://cdn.example.com/a.jpg", imageAlt: `"><img src=x onerror=alert(1)>`, productUrl: null },
        ],
        copy: { ...input().copy, en: { subject: null, intro: `${SCRIPT}\n<b>bold</b>` } },
      }),
    );
    expect(email.html).not.toContain("<script");
    expect(email.html).not.toContain("<b>");
    expect(email.html).not.toContain("<img src=x");
    expect(email.html).toContain(ESCAPED_SCRIPT);
    expect(email.html).toContain('alt="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    // The intro, the product title, and the shop name in the title, sign-off and footer.
    expect(email.html.split(ESCAPED_SCRIPT).length - 1).toBeGreaterThanOrEqual(5);
  });

  it("keeps a subject override on one line, whatever line breaks or control characters it holds", () => {
    const copy = { ...input().copy, en: { subject: "Hi\r\nBcc: victim@example.com\u0000\u2028x", intro: null } };
    const email = renderReviewRequestEmail(input({ copy, shopName: "Shop\r\nX-Evil: 1" }));
    expect(email.subject).toBe("Hi Bcc: victim@example.com x");
    expect(email.subject).not.toMatch(/[\r\n\u0000-\u001f\u2028\u2029]/);

    const fromShopName = renderReviewRequestEmail(input({ shopName: "Shop\r\nX-Evil: 1" }));
    expect(fromShopName.subject).toBe("How was your order from Shop X-Evil: 1?");
  });

  it("caps the subject at 200 characters", () => {
    const copy = { ...input().copy, en: { subject: `  ${"a".repeat(500)}`, intro: null } };
    expect(renderReviewRequestEmail(input({ copy })).subject).toBe("a".repeat(200));
  });

  it("drops a javascript: or data: product link and image, keeping the product itself", () => {
    const email = renderReviewRequestEmail(
      input({
        products: [
          {
            title: "Candle",
            imageUrl: "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
            imageAlt: null,
            productUrl: "javascript:alert(1)",
          },
          { title: "Soap", imageUrl: "javascript:alert(2)", imageAlt: null, productUrl: " JavaScript:alert(3)" },
        ],
      }),
    );
    expect(email.html.toLowerCase()).not.toContain("javascript:");
    expect(email.html).not.toContain("data:image");
    expect(email.html).not.toContain("<img");
    expect(email.text.toLowerCase()).not.toContain("javascript:");
    expect(email.html).toContain("Candle");
    expect(email.html).toContain("Soap");
  });

  it("gives images their alt text, falling back to the product title, and fixed dimensions", () => {
    const email = renderReviewRequestEmail(
      input({
        products: [
          { title: "Blue mug", imageUrl: "https://cdn.example.com/mug.jpg", imageAlt: "A blue mug", productUrl: null },
          { title: "Tea towel", imageUrl: "https://cdn.example.com/towel.jpg", imageAlt: null, productUrl: null },
        ],
      }),
    );
    expect(email.html).toMatch(/<img src="https:\/\/cdn\.example\.com\/mug\.jpg" alt="A blue mug" width="80" height="80"/);
    expect(email.html).toMatch(/<img src="https:\/\/cdn\.example\.com\/towel\.jpg" alt="Tea towel" width="80" height="80"/);
  });

  it("numbers each product's review link in order, keeping the link's own query string", () => {
    const email = renderReviewRequestEmail(input({ reviewLink: "https://reviews.example.com/r?t=abc&x=1" }));
    const one = "https://reviews.example.com/r?t=abc&x=1&product=1";
    const two = "https://reviews.example.com/r?t=abc&x=1&product=2";
    expect(email.text.indexOf(one)).toBeGreaterThan(-1);
    expect(email.text.indexOf(two)).toBeGreaterThan(email.text.indexOf(one));
    const escapedOne = one.replaceAll("&", "&amp;");
    const escapedTwo = two.replaceAll("&", "&amp;");
    expect(email.html.indexOf(`href="${escapedOne}"`)).toBeGreaterThan(-1);
    expect(email.html.indexOf(`href="${escapedTwo}"`)).toBeGreaterThan(email.html.indexOf(`href="${escapedOne}"`));
  });

  it("writes the review and unsubscribe links out in the text part, and shows unsubscribe in the HTML", () => {
    const email = renderReviewRequestEmail(input());
    expect(email.text).toContain("https://reviews.example.com/r/tok123\n");
    expect(email.text).toContain("https://reviews.example.com/u/tok456");
    expect(email.text).toContain("https://maple.example.com/products/blue-mug");
    expect(email.text).toContain("Blue mug");
    expect(email.text).not.toContain("<");
    expect(email.html).toContain('href="https://reviews.example.com/u/tok456"');
    expect(email.html).toContain(">Unsubscribe</a>");
  });

  it("stays a self-contained email: no scripts, external stylesheets or tracking pixels", () => {
    const { html } = renderReviewRequestEmail(input());
    expect(html).not.toMatch(/<script|<link|<iframe|<form/i);
    expect(html).toMatch(/<h1[^>]*>How was your order\?<\/h1>/);
    expect(html.match(/<img /g)).toHaveLength(1);
    expect(html).toContain('role="presentation"');
  });

  it("refuses an empty or oversized product list and non-http links", () => {
    expect(() => renderReviewRequestEmail(input({ products: [] }))).toThrow(RangeError);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ title: `P${i}`, imageUrl: null, imageAlt: null, productUrl: null }));
    expect(() => renderReviewRequestEmail(input({ products: eleven }))).toThrow(RangeError);
    expect(() => renderReviewRequestEmail(input({ reviewLink: "javascript:alert(1)" }))).toThrow(TypeError);
    expect(() => renderReviewRequestEmail(input({ unsubscribeLink: "data:text/html,x" }))).toThrow(TypeError);
  });
});
