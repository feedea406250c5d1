import { readFileSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SHOP_SETTINGS_TTL_MS } from "../../app/modules/settings/shop-settings-cache.server";
import { DEMO_OWNER_USER_ID } from "../../dev/fake-shopify/index";
import { REPO_ROOT, waitFor } from "../support/app-process";
import { dumpDatabase } from "../support/dump-database";
import { dumpRedis } from "../support/redis-server";
import { ADMIN_API_EMAIL, fixtureCustomerId, startReviewEmailWorld, type ReviewEmailWorld } from "../support/review-email-world";

const sample = (file: string) => readFileSync(path.join(REPO_ROOT, "tests/fixtures/shopify-webhooks", file), "utf8");

/** The shared `customers/redact` sample, for this shop, customer and orders (64-bit ids as raw digits). */
function redactBody(shop: string, customerId: string, email: string, orderNumbers: string[]): string {
  const body = JSON.parse(sample("customers/redact.json")) as Record<string, unknown> & { customer: Record<string, unknown> };
  body.shop_domain = shop;
  body.customer = { ...body.customer, id: "__CUSTOMER__", email };
  body.orders_to_redact = orderNumbers.map((_, index) => `__ORDER_${index}__`);
  let text = JSON.stringify(body).replace('"__CUSTOMER__"', customerId);
  orderNumbers.forEach((number, index) => (text = text.replace(`"__ORDER_${index}__"`, number)));
  return text;
}

describe("customer data rights: customers/redact and shop/redact (real server, worker, Redis, database)", () => {
  let world: ReviewEmailWorld;

  beforeAll(async () => {
    world = await startReviewEmailWorld("rights");
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  /** A customer's whole journey: a sent request with a reminder pending, a submitted review, a second order still scheduled. */
  async function journey(shop: string) {
    await world.db.shopSettings.update({ where: { shopId: shop }, data: { values: JSON.stringify({ delayDays: 0, reminderDays: 5 }) } });
    const order = world.addOrder(shop);
    expect((await world.deliver(shop, "orders/fulfilled", order.body)).status).toBe(200);
    const message = await world.mail.waitForMessage((candidate) => (candidate.text ?? "").includes(shop), { timeoutMs: 20_000 });
    const link = /https:\/\/[\w.-]+\/apps\/candor\/review\?token=[\w.-]+/.exec(message.text ?? "")![0];
    const submitted = await fetch(`${world.storefrontUrl(link)}&product=1`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ rating: "5", body: "Exactly as described.", displayName: "John S." }).toString(),
    });
    expect(submitted.status).toBe(200);
    await world.db.shopSettings.update({ where: { shopId: shop }, data: { values: JSON.stringify({ delayDays: 9, reminderDays: 5 }) } });
    // Saved by another process: the worker's copy of the settings lasts this long at most.
    await new Promise((resolve) => setTimeout(resolve, SHOP_SETTINGS_TTL_MS + 500));
    const later = world.addOrder(shop);
    world.fake.addProduct(shop, { id: "4455667788", title: "Desk lamp" });
    const laterBody = later.body.replace(/"product_id":\d+/, '"product_id":4455667788');
    expect((await world.deliver(shop, "orders/fulfilled", laterBody)).status).toBe(200);
    await waitFor(async () => (await world.db.reviewRequest.count({ where: { shopId: shop } })) === 2, 15_000, "two requests");
    return { order, later, laterBody };
  }

  it("customers/redact erases every trace of the customer, and a replayed old order cannot bring them back", async () => {
    const shop = await world.installShop("rights-redact");
    const { order, later, laterBody } = await journey(shop);
    expect(await world.db.review.count({ where: { shopId: shop } })).toBe(1);
    const customerGid = `gid://shopify/Customer/${fixtureCustomerId}`;

    expect((await world.deliver(shop, "customers/redact", redactBody(shop, fixtureCustomerId, ADMIN_API_EMAIL, [order.orderNumber]))).status).toBe(200);
    const request = await waitFor(
      () => world.db.dataRequest.findFirst({ where: { shopId: shop, kind: "erasure", status: "completed" } }),
      20_000,
      "erasure completed",
    );
    const receipt = JSON.parse(request.receipt!) as { counts: Record<string, number>; requestedBy: string };
    expect(receipt.requestedBy).toBe("shopify");
    expect(receipt.counts).toMatchObject({ reviewRequests: 2, reviewsDeleted: 1, sendAttempts: 1 });
    expect(await world.db.reviewRequest.count({ where: { shopId: shop } })).toBe(0);
    expect(await world.db.review.count({ where: { shopId: shop } })).toBe(0);
    expect(await world.db.suppression.count({ where: { shopId: shop, source: "erasure" } })).toBe(1);
    // No job of the customer is left in Redis (the scheduled send and the pending reminder).
    const redis = await dumpRedis(world.env.REDIS_URL!, world.env.QUEUE_PREFIX!);
    expect(redis).not.toContain(order.orderId);
    expect(redis).not.toContain(later.orderId);

    // Shopify retries an old orders/fulfilled after the erasure: nothing comes back.
    expect((await world.deliver(shop, "orders/fulfilled", order.body)).status).toBe(200);
    expect((await world.deliver(shop, "orders/fulfilled", laterBody)).status).toBe(200);
    await waitFor(
      async () => (await world.db.webhookDelivery.count({ where: { shopId: shop, topic: "ORDERS_FULFILLED", processedAt: { not: null } } })) === 2,
      15_000,
      "replays applied",
    );
    expect(await world.db.reviewRequest.count({ where: { shopId: shop } })).toBe(0);

    const everything = [
      await dumpDatabase(world.db, world.database.url),
      await dumpRedis(world.env.REDIS_URL!, world.env.QUEUE_PREFIX!),
      world.web.output.join("\n"),
      world.worker.output.join("\n"),
    ].join("\n");
    for (const value of [customerGid, fixtureCustomerId, ADMIN_API_EMAIL, "john@example.com", "555-625-1199", "John S."]) {
      expect(everything, `${value} is still stored or logged`).not.toContain(value);
    }
  }, 90_000);

  it("customers/data_request enters a pending access request with its one-month due date, once", async () => {
    const shop = await world.installShop("rights-access");
    const body = sample("customers/data_request.json").replaceAll("{shop}.myshopify.com", shop);
    expect((await world.deliver(shop, "customers/data_request", body)).status).toBe(200);
    expect((await world.deliver(shop, "customers/data_request", body)).status).toBe(200);
    await waitFor(
      async () => (await world.db.webhookDelivery.count({ where: { shopId: shop, topic: "CUSTOMERS_DATA_REQUEST", processedAt: { not: null } } })) === 2,
      15_000,
      "both deliveries applied",
    );
    const requests = await world.db.dataRequest.findMany({ where: { shopId: shop } });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ kind: "access", source: "shopify_webhook", status: "pending", regime: "gdpr" });
    expect(requests[0]!.dueAt.getTime() - requests[0]!.receivedAt.getTime()).toBe(30 * 86_400_000);
    expect(requests[0]!.customerRef).toMatch(/^[0-9a-f]{64}$/);
  }, 60_000);

  it("shop/redact removes every row of the shop, sessions included, and leaves other shops alone", async () => {
    const shop = await world.installShop("rights-shop-gone");
    const other = await world.installShop("rights-shop-stays");
    await journey(shop);
    await world.db.shopSettings.update({ where: { shopId: other }, data: { values: JSON.stringify({ delayDays: 3 }) } });
    expect((await world.deliver(other, "orders/fulfilled", world.addOrder(other).body)).status).toBe(200);
    await waitFor(() => world.db.reviewRequest.findFirst({ where: { shopId: other } }), 15_000, "other shop's request");

    const requestIds = (await world.db.reviewRequest.findMany({ where: { shopId: shop }, select: { id: true } })).map((row) => row.id);
    expect(requestIds.length).toBeGreaterThan(0);
    const body = sample("shop/redact.json").replaceAll("{shop}.myshopify.com", shop);
    expect((await world.deliver(shop, "shop/redact", body)).status).toBe(200);
    await waitFor(async () => (await world.db.session.count({ where: { shop } })) === 0, 20_000, "shop redacted");
    await waitFor(async () => world.worker.output.some((line) => line.includes("shop data redacted") && line.includes(shop)), 10_000, "log line");
    expect(await dumpDatabase(world.db, world.database.url)).not.toContain(shop);
    // No job of the shop is left (BullMQ's event stream may still list past job ids, no data).
    const jobKeys = (await dumpRedis(world.env.REDIS_URL!, world.env.QUEUE_PREFIX!)).split("\n").filter((line) => !line.includes(":events "));
    for (const id of requestIds) expect(jobKeys.join("\n")).not.toContain(id);
    expect(await world.db.reviewRequest.count({ where: { shopId: other } })).toBe(1);
    expect(await world.db.session.count({ where: { shop: other } })).toBe(1);
  }, 90_000);

  describe("the JSON API (/api/v1/, Shopify session token)", () => {
    const api = async (shop: string, path: string, init: RequestInit = {}) =>
      fetch(`${world.web.url}/api/v1/${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${await world.sessionToken(shop)}`, "Content-Type": "application/json", ...init.headers },
      });

    it("lists every record of the customer with location, purpose and deletion date, exports it as JSON and CSV, and erases it", async () => {
      const shop = await world.installShop("rights-api");
      await journey(shop);

      // The customer id is above 2^53: matched exactly as text.
      expect(BigInt(fixtureCustomerId) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
      const response = await api(shop, `customers/inventory?customerId=${fixtureCustomerId}`);
      expect(response.status).toBe(200);
      const inventory = (await response.json()) as {
        complete: boolean;
        total: number;
        stores: Array<{ store: string; location: { engine: string; region: string }; fields: Array<{ name: string; purpose: string; legalBasis: { text: string } }>; records: Array<{ id: string; deletionDate: string | null; data: Record<string, unknown> }> }>;
        processors: Array<{ name: string }>;
      };
      expect(inventory.complete).toBe(true);
      const stores = Object.fromEntries(inventory.stores.map((store) => [store.store, store]));
      expect(Object.keys(stores).sort()).toEqual(
        expect.arrayContaining(["RequestedProduct", "Review", "ReviewRequest", "SendAttempt", "WebhookDelivery", "send-review-reminder"]),
      );
      expect(stores.ReviewRequest!.records).toHaveLength(2);
      expect(stores.Review!.records[0]!.data.displayName).toBe("John S.");
      for (const name of ["ReviewRequest", "Review", "SendAttempt", "WebhookDelivery"]) {
        const store = stores[name]!;
        expect(store.location.region).toContain("eu-central (test)");
        expect(store.fields.every((field) => field.purpose.length > 10 && field.legalBasis.text.length > 5)).toBe(true);
        for (const record of store.records) {
          // A request still to be sent, or whose reminder is still to come, has no date yet: the purge never takes it.
          const open = name === "ReviewRequest" && (["scheduled", "sending"].includes(String(record.data.status)) || (record.data.reminderDueAt && !record.data.reminderSentAt));
          if (open) expect(record.deletionDate, `${name} ${record.id}`).toBeNull();
          else expect(record.deletionDate, `${name} ${record.id}`).toMatch(/^\d{4}-\d{2}-\d{2}T/);
        }
      }
      expect(inventory.processors.map((processor) => processor.name)).toContain("email-provider");
      // The same customer found by email and by order.
      const byEmail = (await (await api(shop, `customers/inventory?email=${encodeURIComponent(ADMIN_API_EMAIL)}`)).json()) as { total: number };
      expect(byEmail.total).toBe(inventory.total);

      const json = await api(shop, `customers/export?customerId=gid://shopify/Customer/${fixtureCustomerId}&format=json`);
      expect(json.status).toBe(200);
      expect(json.headers.get("content-disposition")).toMatch(/attachment; filename="customer-data-\d{4}-\d{2}-\d{2}\.json"/);
      const exported = (await json.json()) as { about: { rights: string[] }; stores: Array<{ store: string }> };
      expect(exported.about.rights.length).toBeGreaterThan(3);
      // Everything the inventory listed, plus the register entry of this access request itself.
      expect(exported.stores.map((store) => store.store).sort()).toEqual([...inventory.stores.map((store) => store.store), "DataRequest"].sort());
      const csv = await (await api(shop, `customers/export?customerId=${fixtureCustomerId}&format=csv`)).text();
      expect(csv.split("\r\n")[0]).toBe('"store","location","record_id","field","value","category","purpose","legal_basis","retention","deletion_date"');
      expect(csv).toContain('"Review"');
      expect(csv).toContain('"John S."');

      const erased = await api(shop, "customers/erase", { method: "POST", body: JSON.stringify({ customerId: fixtureCustomerId }) });
      expect(erased.status).toBe(200);
      const receipt = (await erased.json()) as { counts: Record<string, number>; dataRequestId: string; requestedBy: string };
      expect(receipt.counts.reviewRequests).toBe(2);
      expect(receipt.requestedBy).toBe(`staff:${DEMO_OWNER_USER_ID}`);
      expect(JSON.stringify(receipt)).not.toContain(ADMIN_API_EMAIL);
      const again = (await (await api(shop, "customers/erase", { method: "POST", body: JSON.stringify({ customerId: fixtureCustomerId }) })).json()) as {
        counts: Record<string, number>;
      };
      expect(Object.values(again.counts).every((count) => count === 0)).toBe(true);

      const register = (await (await api(shop, "data-requests")).json()) as { dataRequests: Array<{ kind: string; source: string; status: string }> };
      expect(register.dataRequests.map((entry) => [entry.kind, entry.source, entry.status])).toEqual([
        ["erasure", "api", "completed"],
        ["erasure", "api", "completed"],
        ["access", "api", "completed"],
        ["access", "api", "completed"],
      ]);
    }, 90_000);

    it("answers bad calls with a JSON error and changes nothing", async () => {
      const shop = await world.installShop("rights-api-errors");
      const anonymous = await fetch(`${world.web.url}/api/v1/customers/inventory?customerId=1`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
      const forged = await fetch(`${world.web.url}/api/v1/customers/inventory?customerId=1`, { headers: { Authorization: "Bearer not-a-token" } });
      expect(forged.status).toBe(401);
      const badLookup = await api(shop, "customers/inventory?phone=123");
      expect(badLookup.status).toBe(422);
      expect(((await badLookup.json()) as { error: { code: string } }).error.code).toBe("unprocessable");
      const badBody = await api(shop, "customers/erase", { method: "POST", body: "{" });
      expect(badBody.status).toBe(400);
      const badFormat = await api(shop, `customers/export?customerId=1&format=xml`);
      expect(badFormat.status).toBe(422);
      const unknown = await api(shop, "customers/unknown");
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
      const wrongMethod = await api(shop, "data-requests", { method: "POST", body: "{}" });
      expect(wrongMethod.status).toBe(405);
      expect(((await wrongMethod.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
      expect(await world.db.dataRequest.count({ where: { shopId: shop } })).toBe(0);
    }, 60_000);
  });
});
