import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

import { Redis } from "ioredis";
import { expect } from "vitest";

import type { Db } from "../../app/db.server";
import { DEMO_OWNER_USER_ID, startFakeShopify, type FakeShopify } from "../../dev/fake-shopify/index";
import { startMailCatcher, type MailCatcher } from "../../dev/mail-catcher/index";
import { mintSessionToken } from "../../dev/session-token";
import { REPO_ROOT, waitFor, type AppProcess } from "./app-process";
import { startAppStack, type AppStack } from "./app-stack";
import { BROWSER_USER_AGENT } from "./browser";
import { postSignedWebhook } from "./signed-webhook";
import type { TestDatabase } from "./test-database";

const FIXTURE = readFileSync(path.join(REPO_ROOT, "tests/fixtures/shopify-webhooks/orders/fulfilled.json"), "utf8");

/** The personal data of the fixture's customer, plus the address the fake Admin API returns. */
export const ADMIN_API_EMAIL = "john.smith.reviews@example.net";
export const FIXTURE_PERSONAL_DATA = ["jon@example.com", "john@example.com", "John", "Smith", "123 Shipping Street", "123 Billing Street", "555-555-SHIP", "555-555-BILL"];

/** Product ids per line of the sample (null lines are custom items without a product). */
const FIXTURE_PRODUCT_IDS = (JSON.parse(FIXTURE) as { line_items: Array<{ product_id: number | null }> }).line_items.map((item, index) =>
  item.product_id ? String(7_880_321_196_742_900 + index * 100) : null,
);
export const fixtureProductIds = FIXTURE_PRODUCT_IDS.filter((id): id is string => id !== null);

export interface FixtureOrder {
  admin_graphql_api_id: string;
  test: boolean;
  cancelled_at: string | null;
  cancel_reason: string | null;
  fulfillment_status: string | null;
  customer: { admin_graphql_api_id: string } | null;
  line_items: Array<{ product_id: number | null; fulfillment_status: string | null; title: string }>;
}

/**
 * The shared `orders/fulfilled` sample is a cancelled test order with nothing fulfilled;
 * made into what a real fulfilled order looks like, with a fresh order id per use.
 */
export function fulfilledOrder(orderNumber: string, options: { customerId?: string | null } = {}): { body: string; orderId: string; productIds: string[] } {
  const order = JSON.parse(FIXTURE) as FixtureOrder & Record<string, unknown>;
  order.id = Number(orderNumber);
  order.admin_graphql_api_id = `gid://shopify/Order/${orderNumber}`;
  order.test = false;
  order.cancelled_at = null;
  order.cancel_reason = null;
  order.fulfillment_status = "fulfilled";
  for (const item of order.line_items) item.fulfillment_status = "fulfilled";
  // The sample's lines repeat one product; give each product line its own, as a real basket has.
  order.line_items.forEach((item, index) => {
    if (item.product_id) item.product_id = Number(FIXTURE_PRODUCT_IDS[index]);
  });
  if (options.customerId === null) order.customer = null;
  else if (options.customerId && options.customerId !== fixtureCustomerId && order.customer) {
    // Another customer of the shop: their own id and address.
    const email = `buyer-${options.customerId}@example.net`;
    Object.assign(order, { email, contact_email: email });
    Object.assign(order.customer, { admin_graphql_api_id: `gid://shopify/Customer/${options.customerId}`, email });
  }
  const productIds = [...new Set(order.line_items.flatMap((item) => (item.product_id ? [`gid://shopify/Product/${item.product_id}`] : [])))];
  return { body: JSON.stringify(order).replace(`"id":${order.id}`, `"id":${orderNumber}`), orderId: order.admin_graphql_api_id, productIds };
}

export const fixtureCustomerId = (JSON.parse(FIXTURE) as FixtureOrder).customer!.admin_graphql_api_id.split("/").pop()!;


export interface ReviewEmailWorld {
  fake: FakeShopify;
  mail: MailCatcher;
  stack: AppStack;
  database: TestDatabase;
  db: Db;
  env: Record<string, string>;
  web: AppProcess;
  worker: AppProcess;
  redis: Redis;
  apiSecret: string;
  /** A Shopify session token for a staff member (by default the shop owner), as App Bridge would send it (`Authorization: Bearer`). */
  sessionToken(shop: string, userId?: string): Promise<string>;
  /** Installs a shop through token exchange (the fake creates it), seeds the sample's customer and products, and sets delay 0. */
  installShop(name: string, customer?: { marketingState?: "SUBSCRIBED" | "NOT_SUBSCRIBED"; locale?: string }): Promise<string>;
  /** An order of the sample's customer (or a guest) on the fake, and its `orders/fulfilled` body. */
  addOrder(shop: string, options?: { customerId?: string | null; cancelled?: boolean }): { body: string; orderId: string; productIds: string[]; orderNumber: string };
  deliver(shop: string, topic: string, body: string, webhookId?: string): Promise<Response>;
  /** The storefront URL (through the fake's app proxy) of a link on https://{shop}/apps/candor/…. */
  storefrontUrl(link: string): string;
  /** BullMQ's hash of a job on the review-emails queue. */
  job(jobId: string): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * The whole send path for end-to-end tests: a fake Shopify, an SMTP catcher, and the built web
 * server and worker on a fresh database and queue prefix.
 */
export async function startReviewEmailWorld(name: string): Promise<ReviewEmailWorld> {
  const apiKey = `candor-${name}-key`;
  const apiSecret = `${name}-secret-${process.pid}`;
  const fake = await startFakeShopify({ apiKey, apiSecret, shops: [] });
  const mail = await startMailCatcher();
  const stack = await startAppStack({
    SHOPIFY_API_KEY: apiKey,
    SHOPIFY_API_SECRET: apiSecret,
    SHOPIFY_FAKE_ORIGIN: fake.url,
    SMTP_URL: mail.smtpUrl,
    MAIL_FROM: "Reviews <reviews@candor.example>",
    DATA_REGION: "eu-central (test)",
  });
  const { database, db, env, web } = stack;
  fake.setAppProxy({ prefix: "apps", subpath: "candor", url: `${web.url}/proxy` });
  const redis = new Redis(env.REDIS_URL!);
  let orderSeq = 9_100_000_000_000_000_000n;

  return {
    fake,
    mail,
    stack,
    database,
    db,
    env,
    web,
    worker: stack.worker!,
    redis,
    apiSecret,
    sessionToken: (shop, userId = DEMO_OWNER_USER_ID) => mintSessionToken({ apiKey, apiSecret, shop, userId }),
    async installShop(shopName, customer = {}) {
      const shop = `${shopName}.myshopify.com`;
      const idToken = await mintSessionToken({ apiKey, apiSecret, shop, userId: "1" });
      const host = Buffer.from(`admin.shopify.com/store/${shopName}`).toString("base64url");
      const response = await fetch(`${web.url}/app?${new URLSearchParams({ embedded: "1", shop, host, id_token: idToken })}`, {
        headers: { "User-Agent": BROWSER_USER_AGENT },
      });
      expect(response.status).toBe(200);
      await waitFor(() => db.session.findFirst({ where: { shop } }), 10_000, `offline session of ${shop}`);
      fake.addCustomer(shop, {
        id: fixtureCustomerId,
        firstName: "John",
        lastName: "Smith",
        email: ADMIN_API_EMAIL,
        marketingState: customer.marketingState ?? "SUBSCRIBED",
        locale: customer.locale ?? "en",
      });
      const titles = ["Aviator sunglasses", "Mid-century lounger", "Coffee table"];
      fixtureProductIds.forEach((id, index) => fake.addProduct(shop, { id, title: titles[index] ?? `Product ${index}` }));
      await db.shopSettings.create({ data: { shopId: shop, values: JSON.stringify({ delayDays: 0 }) } });
      return shop;
    },
    addOrder(shop, options = {}) {
      orderSeq += 1n;
      const customerId = options.customerId === undefined ? fixtureCustomerId : options.customerId;
      const order = fulfilledOrder(String(orderSeq), { customerId });
      fake.addOrder(shop, {
        id: String(orderSeq),
        customerId,
        email: customerId ? ADMIN_API_EMAIL : "guest.buyer@example.net",
        cancelledAt: options.cancelled ? new Date().toISOString() : null,
        lineItems: fixtureProductIds.map((productId) => ({ productId })),
      });
      return { ...order, orderNumber: String(orderSeq) };
    },
    deliver: (shop, topic, body, webhookId = randomUUID()) => postSignedWebhook({ appUrl: web.url, shop, topic, body, apiSecret, webhookId }),
    storefrontUrl: (link) => {
      const url = new URL(link);
      return `${fake.url}/shops/${url.hostname}${url.pathname}${url.search}`;
    },
    job: (jobId) => redis.hgetall(`${env.QUEUE_PREFIX}:review-emails:${jobId}`),
    async stop() {
      redis.disconnect();
      await stack.stop();
      await mail.close();
      await fake.close();
    },
  };
}
