import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_SHOP_DOMAIN, startFakeShopify, type FakeShopify } from "../../dev/fake-shopify/index";
import type { Db } from "../../app/db.server";
import { encryptSecret } from "../../app/modules/crypto/encrypt-secret.server";
import { parseEncryptionKeys } from "../../app/modules/crypto/parse-encryption-keys";
import { REPO_ROOT, waitFor, type AppProcess } from "../support/app-process";
import { startAppStack, type AppStack } from "../support/app-stack";
import { BROWSER_USER_AGENT, launchChromium } from "../support/browser";
import { testBackend } from "../support/test-database";

const SCRIPT = "<script>alert(1)</script>";

/**
 * The Reviews screen in Chromium, served by the built server: a hostile review renders as
 * text, and Publish and Reject work through the page's forms. The demo stand-in for App Bridge
 * (CANDOR_DEMO) adds the session token to the page's own requests, as App Bridge does inside
 * Shopify admin.
 */
describe("moderating reviews in the embedded admin (Chromium, built server)", () => {
  let stack: AppStack;
  let db: Db;
  let env: Record<string, string>;
  let web: AppProcess;
  let fakeShopify: FakeShopify;
  let browser: Browser;
  const ids = { hostile: randomUUID(), plain: randomUUID() };

  beforeAll(async () => {
    const apiKey = "candor-e2e-key";
    const apiSecret = `e2e-secret-${process.pid}`;
    fakeShopify = await startFakeShopify({ apiKey, apiSecret });
    stack = await startAppStack({
      SHOPIFY_API_KEY: apiKey,
      SHOPIFY_API_SECRET: apiSecret,
      SHOPIFY_FAKE_ORIGIN: fakeShopify.url,
      RUN_WORKERS_IN_WEB: "true",
      CANDOR_DEMO: "true",
    });
    ({ db, env, web } = stack);

    // Reviews as the storefront form stores them, the display name encrypted with the app's key.
    const keyring = parseEncryptionKeys(env.ENCRYPTION_KEYS!);
    const review = (id: string, fields: { productId: string; rating: number; title: string | null; body: string; displayName: string; submittedAt: Date }) => ({
      id,
      shopId: DEMO_SHOP_DOMAIN,
      reviewRequestId: randomUUID(),
      orderId: "gid://shopify/Order/5001",
      ...fields,
      displayName: encryptSecret(fields.displayName, keyring, { table: "Review", column: "displayName", rowId: id }),
      locale: "en",
      status: "pending",
    });
    await db.review.createMany({
      data: [
        review(ids.hostile, {
          productId: "gid://shopify/Product/7001",
          rating: 1,
          title: `<img src=x onerror=alert(2)>`,
          body: `Broke at once. ${SCRIPT}`,
          displayName: `<b>Jo</b>${SCRIPT}`,
          submittedAt: new Date(Date.now() - 60_000),
        }),
        review(ids.plain, {
          productId: "gid://shopify/Product/7002",
          rating: 4,
          title: null,
          body: "Comfortable, and the colour is as shown.",
          displayName: "Sam",
          submittedAt: new Date(Date.now() - 3_600_000),
        }),
      ],
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await fakeShopify?.close();
  });

  async function openReviews(): Promise<{ page: Page; dialogs: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, userAgent: BROWSER_USER_AGENT });
    // Shopify's App Bridge script exists only inside Shopify admin; the page must still render.
    await page.route("https://cdn.shopify.com/**", (route) => route.abort());
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const opened = await page.goto(`${web.url}/demo/open?shop=${DEMO_SHOP_DOMAIN}`);
    expect(opened?.status()).toBe(200);
    await page.getByRole("link", { name: "Reviews", exact: true }).click();
    await page.getByRole("heading", { name: "Reviews", exact: true }).waitFor();
    return { page, dialogs };
  }

  it("shows a hostile review as inert text", async () => {
    const { page, dialogs } = await openReviews();
    const hostile = page.getByRole("region", { name: /Review of product 7001, 1 star,/ });
    await hostile.getByText(`Broke at once. ${SCRIPT}`, { exact: true }).waitFor();
    expect(await hostile.getByText("<img src=x onerror=alert(2)>", { exact: true }).isVisible()).toBe(true);
    expect(await hostile.getByText(`— <b>Jo</b>${SCRIPT}`, { exact: true }).isVisible()).toBe(true);
    expect(await hostile.getByText("Verified buyer").isVisible()).toBe(true);
    expect(await hostile.getByText("Pending", { exact: true }).isVisible()).toBe(true);
    expect(await hostile.getByRole("img", { name: "1 out of 5 stars" }).isVisible()).toBe(true);
    expect(await hostile.getByRole("link", { name: "7001" }).getAttribute("href")).toBe("shopify://admin/products/7001");

    // Nothing the customer wrote became markup: no script, image or bold element of theirs.
    const html = await page.content();
    expect(html).not.toContain(SCRIPT);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(await page.locator("img[src='x']").count()).toBe(0);
    expect(await page.locator("b", { hasText: "Jo" }).count()).toBe(0);
    expect(html).not.toContain("gid://shopify/Order/5001");
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);

    // The moderation rule is on the screen, and the storefront disclosure follows the settings.
    expect(await page.getByText("Moderate on content, never on rating").isVisible()).toBe(true);
    const disclosure = page.getByLabel("Disclosure text");
    expect(await disclosure.inputValue()).toMatch(/^How we collect and verify reviews\n\nWe ask for a review by email 10 days after your order has shipped\./);
    await page.getByLabel("Language").selectOption("de");
    expect(await disclosure.inputValue()).toMatch(/^Wie wir Bewertungen sammeln und prüfen/);
    await page.close();
  });

  it("publishes a review, and rejects one only with a reason", async () => {
    const { page, dialogs } = await openReviews();
    const hostile = page.getByRole("region", { name: /Review of product 7001/ });
    await hostile.getByRole("button", { name: "Publish" }).click();
    await waitFor(async () => (await db.review.findUniqueOrThrow({ where: { id: ids.hostile } })).status === "published" || null, 10_000, "published");
    await hostile.getByText("Published", { exact: true }).waitFor();
    expect(await hostile.getByRole("button", { name: "Publish" }).count()).toBe(0);
    const published = await db.review.findUniqueOrThrow({ where: { id: ids.hostile } });
    expect(published.publishedAt).not.toBeNull();
    expect(published.moderatedAt).not.toBeNull();

    // Reject without a reason: refused on the page, nothing written.
    const plain = page.getByRole("region", { name: /Review of product 7002/ });
    await plain.getByRole("button", { name: "Reject" }).click();
    await plain.getByText(/Give a reason for rejecting this review/).waitFor();
    expect(await db.review.findUniqueOrThrow({ where: { id: ids.plain } })).toMatchObject({ status: "pending", moderatedAt: null, moderationReason: null });

    await plain.getByLabel("Reason for rejecting (required)").fill("Mentions the courier's name and phone number");
    await plain.getByRole("button", { name: "Reject" }).click();
    await plain.getByText("Mentions the courier's name and phone number").waitFor();
    expect(await db.review.findUniqueOrThrow({ where: { id: ids.plain } })).toMatchObject({
      status: "rejected",
      moderationReason: "Mentions the courier's name and phone number",
      publishedAt: null,
    });
    expect(await plain.getByText("Rejected", { exact: true }).isVisible()).toBe(true);

    // The status filter narrows the list.
    await page.getByLabel("Status").selectOption("rejected");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect.poll(() => page.getByRole("region", { name: /Review of product/ }).count()).toBe(1);
    expect(await page.getByRole("region", { name: /Review of product 7002/ }).isVisible()).toBe(true);
    expect(dialogs).toEqual([]);

    const dir = path.join(REPO_ROOT, "test-results");
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `admin-reviews-${testBackend()}.png`), fullPage: true });
    await page.close();
  });
});
