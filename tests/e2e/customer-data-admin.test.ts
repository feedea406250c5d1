import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_IDS, DEMO_SHOP_DOMAIN, startFakeShopify, type FakeShopify } from "../../dev/fake-shopify/index";
import type { Db } from "../../app/db.server";
import { computeBlindIndex } from "../../app/modules/crypto/compute-blind-index.server";
import { encryptSecret } from "../../app/modules/crypto/encrypt-secret.server";
import { parseEncryptionKeys } from "../../app/modules/crypto/parse-encryption-keys";
import { DEMO_STAFF_USER_ID } from "../../app/modules/demo/mint-demo-session-token.server";
import { REPO_ROOT, type AppProcess } from "../support/app-process";
import { startAppStack, type AppStack } from "../support/app-stack";
import { BROWSER_USER_AGENT, launchChromium } from "../support/browser";
import { testBackend } from "../support/test-database";

const OTHER_SHOP = "candor-other.myshopify.com";
const ADA = DEMO_IDS.customers.ada;
const ADA_GID = `gid://shopify/Customer/${ADA}`;
/** The demo store's Shopify answers a lookup by customer id with this address (used in memory, never stored). */
const ADA_EMAIL = "ada.fontaine@example.com";
const DISPLAY_NAME = "<b>Ada F.</b><script>alert(1)</script>";
const REVIEW_BODY = "Warm, and the <i>colour</i> is as shown.";
const DAY_MS = 86_400_000;

/**
 * The Customer data and Data requests screens in Chromium, served by the built server: a
 * customer looked up by id (above 2^53) shows every record with its location, values and
 * deletion date; the JSON export downloads through the page's authenticated fetch; erasure
 * asks first, says what it removes, and shows its receipt; the register lists it all. Another
 * shop's rows, even under the same fingerprint, never show.
 */
describe("customer data in the embedded admin (Chromium, built server)", () => {
  let stack: AppStack;
  let db: Db;
  let env: Record<string, string>;
  let web: AppProcess;
  let fakeShopify: FakeShopify;
  let browser: Browser;
  const ids = {
    sent: randomUUID(),
    scheduled: randomUUID(),
    product: randomUUID(),
    review: randomUUID(),
    otherShopCopy: randomUUID(),
    overdue: randomUUID(),
  };

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

    const blindKey = Buffer.from(env.BLIND_INDEX_KEY!, "base64");
    const customerRef = computeBlindIndex(blindKey, DEMO_SHOP_DOMAIN, "customer", ADA_GID);
    const emailRef = computeBlindIndex(blindKey, DEMO_SHOP_DOMAIN, "email", ADA_EMAIL);
    const keyring = parseEncryptionKeys(env.ENCRYPTION_KEYS!);
    const now = Date.now();
    const product = `gid://shopify/Product/${DEMO_IDS.products.beanie}`;
    await db.reviewRequest.createMany({
      data: [
        // Filed under the customer id: a sent request with a review.
        {
          id: ids.sent,
          shopId: DEMO_SHOP_DOMAIN,
          orderId: `gid://shopify/Order/${DEMO_IDS.orders.adaFulfilled}`,
          groupKey: "order",
          productIds: JSON.stringify([product]),
          customerRef,
          emailRef: null,
          status: "sent",
          dueAt: new Date(now - 5 * DAY_MS),
          sentAt: new Date(now - 5 * DAY_MS),
          createdAt: new Date(now - 15 * DAY_MS),
        },
        // Filed under the email only: found because Shopify gives the lookup the customer's email.
        {
          id: ids.scheduled,
          shopId: DEMO_SHOP_DOMAIN,
          orderId: "gid://shopify/Order/7340000000000000499",
          groupKey: "order",
          productIds: JSON.stringify([product]),
          customerRef: null,
          emailRef,
          status: "scheduled",
          dueAt: new Date(now + 3 * DAY_MS),
        },
        // Another shop's row under the very same fingerprint: the shop scopes every query.
        {
          id: ids.otherShopCopy,
          shopId: OTHER_SHOP,
          orderId: `gid://shopify/Order/${DEMO_IDS.orders.adaFulfilled}`,
          groupKey: "order",
          productIds: JSON.stringify([product]),
          customerRef,
          emailRef,
          status: "scheduled",
          dueAt: new Date(now + 3 * DAY_MS),
        },
      ],
    });
    await db.requestedProduct.create({
      data: { id: ids.product, shopId: DEMO_SHOP_DOMAIN, orderId: `gid://shopify/Order/${DEMO_IDS.orders.adaFulfilled}`, productId: product, reviewRequestId: ids.sent },
    });
    await db.review.create({
      data: {
        id: ids.review,
        shopId: DEMO_SHOP_DOMAIN,
        reviewRequestId: ids.sent,
        orderId: `gid://shopify/Order/${DEMO_IDS.orders.adaFulfilled}`,
        productId: product,
        rating: 5,
        title: null,
        body: REVIEW_BODY,
        displayName: encryptSecret(DISPLAY_NAME, keyring, { table: "Review", column: "displayName", rowId: ids.review }),
        locale: "fr",
        status: "published",
        submittedAt: new Date(now - 4 * DAY_MS),
      },
    });
    // A Shopify access request of another customer, past its one-month due date.
    await db.dataRequest.create({
      data: {
        id: ids.overdue,
        shopId: DEMO_SHOP_DOMAIN,
        kind: "access",
        source: "shopify_webhook",
        regime: "gdpr",
        customerRef: randomBytes(32).toString("hex"),
        status: "pending",
        requestedBy: "shopify",
        receivedAt: new Date(now - 40 * DAY_MS),
        dueAt: new Date(now - 10 * DAY_MS),
      },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await fakeShopify?.close();
  });

  async function openAdmin(shop: string, screen: string): Promise<{ page: Page; dialogs: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, userAgent: BROWSER_USER_AGENT, acceptDownloads: true });
    // Shopify's App Bridge script exists only inside Shopify admin; the page must still render.
    await page.route("https://cdn.shopify.com/**", (route) => route.abort());
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const opened = await page.goto(`${web.url}/demo/open?shop=${shop}`);
    expect(opened?.status()).toBe(200);
    await page.getByRole("link", { name: screen, exact: true }).click();
    await page.getByRole("heading", { name: screen, exact: true }).waitFor();
    return { page, dialogs };
  }

  async function lookUp(page: Page, by: "Customer ID" | "Email" | "Order ID", value: string) {
    await page.getByLabel("Look up by").selectOption({ label: by });
    await page.getByLabel(by, { exact: true }).fill(value);
    await page.getByRole("button", { name: "Look up" }).click();
    await page.getByRole("heading", { name: new RegExp(`about this customer \\(${by} ${value}\\)`) }).waitFor();
  }

  it("finds every record of the customer by id, with location, values, deletion dates and purposes, and downloads it", async () => {
    expect(BigInt(ADA) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    const { page, dialogs } = await openAdmin(DEMO_SHOP_DOMAIN, "Customer data");
    await lookUp(page, "Customer ID", ADA);
    expect(await page.getByRole("heading", { name: `4 records about this customer (Customer ID ${ADA})` }).isVisible()).toBe(true);
    // Shopify answered, so the list is complete.
    expect(await page.getByText("This list may be incomplete").count()).toBe(0);

    const engine = testBackend() === "postgresql" ? "PostgreSQL" : "SQLite (embedded)";
    const requests = page.getByRole("region", { name: "Review requests" });
    expect(await requests.getByText("2 records", { exact: true }).isVisible()).toBe(true);
    expect(await requests.getByText(`Candor database · ${engine} · Region:`, { exact: false }).isVisible()).toBe(true);
    expect(await requests.getByRole("heading", { name: `Record ${ids.sent}` }).isVisible()).toBe(true);
    expect(await requests.getByRole("heading", { name: `Record ${ids.scheduled}` }).isVisible()).toBe(true);
    // The sent request has its date; the scheduled one is never purged before it is sent.
    expect(await requests.getByText(/^Deleted on \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$/).count()).toBe(1);
    expect(await requests.getByText(/^No deletion date yet/).count()).toBe(1);
    expect(await requests.getByText(ids.otherShopCopy).count()).toBe(0);

    // The review: decrypted name and text shown as text, nothing the customer wrote becomes markup.
    const reviews = page.getByRole("region", { name: "Reviews" });
    expect(await reviews.getByText(DISPLAY_NAME, { exact: true }).isVisible()).toBe(true);
    expect(await reviews.getByText(REVIEW_BODY, { exact: true }).isVisible()).toBe(true);
    expect(await reviews.getByText(/^Deleted on /).count()).toBe(1);
    expect(await page.locator("b", { hasText: "Ada F." }).count()).toBe(0);
    expect(await page.locator("i", { hasText: "colour" }).count()).toBe(0);
    expect(await page.content()).not.toContain("<script>alert(1)</script>");

    // Per field: purpose, legal basis, how long it is kept and who can see it.
    await reviews.getByText("Purpose, legal basis and who can see each field").click();
    const displayNameRow = reviews.locator("details").getByRole("row", { name: /^displayName / });
    await displayNameRow.waitFor();
    expect(await displayNameRow.textContent()).toContain("The name the customer chose to show with the review, stored encrypted");
    expect(await displayNameRow.textContent()).toMatch(/Owner, Admin, Support, Viewer$/);
    expect(await reviews.getByRole("columnheader", { name: "Legal basis" }).isVisible()).toBe(true);
    expect(await reviews.getByRole("columnheader", { name: "Who can see it" }).isVisible()).toBe(true);

    // Processors: what each receives.
    const provider = page.getByRole("region", { name: "Email provider" });
    expect(await provider.getByText(/^recipientAddress: /).isVisible()).toBe(true);
    expect(await page.getByRole("region", { name: "Shopify Flow" }).getByText("Not used with your settings").isVisible()).toBe(true);

    // The JSON export, downloaded through the page's authenticated fetch.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download JSON" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^customer-data-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync((await download.path())!, "utf8")) as {
      shop: string;
      about: { rights: string[] };
      stores: Array<{ store: string; records: Array<{ id: string; deletionDate: string | null; data: Record<string, unknown> }> }>;
    };
    expect(exported.shop).toBe(DEMO_SHOP_DOMAIN);
    expect(exported.about.rights.length).toBeGreaterThan(3);
    const byStore = Object.fromEntries(exported.stores.map((store) => [store.store, store.records]));
    expect(byStore.ReviewRequest!.map((record) => record.id).sort()).toEqual([ids.sent, ids.scheduled].sort());
    expect(byStore.Review!.map((record) => [record.id, record.data.displayName, record.data.body])).toEqual([[ids.review, DISPLAY_NAME, REVIEW_BODY]]);
    expect(byStore.RequestedProduct!.map((record) => record.id)).toEqual([ids.product]);
    // The scheduled request has no deletion date yet (never purged before it is sent); the sent one and the review have one.
    const requestDates = Object.fromEntries(byStore.ReviewRequest!.map((record) => [record.id, record.deletionDate]));
    expect(requestDates[ids.scheduled]).toBeNull();
    for (const date of [requestDates[ids.sent], ...byStore.Review!.map((record) => record.deletionDate)]) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(JSON.stringify(exported)).not.toContain(ids.otherShopCopy);
    await page.getByText(/^Downloaded customer-data-.*\.json\./).waitFor();

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const csvText = readFileSync((await csv.path())!, "utf8");
    expect(csvText.split("\r\n")[0]).toBe('"store","location","record_id","field","value","category","purpose","legal_basis","retention","deletion_date"');
    expect(csvText).toContain(`"Review","Candor database (${engine}`);

    // Each export is an answered access request in the register, by this staff member.
    const accesses = await db.dataRequest.findMany({ where: { shopId: DEMO_SHOP_DOMAIN, kind: "access", source: "admin" } });
    expect(accesses.map((entry) => [entry.status, entry.requestedBy])).toEqual([
      ["completed", `staff:${DEMO_STAFF_USER_ID}`],
      ["completed", `staff:${DEMO_STAFF_USER_ID}`],
    ]);
    expect(dialogs).toEqual([]);
    const dir = path.join(REPO_ROOT, "test-results");
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `admin-customer-data-${testBackend()}.png`), fullPage: true });
    await page.close();
  });

  it("erases only after a confirmation that says what goes, then shows the receipt", async () => {
    const { page, dialogs } = await openAdmin(DEMO_SHOP_DOMAIN, "Customer data");
    await lookUp(page, "Customer ID", `gid://shopify/Customer/${ADA}`);
    await page.getByRole("button", { name: "Erase this customer's data" }).click();
    const confirm = page.getByRole("region", { name: "Confirm erasure" });
    await confirm.waitFor();
    for (const line of ["2 review requests", "1 requested product", "1 review"]) {
      expect(await confirm.getByRole("listitem").filter({ hasText: new RegExp(`^${line}$`) }).count(), line).toBe(1);
    }
    // The two exports of the previous test are register entries: kept as proof.
    expect(await confirm.getByText(/Kept as proof, .*2 data request register entries/).isVisible()).toBe(true);
    expect(await confirm.getByText("This cannot be undone.").isVisible()).toBe(true);
    // Nothing happens before the confirmation.
    expect(await db.reviewRequest.count({ where: { shopId: DEMO_SHOP_DOMAIN } })).toBe(2);

    await confirm.getByRole("button", { name: "Erase permanently" }).click();
    const receipt = page.getByRole("region", { name: "Erasure receipt" });
    await receipt.waitFor();
    expect(await receipt.getByText(new RegExp(`^Erased on \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2} UTC by Staff member ${DEMO_STAFF_USER_ID}\\.$`)).isVisible()).toBe(true);
    for (const line of ["2 review requests removed", "1 requested product removed", "1 review deleted", "0 store events removed"]) {
      expect(await receipt.getByRole("listitem").filter({ hasText: new RegExp(`^${line}$`) }).count(), line).toBe(1);
    }
    expect(await receipt.getByText(/do-not-ask entry/).isVisible()).toBe(true);

    // The lookup runs again: only the register and the do-not-ask entry remain.
    await page.getByRole("region", { name: "Do-not-ask list" }).waitFor();
    expect(await page.getByRole("region", { name: "Review requests" }).count()).toBe(0);
    expect(await page.getByRole("region", { name: "Reviews" }).count()).toBe(0);
    expect(await page.getByRole("region", { name: "Data request register" }).getByText("3 records", { exact: true }).isVisible()).toBe(true);

    expect(await db.reviewRequest.count({ where: { shopId: DEMO_SHOP_DOMAIN } })).toBe(0);
    expect(await db.review.count({ where: { shopId: DEMO_SHOP_DOMAIN } })).toBe(0);
    expect(await db.requestedProduct.count({ where: { shopId: DEMO_SHOP_DOMAIN } })).toBe(0);
    // The other shop's row under the same fingerprint is untouched.
    expect(await db.reviewRequest.findUnique({ where: { id: ids.otherShopCopy } })).not.toBeNull();
    const erasure = await db.dataRequest.findFirstOrThrow({ where: { shopId: DEMO_SHOP_DOMAIN, kind: "erasure" } });
    expect(erasure).toMatchObject({ source: "admin", status: "completed", requestedBy: `staff:${DEMO_STAFF_USER_ID}` });
    expect(erasure.receipt).not.toContain(ADA_EMAIL);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("lists the requests in the register, the overdue one flagged, and warns on the overview", async () => {
    const { page, dialogs } = await openAdmin(DEMO_SHOP_DOMAIN, "Data requests");
    const rows = page.getByRole("row").filter({ has: page.getByRole("cell") });
    await expect.poll(() => rows.count()).toBe(4);

    const erasure = rows.filter({ hasText: "Erasure" });
    expect(await erasure.count()).toBe(1);
    expect(await erasure.textContent()).toMatch(/ErasureAdminGDPR \(1 month\)/);
    expect(await erasure.getByText("Completed", { exact: true }).isVisible()).toBe(true);
    await erasure.getByText("Receipt", { exact: true }).click();
    expect(await erasure.getByText("2 review requests removed", { exact: true }).isVisible()).toBe(true);
    expect(await erasure.getByText(`Requested by Staff member ${DEMO_STAFF_USER_ID}`).isVisible()).toBe(true);

    const accesses = rows.filter({ hasText: "Access (export)" }).filter({ hasText: "Admin" });
    expect(await accesses.count()).toBe(2);
    await accesses.first().getByText("Receipt", { exact: true }).click();
    expect(await accesses.first().getByText(/^Exported .* as (JSON|CSV)$/).isVisible()).toBe(true);

    const overdue = rows.filter({ hasText: "Shopify" });
    expect(await overdue.getByText("Pending", { exact: true }).isVisible()).toBe(true);
    expect(await overdue.locator(".Polaris-Badge--toneCritical", { hasText: "Overdue" }).count()).toBe(1);
    expect(await rows.locator(".Polaris-Badge--toneCritical", { hasText: "Overdue" }).count()).toBe(1);

    await page.getByRole("link", { name: "Overview", exact: true }).click();
    const banner = page.getByRole("alert").filter({ hasText: "A customer data request is waiting" });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Overdue: 1 past the legal due date; the earliest was due \d{1,2} \w{3} \d{4}/);
    expect(await banner.innerHTML()).toMatch(/critical/i);

    await page.screenshot({ path: path.join(REPO_ROOT, "test-results", `admin-overview-data-requests-${testBackend()}.png`) });
    await page.getByRole("link", { name: "Data requests", exact: true }).click();
    await page.getByRole("heading", { name: "Data requests", exact: true }).waitFor();
    await page.screenshot({ path: path.join(REPO_ROOT, "test-results", `admin-data-requests-${testBackend()}.png`), fullPage: true });
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("shows another shop nothing of this customer, even with the same customer id", async () => {
    const { page } = await openAdmin(OTHER_SHOP, "Customer data");
    await page.getByLabel("Look up by").selectOption({ label: "Customer ID" });
    await page.getByLabel("Customer ID", { exact: true }).fill(ADA);
    await page.getByRole("button", { name: "Look up" }).click();
    // Shopify does not know this customer in the other shop and Candor holds nothing for it there: a not-found, nothing registered.
    await page.getByText("This shop has no customer with that id, and Candor holds nothing for it.").waitFor();
    expect(await page.getByRole("region", { name: "Review requests" }).count()).toBe(0);
    expect(await page.content()).not.toContain(ids.otherShopCopy);
    // Its own register is empty too.
    await page.getByRole("link", { name: "Data requests", exact: true }).click();
    await page.getByText(/^No data requests yet\./).waitFor();
    await page.close();
  });
});
