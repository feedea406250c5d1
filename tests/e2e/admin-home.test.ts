import { mkdirSync } from "node:fs";
import path from "node:path";

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_IDS, DEMO_OWNER_USER_ID, DEMO_SHOP_DOMAIN, startFakeShopify, type FakeShopify } from "../../dev/fake-shopify/index";
import { mintSessionToken } from "../../dev/session-token";
import type { Db } from "../../app/db.server";
import { REPO_ROOT, waitFor, type AppProcess } from "../support/app-process";
import { startAppStack, type AppStack } from "../support/app-stack";
import { BROWSER_USER_AGENT, launchChromium } from "../support/browser";
import { dumpDatabase } from "../support/dump-database";
import { testBackend, type TestDatabase } from "../support/test-database";

describe("the embedded admin in Chromium, served by the built server", () => {
  let stack: AppStack;
  let database: TestDatabase;
  let db: Db;
  let fakeShopify: FakeShopify;
  let env: Record<string, string>;
  let web: AppProcess;
  let browser: Browser;

  beforeAll(async () => {
    const apiKey = "candor-e2e-key";
    const apiSecret = `e2e-secret-${process.pid}`;
    fakeShopify = await startFakeShopify({ apiKey, apiSecret });
    stack = await startAppStack({
      SHOPIFY_API_KEY: apiKey,
      SHOPIFY_API_SECRET: apiSecret,
      SHOPIFY_FAKE_ORIGIN: fakeShopify.url,
      RUN_WORKERS_IN_WEB: "true",
    });
    ({ database, db, env, web } = stack);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await fakeShopify?.close();
  });

  async function adminUrl(): Promise<string> {
    const idToken = await mintSessionToken({
      apiKey: env.SHOPIFY_API_KEY!,
      apiSecret: env.SHOPIFY_API_SECRET!,
      shop: DEMO_SHOP_DOMAIN,
      userId: DEMO_OWNER_USER_ID,
    });
    const host = Buffer.from("admin.shopify.com/store/candor-demo").toString("base64url");
    return `${web.url}/app?${new URLSearchParams({ embedded: "1", shop: DEMO_SHOP_DOMAIN, host, id_token: idToken })}`;
  }

  it("installs through token exchange and shows the overview with the shop's events", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, userAgent: BROWSER_USER_AGENT });
    // Shopify's App Bridge script exists only inside Shopify admin; the page must still render.
    await page.route("https://cdn.shopify.com/**", (route) => route.abort());

    const response = await page.goto(await adminUrl());
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.getByRole("heading", { name: "Overview" }).isVisible()).toBe(true);
    expect(await page.getByText(/Installed \d/).isVisible()).toBe(true);

    // The token exchange reached the fake Shopify, and the shop is recorded as installed.
    expect(fakeShopify.tokens(DEMO_SHOP_DOMAIN).some((token) => token.kind === "offline")).toBe(true);
    expect((await db.shop.findUniqueOrThrow({ where: { id: DEMO_SHOP_DOMAIN } })).uninstalledAt).toBeNull();
    // The access token Shopify issued is nowhere in the raw database.
    const issued = fakeShopify.tokens(DEMO_SHOP_DOMAIN).map((token) => token.accessToken);
    const raw = await dumpDatabase(db, database.url);
    expect(raw).toContain(`offline_${DEMO_SHOP_DOMAIN}`);
    for (const token of issued) expect(raw).not.toContain(token);

    const delivery = await fakeShopify.sendWebhook({
      address: `${web.url}/webhooks`,
      topic: "orders/fulfilled",
      shop: DEMO_SHOP_DOMAIN,
      subject: { orderId: DEMO_IDS.orders.adaFulfilled },
    });
    expect(delivery.status).toBe(200);
    await waitFor(() => db.webhookDelivery.findFirst({ where: { shopId: DEMO_SHOP_DOMAIN, processedAt: { not: null } } }), 15_000, "processing");

    await page.goto(await adminUrl());
    const row = page.getByRole("row", { name: /Order fulfilled/ });
    await expect.poll(() => row.isVisible()).toBe(true);
    expect((await row.innerText()).replace(/\s+/g, " ")).toMatch(/Order fulfilled 1 1/);
    expect(await page.getByText("Up to date").isVisible()).toBe(true);
    expect(await page.getByText("1 scheduled").isVisible()).toBe(true);
    // No customer identity reaches the page: the demo order belongs to a named customer.
    const html = await page.content();
    expect(html).not.toMatch(/@example\.(com|org)/);

    const dir = path.join(REPO_ROOT, "test-results");
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `admin-overview-${testBackend()}.png`), fullPage: true });

    // The fulfilled order became a scheduled review request, listed without customer data.
    await page.goto((await adminUrl()).replace("/app?", "/app/review-requests?"));
    const requestRow = page.getByRole("row", { name: new RegExp(`#${DEMO_IDS.orders.adaFulfilled}`) });
    await expect.poll(() => requestRow.isVisible()).toBe(true);
    expect(await requestRow.innerText()).toMatch(/scheduled/);
    expect(await page.content()).not.toMatch(/@example\.(com|org)/);
    await page.screenshot({ path: path.join(dir, `admin-review-requests-${testBackend()}.png`), fullPage: true });

    await page.close();
  });

  it("does not open without a valid session token, nor through the demo shortcut", async () => {
    const page = await browser.newPage({ userAgent: BROWSER_USER_AGENT });
    await page.route("https://cdn.shopify.com/**", (route) => route.abort());
    const forged = (await adminUrl()).replace(/id_token=[^&]+/, "id_token=forged.token.value");
    const response = await page.goto(forged);
    // Shopify's auth answers an invalid token with its session-token bounce page (which asks
    // App Bridge for a fresh token) or an error — never with the admin.
    const landedOnBounce = new URL(page.url()).pathname === "/auth/session-token";
    expect(landedOnBounce || (response?.status() ?? 0) >= 400).toBe(true);
    expect(await page.getByRole("heading", { name: "Overview" }).count()).toBe(0);
    expect(await page.content()).not.toContain(DEMO_SHOP_DOMAIN.replace(".myshopify.com", "") + ".myshopify.com</");

    const demo = await fetch(`${web.url}/demo/open?shop=${DEMO_SHOP_DOMAIN}`, { redirect: "manual" });
    expect(demo.status).toBe(404);
    await page.close();
  });
});
