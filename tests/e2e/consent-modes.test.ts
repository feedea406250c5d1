/**
 * Consent at send time on the real server and worker, with the fake Shopify Admin API and the
 * mail catcher: consent required refuses a customer who is not subscribed and says why; a
 * consent withdrawal arriving (as a signed webhook) between scheduling and the due time stops
 * the email; a per-country consent mode is applied with the country Shopify gives at send time.
 */
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { FakeAddress } from "../../dev/fake-shopify/types";
import { waitFor } from "../support/app-process";
import { BROWSER_USER_AGENT } from "../support/browser";
import { ADMIN_API_EMAIL, fixtureCustomerId, startReviewEmailWorld, type ReviewEmailWorld } from "../support/review-email-world";

const addressIn = (countryCode: string, country: string): FakeAddress => ({
  firstName: "Sam",
  lastName: "Buyer",
  address1: "1 Example Street",
  address2: null,
  city: "Example City",
  province: null,
  provinceCode: null,
  zip: "10115",
  country,
  countryCode,
  phone: null,
});

describe("consent modes and the consent ledger at send time (real server, worker, fake Shopify, SMTP)", () => {
  let world: ReviewEmailWorld;
  let queue: Queue;

  beforeAll(async () => {
    world = await startReviewEmailWorld("consent");
    queue = new Queue("review-emails", { connection: world.redis, prefix: world.env.QUEUE_PREFIX });
  }, 120_000);

  afterAll(async () => {
    await queue?.close();
    await world?.stop();
  });

  const mailsFor = (shopName: string) => world.mail.messages.filter((message) => (message.text ?? "").includes(shopName));
  const setSettings = (shop: string, values: Record<string, unknown>) =>
    world.db.shopSettings.update({ where: { shopId: shop }, data: { values: JSON.stringify(values) } });

  it("consent required: a customer who is not subscribed gets no email, and the request says why", async () => {
    const shop = await world.installShop("consent-required", { marketingState: "NOT_SUBSCRIBED" });
    const order = world.addOrder(shop);
    expect((await world.deliver(shop, "orders/fulfilled", order.body)).status).toBe(200);
    const request = await waitFor(() => world.db.reviewRequest.findFirst({ where: { shopId: shop, status: "cancelled" } }), 20_000, "refusal");
    expect(request.statusReason).toBe("consent_not_subscribed");
    expect(await world.db.sendAttempt.count({ where: { shopId: shop } })).toBe(0);

    // The same customer subscribes in Shopify: their next order is asked.
    world.fake.updateCustomer(shop, fixtureCustomerId, { marketingState: "SUBSCRIBED", marketingUpdatedAt: new Date().toISOString() });
    const next = world.addOrder(shop);
    expect((await world.deliver(shop, "orders/fulfilled", next.body)).status).toBe(200);
    await world.mail.waitForMessage((message) => (message.text ?? "").includes("consent-required"), { timeoutMs: 20_000 });
    expect(mailsFor("consent-required")).toHaveLength(1);
    expect(mailsFor("consent-required")[0]!.envelope.to).toEqual([ADMIN_API_EMAIL]);
  }, 90_000);

  it("a withdrawal webhook arriving after scheduling stops the email at its due time, though the Admin API still says subscribed", async () => {
    const shop = await world.installShop("consent-withdrawn");
    // Shopify's Admin API still shows the old state (it lags behind the webhook).
    world.fake.updateCustomer(shop, fixtureCustomerId, { marketingState: "SUBSCRIBED", marketingUpdatedAt: "2026-01-15T10:00:00Z" });
    await setSettings(shop, { delayDays: 3 });
    const order = world.addOrder(shop);
    expect((await world.deliver(shop, "orders/fulfilled", order.body)).status).toBe(200);
    const scheduled = await waitFor(() => world.db.reviewRequest.findFirst({ where: { shopId: shop, status: "scheduled" } }), 15_000, "scheduled request");
    const job = await waitFor(() => queue.getJob(`review-request-${scheduled.id}`), 10_000, "delayed job");
    expect(await job.getState()).toBe("delayed");

    // Shopify writes the 64-bit id as a bare JSON number.
    const withdrawal = `{"customer_id":${fixtureCustomerId},"email_address":"${ADMIN_API_EMAIL}","email_marketing_consent":{"state":"unsubscribed","opt_in_level":"single_opt_in","consent_updated_at":"${new Date().toISOString()}"}}`;
    expect((await world.deliver(shop, "customers_email_marketing_consent/update", withdrawal)).status).toBe(200);
    const entry = await waitFor(() => world.db.consentEntry.findFirst({ where: { shopId: shop } }), 15_000, "ledger entry");
    expect(entry).toMatchObject({ state: "unsubscribed", source: "shopify_webhook", customerRef: scheduled.customerRef });
    // Recorded, not acted on yet: the request still waits for its due time.
    expect((await world.db.reviewRequest.findUniqueOrThrow({ where: { id: scheduled.id } })).status).toBe("scheduled");

    // The due time arrives.
    await world.db.reviewRequest.update({ where: { id: scheduled.id }, data: { dueAt: new Date() } });
    await job.promote();
    const refused = await waitFor(
      () => world.db.reviewRequest.findFirst({ where: { id: scheduled.id, status: "cancelled" } }),
      20_000,
      "send-time refusal",
    );
    expect(refused.statusReason).toBe("consent_withdrawn");
    // The Admin API was asked at send time, and said "subscribed"; the ledger's later withdrawal won.
    const sendContext = world.fake.graphqlRequests(shop).filter((request) => request.operationName === "CandorSendContext");
    expect(sendContext.length).toBeGreaterThan(0);
    expect(sendContext.every((request) => request.status === 200 && request.errorCodes.length === 0)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(mailsFor("consent-withdrawn")).toHaveLength(0);
    expect(await world.db.sendAttempt.count({ where: { shopId: shop } })).toBe(0);
  }, 90_000);

  it("applies a country's own mode: soft opt-in in general, consent required in Germany", async () => {
    const shop = await world.installShop("consent-country", { marketingState: "NOT_SUBSCRIBED" });
    await setSettings(shop, { delayDays: 0, consentMode: "soft_opt_in", consentModeByCountry: { DE: "consent_required" } });
    world.fake.addCustomer(shop, { id: "7100000000000000001", email: "de.buyer@example.net", marketingState: "NOT_SUBSCRIBED", defaultAddress: addressIn("DE", "Germany") });
    world.fake.addCustomer(shop, { id: "7100000000000000002", email: "fr.buyer@example.net", marketingState: "NOT_SUBSCRIBED", defaultAddress: addressIn("FR", "France") });
    world.fake.addCustomer(shop, { id: "7100000000000000003", email: "de.subscriber@example.net", marketingState: "SUBSCRIBED", defaultAddress: addressIn("DE", "Germany") });

    const german = world.addOrder(shop, { customerId: "7100000000000000001" });
    const french = world.addOrder(shop, { customerId: "7100000000000000002" });
    const germanSubscriber = world.addOrder(shop, { customerId: "7100000000000000003" });
    // The sample's customer has no address: the shop's own mode (soft opt-in) applies.
    const noCountry = world.addOrder(shop);
    for (const order of [german, french, germanSubscriber, noCountry]) expect((await world.deliver(shop, "orders/fulfilled", order.body)).status).toBe(200);

    for (const address of ["fr.buyer@example.net", "de.subscriber@example.net", ADMIN_API_EMAIL]) {
      await world.mail.waitForMessage((message) => message.envelope.to.includes(address) && (message.text ?? "").includes("consent-country"), { timeoutMs: 20_000 });
    }
    const refused = await waitFor(() => world.db.reviewRequest.findFirst({ where: { shopId: shop, orderId: german.orderId, status: "cancelled" } }), 20_000, "German refusal");
    expect(refused.statusReason).toBe("consent_not_subscribed");
    await waitFor(async () => (await world.db.reviewRequest.count({ where: { shopId: shop, status: "sent" } })) === 3, 10_000, "three sent");
    expect(mailsFor("consent-country").flatMap((message) => message.envelope.to).sort()).toEqual(
      [ADMIN_API_EMAIL, "de.subscriber@example.net", "fr.buyer@example.net"].sort(),
    );
  }, 90_000);

  it("shows the privacy notice in the admin and at GET /api/v1/privacy-notice, and the ledger names its version", async () => {
    const shopName = "consent-notice";
    const shop = await world.installShop(shopName);
    await setSettings(shop, { consentMode: "soft_opt_in", consentModeByCountry: { DE: "consent_required" } });
    const api = async (query: string, { signedIn = true } = {}) => {
      const headers: Record<string, string> = signedIn ? { Authorization: `Bearer ${await world.sessionToken(shop)}` } : {};
      return fetch(`${world.web.url}/api/v1/privacy-notice${query}`, { headers });
    };

    const german = await api("?lang=de");
    expect(german.status).toBe(200);
    const germanBody = (await german.json()) as { version: string; texts: Record<string, string> };
    expect(Object.keys(germanBody.texts)).toEqual(["de"]);
    expect(germanBody.version).toMatch(/^[0-9a-f]{12}$/);
    expect(germanBody.texts.de).toContain("Für Kundinnen und Kunden in folgenden Ländern – Deutschland – gilt");
    expect(germanBody.texts.de).toContain("In der Datenbank von Candor, in dieser Region: eu-central (test).");

    const all = (await (await api("")).json()) as { version: string; texts: Record<string, string> };
    expect(Object.keys(all.texts).sort()).toEqual(["de", "en", "fr"]);
    expect(all.version).toBe(germanBody.version);
    expect(all.texts.en).toContain("For customers in these countries — Germany — we only ask those who have agreed to receive our marketing emails.");
    expect(all.texts.fr).toContain("Allemagne");

    expect((await api("?lang=es")).status).toBe(422);
    expect((await api("?lang=en&format=html")).status).toBe(422);
    expect((await api("?lang=en", { signedIn: false })).status).toBe(401);

    // The admin screen shows the same text and version, ready to copy.
    const idToken = await world.sessionToken(shop);
    const host = Buffer.from(`admin.shopify.com/store/${shopName}`).toString("base64url");
    const page = await fetch(`${world.web.url}/app/privacy-notice?${new URLSearchParams({ embedded: "1", shop, host, id_token: idToken })}`, {
      headers: { "User-Agent": BROWSER_USER_AGENT },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`Version ${all.version}`);
    expect(html).toContain("For customers in these countries — Germany — we only ask those who have agreed to receive our marketing emails.");
    expect(html).toContain("Copy German text");

    // A consent change recorded now names this version.
    const change = `{"customer_id":${fixtureCustomerId},"email_address":"${ADMIN_API_EMAIL}","email_marketing_consent":{"state":"subscribed","opt_in_level":"confirmed_opt_in","consent_updated_at":"2026-11-20T08:00:00Z"}}`;
    expect((await world.deliver(shop, "customers_email_marketing_consent/update", change)).status).toBe(200);
    const entry = await waitFor(() => world.db.consentEntry.findFirst({ where: { shopId: shop } }), 15_000, "ledger entry");
    expect(entry).toMatchObject({ state: "subscribed", noticeVersion: all.version, occurredAt: new Date("2026-11-20T08:00:00Z") });
  }, 60_000);
});
