/**
 * The consent ledger on a real database (both backends), fed by the real server and worker:
 * the database itself refuses to change an entry, consent webhooks are appended once each and
 * in the order the changes happened, the unsubscribe link appends too, and the erasure removes
 * the ledger while the suppression stays.
 */
import { randomUUID } from "node:crypto";

import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { postgresConnectionSettings, sqliteFilePath } from "../../app/db/database-url";
import type { Db } from "../../app/db.server";
import { findCurrentConsent } from "../../app/modules/consent/find-current-consent.server";
import { suppressCustomer } from "../../app/modules/consent/suppress-customer.server";
import { getEnv } from "../../app/modules/config/get-env.server";
import { computeBlindIndex } from "../../app/modules/crypto/compute-blind-index.server";
import { eraseCustomerData } from "../../app/modules/data-rights/erase-customer-data.server";
import { getPrivacyNotice } from "../../app/modules/privacy-notice/get-privacy-notice.server";
import { createUnsubscribeLink } from "../../app/modules/review-links/create-unsubscribe-link.server";
import { updateShopSettings } from "../../app/modules/settings/update-shop-settings.server";
import { waitFor } from "../support/app-process";
import { startAppStack, type AppStack } from "../support/app-stack";
import { dumpDatabase } from "../support/dump-database";
import { postSignedWebhook } from "../support/signed-webhook";

const SHOP = "consent-ledger.myshopify.com";
const CUSTOMER_ID = "7340000000000000777";
const EMAIL = "consent.customer@example.org";

function consentBody(state: string, consentUpdatedAt: string | null, customerId = CUSTOMER_ID): string {
  // A 64-bit id as Shopify writes it: a JSON number beyond 2^53.
  return `{"customer_id":${customerId},"email_address":"${EMAIL}","email_marketing_consent":{"state":"${state}","opt_in_level":"single_opt_in","consent_updated_at":${
    consentUpdatedAt ? `"${consentUpdatedAt}"` : "null"
  }}}`;
}

/** Runs one statement through the database's own driver, past Prisma, as any other client could. */
async function runSql(url: string, backend: "sqlite" | "postgresql", sql: string): Promise<void> {
  if (backend === "sqlite") {
    const connection = new Database(sqliteFilePath(url));
    try {
      connection.exec(sql);
    } finally {
      connection.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: postgresConnectionSettings(url).connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe("consent ledger (real server, worker, Redis and database)", () => {
  let stack: AppStack;
  let db: Db;
  let env: Record<string, string>;
  const savedEnv = { ...process.env };
  let customerRef: string;
  let emailRef: string;

  beforeAll(async () => {
    stack = await startAppStack();
    ({ db, env } = stack);
    // The test reads the ledger through the app's own modules, on the same database and keys.
    Object.assign(process.env, env);
    customerRef = computeBlindIndex(getEnv().BLIND_INDEX_KEY, SHOP, "customer", `gid://shopify/Customer/${CUSTOMER_ID}`);
    emailRef = computeBlindIndex(getEnv().BLIND_INDEX_KEY, SHOP, "email", EMAIL);
  });

  afterAll(async () => {
    await stack?.stop();
    process.env = savedEnv;
  });

  const deliver = (body: string, webhookId = randomUUID()) =>
    postSignedWebhook({ appUrl: stack.web.url, shop: SHOP, topic: "customers_email_marketing_consent/update", body, apiSecret: env.SHOPIFY_API_SECRET!, webhookId });
  const ledger = () => db.consentEntry.findMany({ where: { shopId: SHOP }, orderBy: [{ occurredAt: "asc" }, { recordedAt: "asc" }] });
  const processed = (count: number) =>
    waitFor(
      async () => (await db.webhookDelivery.count({ where: { shopId: SHOP, topic: "CUSTOMERS_EMAIL_MARKETING_CONSENT_UPDATE", processedAt: { not: null } } })) >= count,
      15_000,
      `${count} consent webhooks applied`,
    );

  it("refuses an UPDATE of an entry in the database itself, and allows DELETE", async () => {
    const id = randomUUID();
    await db.consentEntry.create({
      data: { id, shopId: "other.myshopify.com", customerRef: "c", emailRef: null, state: "subscribed", source: "import", occurredAt: new Date(), noticeVersion: "0123456789ab" },
    });
    // The database's own words, whichever client asks.
    await expect(runSql(stack.database.url, stack.database.backend, `UPDATE "ConsentEntry" SET "state" = 'unsubscribed' WHERE "id" = '${id}'`)).rejects.toThrow(
      /ConsentEntry is append-only/,
    );
    // Through Prisma too (which words a trigger's refusal in its own way on SQLite).
    await expect(db.consentEntry.update({ where: { id }, data: { state: "unsubscribed" } })).rejects.toThrow();
    await expect(db.consentEntry.updateMany({ where: { shopId: "other.myshopify.com" }, data: { noticeVersion: "x" } })).rejects.toThrow();
    expect(await db.consentEntry.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "subscribed", noticeVersion: "0123456789ab" });
    expect((await db.consentEntry.deleteMany({ where: { id } })).count).toBe(1);
  });

  it("appends each consent webhook once, dated by Shopify's consent time, and derives the latest change whatever the arrival order", async () => {
    const notSubscribed = consentBody("not_subscribed", "2026-11-01T09:00:00Z");
    const subscribed = consentBody("subscribed", "2026-11-02T09:00:00Z");
    const unsubscribed = consentBody("unsubscribed", "2026-11-03T09:00:00Z");
    // Shopify does not guarantee order: the last change arrives first.
    const repeatedId = randomUUID();
    for (const [body, webhookId] of [[unsubscribed, repeatedId], [notSubscribed, undefined], [unsubscribed, repeatedId], [subscribed, undefined]] as const) {
      expect((await deliver(body, webhookId)).status).toBe(200);
    }
    await processed(3);

    const entries = await ledger();
    expect(entries.map((entry) => [entry.state, entry.occurredAt.toISOString()])).toEqual([
      ["not_subscribed", "2026-11-01T09:00:00.000Z"],
      ["subscribed", "2026-11-02T09:00:00.000Z"],
      ["unsubscribed", "2026-11-03T09:00:00.000Z"],
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ shopId: SHOP, customerRef, emailRef, source: "shopify_webhook" });
      expect(entry.noticeVersion).toBe((await getPrivacyNotice(SHOP)).version);
    }
    expect(await findCurrentConsent(SHOP, [{ customerRef, emailRef: null }])).toMatchObject({ state: "unsubscribed", source: "shopify_webhook" });
    // Either blind index finds the same history.
    expect(await findCurrentConsent(SHOP, [{ customerRef: null, emailRef }])).toMatchObject({ state: "unsubscribed" });
    // The address itself is nowhere.
    expect(await dumpDatabase(db, stack.database.url)).not.toContain(EMAIL);
  });

  it("keeps every change in order, and never rewrites one: a later change is a new entry", async () => {
    const before = await ledger();
    expect((await deliver(consentBody("subscribed", "2026-11-04T09:00:00Z"))).status).toBe(200);
    // No consent time from Shopify: dated by when Shopify sent the webhook.
    const sentAround = Date.now();
    expect((await deliver(consentBody("pending", null))).status).toBe(200);
    await processed(5);
    const after = await ledger();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((entry) => entry.state)).toEqual(["subscribed", "pending"]);
    expect(Math.abs(after.at(-1)!.occurredAt.getTime() - sentAround)).toBeLessThan(30_000);
    expect(await findCurrentConsent(SHOP, [{ customerRef, emailRef }])).toMatchObject({ state: "pending" });
  });

  it("records which notice applied: a settings change that alters the notice gives later entries a new version", async () => {
    const oldVersion = (await getPrivacyNotice(SHOP)).version;
    await updateShopSettings(SHOP, { consentMode: "soft_opt_in", consentModeByCountry: { DE: "consent_required" } }, { requestedBy: "staff:1" });
    const newVersion = (await getPrivacyNotice(SHOP)).version;
    expect(newVersion).not.toBe(oldVersion);
    expect((await deliver(consentBody("subscribed", "2026-11-05T09:00:00Z"))).status).toBe(200);
    await processed(6);
    const entries = await db.consentEntry.findMany({ where: { shopId: SHOP }, orderBy: { recordedAt: "asc" } });
    expect(entries.at(-1)).toMatchObject({ state: "subscribed", occurredAt: new Date("2026-11-05T09:00:00Z"), noticeVersion: newVersion });
    expect(entries.slice(0, -1).every((entry) => entry.noticeVersion === oldVersion)).toBe(true);
  });

  it("appends the unsubscribe link's withdrawal once, keeps the suppression, and an erasure removes the ledger but not the suppression", async () => {
    const requestId = randomUUID();
    await db.reviewRequest.create({
      data: {
        id: requestId,
        shopId: SHOP,
        orderId: "gid://shopify/Order/55",
        groupKey: "order",
        productIds: JSON.stringify(["gid://shopify/Product/1"]),
        customerRef,
        emailRef,
        status: "sent",
        dueAt: new Date(),
        sentAt: new Date(),
      },
    });
    const link = await createUnsubscribeLink(SHOP, requestId);
    const click = () => fetch(link, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
    expect((await click()).status).toBe(200);
    expect((await click()).status).toBe(200);
    const fromLink = await db.consentEntry.findMany({ where: { shopId: SHOP, source: "unsubscribe_link" } });
    expect(fromLink).toHaveLength(1);
    expect(fromLink[0]).toMatchObject({ state: "unsubscribed", customerRef, emailRef });
    expect(await findCurrentConsent(SHOP, [{ customerRef, emailRef }])).toMatchObject({ state: "unsubscribed", source: "unsubscribe_link" });
    expect(await db.suppression.count({ where: { shopId: SHOP, source: "unsubscribe_link" } })).toBe(1);

    const total = await db.consentEntry.count({ where: { shopId: SHOP } });
    const receipt = await eraseCustomerData(SHOP, { customerRef, emailRef, orderIds: [] }, { requestedBy: "staff:1" });
    expect(receipt.counts.consentEntries).toBe(total);
    expect(await db.consentEntry.count({ where: { shopId: SHOP } })).toBe(0);
    expect(await db.suppression.count({ where: { shopId: SHOP } })).toBe(2);
    expect(await findCurrentConsent(SHOP, [{ customerRef, emailRef }])).toBeNull();
  });

  it("appends a merchant's suppression as an admin withdrawal, once; an erasure's suppression adds nothing to the ledger", async () => {
    const merchantChoice = { customerRef: `cref-${randomUUID()}`, emailRef: null };
    await suppressCustomer(SHOP, merchantChoice, "admin");
    await suppressCustomer(SHOP, merchantChoice, "admin");
    const entries = await db.consentEntry.findMany({ where: { shopId: SHOP, customerRef: merchantChoice.customerRef } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ state: "unsubscribed", source: "admin", noticeVersion: (await getPrivacyNotice(SHOP)).version });

    const erased = { customerRef: `cref-${randomUUID()}`, emailRef: null };
    await suppressCustomer(SHOP, erased, "erasure");
    expect(await db.suppression.count({ where: { shopId: SHOP, customerRef: erased.customerRef } })).toBe(1);
    expect(await db.consentEntry.count({ where: { shopId: SHOP, customerRef: erased.customerRef } })).toBe(0);
  });
});
