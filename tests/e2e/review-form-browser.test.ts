import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { SignJWT } from "jose";
import type { Browser, BrowserContext, Locator, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { REVIEW_FORM_STRINGS } from "../../app/modules/reviews/review-form-strings";
import { REVIEW_LIMITS } from "../../app/modules/reviews/review-submission-schema";
import { REPO_ROOT, waitFor } from "../support/app-process";
import { BROWSER_USER_AGENT, launchChromium } from "../support/browser";
import { startReviewEmailWorld, type ReviewEmailWorld } from "../support/review-email-world";
import { testBackend } from "../support/test-database";

/*
 * The storefront review form as a customer meets it: in Chromium, with JavaScript off, driven
 * by the keyboard and found by its labels. Two browser contexts on the same pages:
 * - `customer` has JavaScript disabled and is the one whose behaviour is asserted (the form
 *   must work without any script);
 * - `audit` has JavaScript enabled and bypasses the Content-Security-Policy, only so that
 *   axe-core can be injected and run on those same URLs. The pages themselves ship no script.
 */

const AXE_SOURCE = readFileSync(path.join(REPO_ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const SCREENSHOTS = path.join(REPO_ROOT, "test-results");

const en = REVIEW_FORM_STRINGS.en;
// Product images live on the shop's CDN; the browser gets a stand-in instead of going online.
const PRODUCT_IMAGE = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#c9b28f"/></svg>';

interface AxeSummary {
  violations: string[];
  passes: string[];
}

/** Runs axe-core on the page (which must allow scripts) and lists each violation as "rule (impact): help — targets". */
async function runAxe(page: Page): Promise<AxeSummary> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (tags) => {
    type AxeResult = { id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[] }> };
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: AxeResult[]; passes: AxeResult[] }> } }).axe;
    const results = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return {
      violations: results.violations.map(
        (rule) => `${rule.id} (${rule.impact ?? "?"}): ${rule.help} — ${rule.nodes.map((node) => JSON.stringify(node.target)).join(", ")}`,
      ),
      passes: results.passes.map((rule) => rule.id),
    };
  }, AXE_TAGS);
}

describe("the storefront review form in Chromium without JavaScript (keyboard only, axe-core clean)", () => {
  let world: ReviewEmailWorld;
  let shop: string;
  let reviewLink: string;
  let reviewRequestId: string;
  let browser: Browser;
  let customer: BrowserContext;
  let audit: BrowserContext;

  beforeAll(async () => {
    world = await startReviewEmailWorld("review-browser");
    shop = await world.installShop("review-browser");
    const order = world.addOrder(shop);
    expect((await world.deliver(shop, "orders/fulfilled", order.body)).status).toBe(200);
    const message = await world.mail.waitForMessage((candidate) => (candidate.text ?? "").includes(shop), { timeoutMs: 20_000 });
    reviewLink = /https:\/\/review-browser\.myshopify\.com\/apps\/candor\/review\?token=[\w.-]+/.exec(message.text ?? "")![0];
    reviewRequestId = (await waitFor(() => world.db.reviewRequest.findFirst({ where: { shopId: shop, status: "sent" } }), 10_000, "sent")).id;

    browser = await launchChromium();
    customer = await browser.newContext({ javaScriptEnabled: false, userAgent: BROWSER_USER_AGENT, viewport: { width: 900, height: 1000 } });
    audit = await browser.newContext({ javaScriptEnabled: true, bypassCSP: true, userAgent: BROWSER_USER_AGENT, viewport: { width: 900, height: 1000 } });
    for (const context of [customer, audit]) {
      await context.route(`https://${shop}/cdn/**`, (route) => route.fulfill({ contentType: "image/svg+xml", body: PRODUCT_IMAGE }));
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await world?.stop();
  });

  const storefront = (link: string, extra: Record<string, string> = {}) => {
    const url = new URL(world.storefrontUrl(link));
    for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, value);
    return url.toString();
  };
  const reviews = () => world.db.review.findMany({ where: { shopId: shop } });
  const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);
  /** Presses Tab and checks that focus landed on `locator`: the keyboard order of the page. */
  const tabTo = async (page: Page, locator: Locator) => {
    await page.keyboard.press("Tab");
    expect(await isFocused(locator)).toBe(true);
  };
  /** Presses a key that submits or follows a link, and returns the document response it led to. */
  const pressAndLoad = async (page: Page, key: string): Promise<Response> => {
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.request().isNavigationRequest()),
      page.waitForEvent("framenavigated", (frame) => frame === page.mainFrame()),
      page.keyboard.press(key),
    ]);
    await page.waitForLoadState("load");
    return response;
  };
  const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${testBackend()}.png`), fullPage: true });

  it("runs without JavaScript: chooser, keyboard-only form, errors kept on the page, one pending review", async () => {
    const page = await customer.newPage();
    const chooser = await page.goto(storefront(reviewLink));
    expect(chooser?.status()).toBe(200);
    expect(await page.getByRole("heading", { level: 1, name: en.chooseTitle }).isVisible()).toBe(true);
    // The page ships no script at all.
    expect(await page.locator("script").count()).toBe(0);

    // The first product link is the first stop of the keyboard; Enter follows it.
    await tabTo(page, page.getByRole("link", { name: "Aviator sunglasses" }));
    const opened = await pressAndLoad(page, "Enter");
    expect(opened.status()).toBe(200);
    expect(new URL(page.url()).searchParams.get("product")).toBe("1");
    expect(await page.getByRole("heading", { level: 1, name: en.title("Aviator sunglasses") }).isVisible()).toBe(true);

    const fiveStars = page.getByLabel(en.star(5), { exact: true });
    const fourStars = page.getByLabel(en.star(4), { exact: true });
    const title = page.getByLabel(en.reviewTitle);
    const body = page.getByLabel(en.body, { exact: true });
    const displayName = page.getByLabel(en.displayName);
    const send = page.getByRole("button", { name: en.submit });
    expect(await page.getByRole("group", { name: en.ratingLegend }).isVisible()).toBe(true);

    // Tab enters the star group on its first option; an arrow key moves to (and picks) 4 stars.
    await tabTo(page, fiveStars);
    await page.keyboard.press("ArrowDown");
    expect(await isFocused(fourStars)).toBe(true);
    expect(await fourStars.isChecked()).toBe(true);
    await tabTo(page, title);
    await page.keyboard.type("Solid");
    await tabTo(page, body); // left empty on purpose
    await tabTo(page, displayName);
    await page.keyboard.type("Jo");
    await tabTo(page, send);
    await screenshot(page, "review-form");

    // Sent without a review: the same page returns with an error summary and the typed values.
    const refused = await pressAndLoad(page, "Enter");
    expect(refused.status()).toBe(422);
    expect(await page.title()).toBe(en.errorTitle(en.title("Aviator sunglasses")));
    const summary = page.getByRole("alert");
    // Focus starts on the summary, so it is read first and Tab goes on to its links.
    await expect.poll(() => isFocused(summary)).toBe(true);
    expect(await summary.getByRole("heading", { name: en.errorSummary }).isVisible()).toBe(true);
    const bodyErrorLink = summary.getByRole("link", { name: en.errors.body_short });
    expect(await bodyErrorLink.getAttribute("href")).toBe("#body");
    expect(await summary.getByRole("link").count()).toBe(1);
    expect(await fourStars.isChecked()).toBe(true);
    expect(await title.inputValue()).toBe("Solid");
    expect(await displayName.inputValue()).toBe("Jo");
    expect(await body.inputValue()).toBe("");
    expect(await body.getAttribute("aria-invalid")).toBe("true");
    expect(await body.getAttribute("aria-describedby")).toBe("body-hint body-error");
    expect(await page.locator("#body-error").innerText()).toBe(en.errors.body_short);
    expect(await title.getAttribute("aria-invalid")).toBeNull();
    expect(await displayName.getAttribute("aria-invalid")).toBeNull();
    expect(await reviews()).toHaveLength(0);
    await screenshot(page, "review-form-errors");

    // The summary's link is the first keyboard stop and takes the customer to the field.
    await tabTo(page, bodyErrorLink);
    await page.keyboard.press("Enter");
    await expect.poll(() => isFocused(body)).toBe(true);
    const text = "Great glasses, light and sturdy.";
    expect(text.length).toBeGreaterThanOrEqual(REVIEW_LIMITS.bodyMin);
    await page.keyboard.type(text);
    await tabTo(page, displayName);
    await tabTo(page, send);
    const saved = await pressAndLoad(page, " ");
    expect(saved.status()).toBe(200);
    expect(await page.getByRole("heading", { level: 1, name: en.thanksTitle }).isVisible()).toBe(true);
    expect(await page.getByText(en.thanksPending).isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: en.nextProduct }).isVisible()).toBe(true);
    await screenshot(page, "review-thanks");

    const stored = await reviews();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ reviewRequestId, rating: 4, title: "Solid", body: text, status: "pending", verifiedBuyer: true });
    await page.close();
  });

  it("has no axe-core violations (WCAG 2.1 A/AA and best practice) on any page, in English, French and German", async () => {
    const page = await audit.newPage();
    const failures: Record<string, string[]> = {};
    const check = async (name: string, expected: { lang: string; heading: string }) => {
      expect(await page.locator("html").getAttribute("lang"), name).toBe(expected.lang);
      expect(await page.getByRole("heading", { level: 1, name: expected.heading }).isVisible(), name).toBe(true);
      const result = await runAxe(page);
      expect(result.passes, `${name}: axe ran its rules`).toEqual(expect.arrayContaining(["document-title", "html-has-lang"]));
      if (result.violations.length > 0) failures[name] = result.violations;
    };
    const open = async (url: string, status: number) => {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(status);
    };
    const submit = async (status: number) => {
      const [response] = await Promise.all([
        page.waitForResponse((candidate) => candidate.request().isNavigationRequest() && candidate.request().method() === "POST"),
        page.waitForEvent("framenavigated", (frame) => frame === page.mainFrame()),
        page.locator("button[type=submit]").click(),
      ]);
      await page.waitForLoadState("load");
      expect(response.status()).toBe(status);
    };

    await open(storefront(reviewLink), 200);
    await check("chooser (en)", { lang: "en", heading: en.chooseTitle });

    for (const language of ["en", "fr", "de"] as const) {
      const strings = REVIEW_FORM_STRINGS[language];
      await open(storefront(reviewLink, { product: "2", lang: language }), 200);
      await check(`empty form (${language})`, { lang: language, heading: strings.title("Mid-century lounger") });
      await submit(422);
      expect(await page.title()).toBe(strings.errorTitle(strings.title("Mid-century lounger")));
      // Rating, review and name are missing; each link leads to its field (the stars: the first one).
      const targets = await page
        .getByRole("alert")
        .getByRole("link")
        .evaluateAll((links) => links.map((link) => document.getElementById(link.getAttribute("href")!.slice(1))?.getAttribute("name")));
      expect(targets).toEqual(["rating", "body", "displayName"]);
      expect(await page.locator("input[name=rating]").first().getAttribute("id")).toBe("rating-5");
      expect(await page.getByRole("alert").getByRole("link").first().getAttribute("href")).toBe("#rating-5");
      await check(`form with errors (${language})`, { lang: language, heading: strings.title("Mid-century lounger") });
    }
    expect(await reviews()).toHaveLength(1);

    await open(storefront(reviewLink, { product: "2" }), 200);
    await page.getByLabel(en.star(5), { exact: true }).check();
    await page.getByLabel(en.body, { exact: true }).fill("Comfortable, and it looks great.");
    await page.getByLabel(en.displayName).fill("Ana");
    await submit(200);
    await check("thank-you page (en)", { lang: "en", heading: en.thanksTitle });

    // Error pages: an expired link, a link signed with another key, a product already reviewed.
    const signWith = (key: Uint8Array, expiresAt: number) =>
      new SignJWT({ shop }).setProtectedHeader({ alg: "HS256" }).setSubject(reviewRequestId).setAudience("review").setExpirationTime(expiresAt).sign(key);
    const linkWith = (token: string) => `https://${shop}/apps/candor/review?token=${token}`;
    const key = Buffer.from(world.env.LINK_SIGNING_KEY!, "base64");
    await open(storefront(linkWith(await signWith(key, Math.floor(Date.now() / 1000) - 60)), { product: "3" }), 410);
    await check("expired link (en)", { lang: "en", heading: en.pages.expired.title });
    await open(storefront(linkWith(await signWith(new Uint8Array(32).fill(7), Math.floor(Date.now() / 1000) + 3600)), { product: "3", lang: "de" }), 400);
    await check("forged link (de)", { lang: "de", heading: REVIEW_FORM_STRINGS.de.pages.invalid.title });
    await open(storefront(reviewLink, { product: "1", lang: "fr" }), 409);
    await check("already reviewed (fr)", { lang: "fr", heading: REVIEW_FORM_STRINGS.fr.pages.used.title });

    expect(failures).toEqual({});
    expect(await reviews()).toHaveLength(2);
    await page.close();
  });
});
