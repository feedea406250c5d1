/**
 * Data-rights benchmark: one customer's inventory, export (JSON and CSV) and erasure, timed
 * in-process through the app's own module functions against a PostgreSQL database seeded at
 * the product issue's scale (1,000,000 review requests over 200,000 customers, 20 shops):
 *   - inventory: buildCustomerInventory(shop, { customerId }) — Shopify asked for the
 *     customer's email through a local fake Shopify (dev/fake-shopify), then every store read;
 *     also, apart, the lookup alone (resolveCustomerTarget) and the database part alone
 *     (findCustomerRecords with the customer's blind indexes),
 *   - export: exportCustomerData(shop, { customerId }, "json" | "csv"),
 *   - erasure: eraseCustomerData(shop, target, { requestedBy }) on distinct customers,
 * each on its own set of customers picked at random, against a baseline measured in the same
 * run: a ReviewRequest read by primary key through the same Prisma client. Then the
 * statements behind findCustomerRecords are run under EXPLAIN (ANALYZE, BUFFERS) to show
 * where the time goes.
 *
 * Usage: npm run bench:data-rights          (bash bench/run-data-rights.sh: starts the services)
 *        npx tsx bench/data-rights.ts
 *
 * Environment (all optional):
 *   BENCH_REQUESTS      review requests to seed (default 1000000)
 *   BENCH_CUSTOMERS     customers they belong to (default 200000)
 *   BENCH_SHOPS         shops the customers are spread over (default 20)
 *   BENCH_DELIVERIES    webhook deliveries of the last 7 days (default 200000)
 *   BENCH_SAMPLES       customers per measured operation (default 200)
 *   BENCH_WARMUP        unmeasured calls per operation first (default 10)
 *   BENCH_SEED          seed of the data generator (default 1)
 *   BENCH_COMPARE_SQL   SQL applied after the measured pass (e.g. an index); every operation is
 *                       then measured again on fresh customers of the same database
 *   BENCH_LOG_LEVEL     the app's LOG_LEVEL (default info, as in production; written to a file)
 *   BENCH_KEEP_DATABASE "true" keeps the seeded database afterwards (its name is printed)
 *   BENCH_WRITE_DOCS    "false" leaves docs/benchmarks.md alone (exploratory runs)
 *   BENCH_JSON          a file to write the raw results to, as JSON
 *   BENCH_POSTGRES_URL  server URL without database (default postgresql://postgres:postgres@127.0.0.1:5432)
 *   BENCH_REDIS_URL     default redis://127.0.0.1:6379
 *
 * Exit codes: 0 every target met and every check passed; 1 otherwise. The results are
 * written in every case.
 */
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { createWriteStream, existsSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Writable } from "node:stream";

import { Session } from "@shopify/shopify-api";
import { Redis } from "ioredis";
import pg from "pg";

import { listWebhookEventMentions } from "../app/modules/webhooks/list-webhook-event-mentions";
import { createEmptyShopSeed, startFakeShopify, type FakeShopify } from "../dev/fake-shopify/index";
import { DOCS, describeCpus, percentile, writeDocsSection } from "./support/results";
import { acquireBenchLock, describeCode, log, positiveInteger, ROOT, type CodeDescription } from "./support/run";
import { createBenchDatabase, deleteKeysWithPrefix, type BenchDatabase } from "./support/services";

// ---------------------------------------------------------------------------------------------
// Settings

const SECTION_START = "<!-- data-rights:start -->";
const SECTION_END = "<!-- data-rights:end -->";

/** The product issue's targets (p95, one customer, PostgreSQL, at the issue's scale). */
const TARGETS_MS = { inventory: 50, export: 200, erasure: 500 } as const;
const TARGET_SCALE = { requests: 1_000_000, customers: 200_000 };

const API_KEY = "bench-data-rights-key";
const API_SECRET = `bench-data-rights-secret-${randomBytes(4).toString("hex")}`;
const SCOPES = "read_orders,read_customers,read_products";
const PRODUCTS_PER_SHOP = 200;
const DAY_MS = 24 * 3_600_000;
/** Rows per multi-row INSERT while seeding. */
const SEED_BATCH = 5_000;

const settings = {
  requests: positiveInteger("BENCH_REQUESTS", TARGET_SCALE.requests),
  customers: positiveInteger("BENCH_CUSTOMERS", TARGET_SCALE.customers),
  shops: positiveInteger("BENCH_SHOPS", 20),
  deliveries: positiveInteger("BENCH_DELIVERIES", 200_000, { allowZero: true }),
  samples: positiveInteger("BENCH_SAMPLES", 200),
  warmup: positiveInteger("BENCH_WARMUP", 10, { allowZero: true }),
  seed: positiveInteger("BENCH_SEED", 1),
  compareSql: process.env.BENCH_COMPARE_SQL?.trim() || undefined,
  logLevel: process.env.BENCH_LOG_LEVEL?.trim() || "info",
  keepDatabase: process.env.BENCH_KEEP_DATABASE?.trim() === "true",
  writeDocs: process.env.BENCH_WRITE_DOCS?.trim() !== "false",
  jsonPath: process.env.BENCH_JSON?.trim() || undefined,
  postgresUrl: (process.env.BENCH_POSTGRES_URL?.trim() || "postgresql://postgres:postgres@127.0.0.1:5432").replace(/\/+$/, ""),
  redisUrl: process.env.BENCH_REDIS_URL?.trim() || "redis://127.0.0.1:6379",
};

/** Customers each pass needs: one set per operation, plus warm-up and EXPLAIN customers. */
const SETS_PER_PASS = 5;
const EXPLAIN_CUSTOMERS = 20;
const passes = settings.compareSql ? 2 : 1;
const customersNeeded = passes * (SETS_PER_PASS * (settings.samples + settings.warmup) + EXPLAIN_CUSTOMERS);
if (customersNeeded > settings.customers / 2) {
  console.error(`BENCH_CUSTOMERS (${settings.customers}) is too small for ${customersNeeded} sampled customers`);
  process.exit(2);
}
if (settings.requests < settings.customers) {
  console.error("BENCH_REQUESTS must be at least BENCH_CUSTOMERS");
  process.exit(2);
}

const runTag = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;

// ---------------------------------------------------------------------------------------------
// Deterministic data

/** mulberry32: a small seeded generator, so a run's data set can be reproduced. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (below: number) => Math.floor(next() * below), hex: (bytes: number) => randomHex(next, bytes) };
}

function randomHex(next: () => number, bytes: number): string {
  let out = "";
  for (let index = 0; index < bytes; index += 4) out += Math.floor(next() * 4_294_967_296).toString(16).padStart(8, "0");
  return out.slice(0, bytes * 2);
}

const shopDomain = (shop: number) => `bench-rights-${String(shop + 1).padStart(2, "0")}.myshopify.com`;
const customerNumericId = (customer: number) => (8_100_000_000_000_000_000n + BigInt(customer)).toString();
const customerGid = (customer: number) => `gid://shopify/Customer/${customerNumericId(customer)}`;
const customerEmail = (customer: number) => `customer.${customer}@bench.example`;
const orderGid = (request: number) => `gid://shopify/Order/6${String(request).padStart(18, "0")}`;
const productGid = (shop: number, product: number) => `gid://shopify/Product/7${String(shop).padStart(3, "0")}${String(product).padStart(12, "0")}`;
const lineItemGid = (request: number, line: number) => `gid://shopify/LineItem/5${String(request).padStart(17, "0")}${line}`;
const fulfillmentGid = (request: number) => `gid://shopify/Fulfillment/4${String(request).padStart(18, "0")}`;
const sqlTime = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace("Z", "");

/** What was seeded for each customer: the counts an inventory must find and an erasure remove. */
interface Expected {
  reviewRequests: Int32Array;
  requestedProducts: Int32Array;
  sendAttempts: Int32Array;
  reviews: Int32Array;
  suppressions: Int32Array;
  dataRequests: Int32Array;
  outboxMessages: Int32Array;
  webhookDeliveries: Int32Array;
}
type ExpectedStore = keyof Expected;
const STORE_OF: Record<ExpectedStore, string> = {
  reviewRequests: "ReviewRequest",
  requestedProducts: "RequestedProduct",
  sendAttempts: "SendAttempt",
  reviews: "Review",
  suppressions: "Suppression",
  dataRequests: "DataRequest",
  outboxMessages: "OutboxMessage",
  webhookDeliveries: "WebhookDelivery",
};

interface SeedResult {
  expected: Expected;
  refs: { customer: string[]; email: string[] };
  /** Some requests (id and customer), for the baseline's primary-key reads. */
  requestIds: Array<{ id: string; customer: number }>;
  rows: Record<string, number>;
  seconds: { insert: number; vacuum: number };
}

type ColumnType = "text" | "timestamp(3)" | "int4" | "bool";

/** Rows of one table gathered column by column and written with one INSERT … unnest per batch. */
class TableWriter {
  private columns: unknown[][];
  private readonly sql: string;
  rows = 0;
  constructor(
    private readonly client: pg.Client,
    private readonly pending: Array<Promise<unknown>>,
    readonly table: string,
    private readonly spec: Array<[string, ColumnType]>,
  ) {
    this.columns = spec.map(() => []);
    const names = spec.map(([name]) => `"${name}"`).join(", ");
    const arrays = spec.map(([, type], index) => `$${index + 1}::${type}[]`).join(", ");
    this.sql = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${arrays})`;
  }
  async add(values: unknown[]): Promise<void> {
    for (let index = 0; index < values.length; index += 1) this.columns[index]!.push(values[index]);
    this.rows += 1;
    if (this.columns[0]!.length >= SEED_BATCH) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.columns[0]!.length === 0) return;
    const columns = this.columns;
    this.columns = this.spec.map(() => []);
    // One statement at a time on the connection, chained: generating the next batch overlaps
    // the server's work on this one; a few batches in flight bound the memory.
    const previous = this.pending[this.pending.length - 1] ?? Promise.resolve();
    this.pending.push(previous.then(() => this.client.query(this.sql, columns)));
    while (this.pending.length > 3) await this.pending.shift();
  }
}

async function seed(
  databaseUrl: string,
  keys: { blindIndex: Buffer; encrypt: (plaintext: string, rowId: string) => string; settingsJson: string },
): Promise<SeedResult> {
  const started = performance.now();
  const random = createRandom(settings.seed);
  const { requests: N, customers: C, shops: S, deliveries: D } = settings;
  const now = Date.now();
  const blindIndex = (shop: number, kind: "customer" | "email", value: string) =>
    createHmac("sha256", keys.blindIndex).update(`${kind}\u0000${shopDomain(shop)}\u0000${kind === "email" ? value.toLowerCase() : value}`, "utf8").digest("hex");

  const refs = { customer: new Array<string>(C), email: new Array<string>(C) };
  for (let customer = 0; customer < C; customer += 1) {
    refs.customer[customer] = blindIndex(customer % S, "customer", customerGid(customer));
    refs.email[customer] = blindIndex(customer % S, "email", customerEmail(customer));
  }
  const expected: Expected = {
    reviewRequests: new Int32Array(C),
    requestedProducts: new Int32Array(C),
    sendAttempts: new Int32Array(C),
    reviews: new Int32Array(C),
    suppressions: new Int32Array(C),
    dataRequests: new Int32Array(C),
    outboxMessages: new Int32Array(C),
    webhookDeliveries: new Int32Array(C),
  };

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query("SET synchronous_commit = off");
  const pending: Array<Promise<unknown>> = [];
  const writer = (table: string, spec: Array<[string, ColumnType]>) => new TableWriter(client, pending, table, spec);

  const shops = writer("Shop", [["id", "text"], ["installedAt", "timestamp(3)"], ["planName", "text"], ["updatedAt", "timestamp(3)"]]);
  const shopSettings = writer("ShopSettings", [["shopId", "text"], ["values", "text"], ["updatedAt", "timestamp(3)"]]);
  for (let shop = 0; shop < S; shop += 1) {
    await shops.add([shopDomain(shop), sqlTime(now - 400 * DAY_MS), "Basic", sqlTime(now - DAY_MS)]);
    await shopSettings.add([shopDomain(shop), keys.settingsJson, sqlTime(now - 30 * DAY_MS)]);
  }
  await shops.flush();
  await shopSettings.flush();

  const reviewRequests = writer("ReviewRequest", [
    ["id", "text"], ["shopId", "text"], ["orderId", "text"], ["groupKey", "text"], ["productIds", "text"], ["customerRef", "text"], ["emailRef", "text"],
    ["status", "text"], ["statusReason", "text"], ["dueAt", "timestamp(3)"], ["sentAt", "timestamp(3)"], ["cancelledAt", "timestamp(3)"],
    ["createdAt", "timestamp(3)"], ["updatedAt", "timestamp(3)"], ["reminderDueAt", "timestamp(3)"], ["reminderSentAt", "timestamp(3)"],
  ]);
  const requestedProducts = writer("RequestedProduct", [["id", "text"], ["shopId", "text"], ["orderId", "text"], ["productId", "text"], ["reviewRequestId", "text"], ["createdAt", "timestamp(3)"]]);
  const sendAttempts = writer("SendAttempt", [
    ["id", "text"], ["shopId", "text"], ["reviewRequestId", "text"], ["kind", "text"], ["status", "text"], ["errorCode", "text"], ["messageIdHash", "text"],
    ["startedAt", "timestamp(3)"], ["finishedAt", "timestamp(3)"], ["channel", "text"],
  ]);
  const reviews = writer("Review", [
    ["id", "text"], ["shopId", "text"], ["reviewRequestId", "text"], ["orderId", "text"], ["productId", "text"], ["rating", "int4"], ["title", "text"], ["body", "text"],
    ["displayName", "text"], ["locale", "text"], ["verifiedBuyer", "bool"], ["status", "text"], ["submittedAt", "timestamp(3)"], ["publishedAt", "timestamp(3)"], ["updatedAt", "timestamp(3)"],
  ]);
  const outbox = writer("OutboxMessage", [
    ["id", "text"], ["shopId", "text"], ["jobName", "text"], ["payload", "text"], ["createdAt", "timestamp(3)"], ["relayedAt", "timestamp(3)"], ["attempts", "int4"], ["availableAt", "timestamp(3)"],
  ]);

  // Repeat buyers: 10% of the requests go to 1% of the customers (about 50 requests each);
  // the rest spread evenly. Requests are written in time order, as they arrive, so one
  // customer's rows are scattered over the table as in a real database.
  const heavyCustomers = Math.max(1, Math.floor(C / 100));
  const customerOf = new Int32Array(N);
  const productsOf = new Uint16Array(N * 3);
  const productCountOf = new Uint8Array(N);
  const requestIds: SeedResult["requestIds"] = [];
  const span = 365 * DAY_MS;
  const delay = 10 * DAY_MS;
  for (let request = 0; request < N; request += 1) {
    // The first C requests give every customer at least one; the rest are drawn.
    const customer = request < C ? (request * 7_919) % C : random.next() < 0.1 ? random.int(heavyCustomers) : random.int(C);
    const shop = customer % S;
    const shopId = shopDomain(shop);
    const id = randomUUID();
    customerOf[request] = customer;
    if (request % 1_000 === 0) requestIds.push({ id, customer });
    const createdAt = now - span + Math.floor((request / N) * span) + random.int(60_000);
    const dueAt = createdAt + delay;
    const orderId = orderGid(request);
    const roll = random.next();
    const productCount = roll < 0.6 ? 1 : roll < 0.9 ? 2 : 3;
    const first = random.int(PRODUCTS_PER_SHOP);
    const products: string[] = [];
    for (let line = 0; line < productCount; line += 1) {
      const product = (first + line * 37) % PRODUCTS_PER_SHOP;
      productsOf[request * 3 + line] = product;
      products.push(productGid(shop, product));
    }
    productCountOf[request] = productCount;

    let status: string;
    let statusReason: string | null = null;
    let sentAt: number | null = null;
    let cancelledAt: number | null = null;
    let reminderDueAt: number | null = null;
    let reminderSentAt: number | null = null;
    const outcome = random.next();
    if (dueAt > now) status = "scheduled";
    else if (outcome < 0.85) status = "sent";
    else if (outcome < 0.95) status = "cancelled";
    else status = "failed";
    if (status === "scheduled") {
      reminderDueAt = dueAt + 7 * DAY_MS;
      await outbox.add([`review-request-${id}`, shopId, "send-review-request@v1", JSON.stringify({ shop: shopId, orderId, productIds: products, reviewLink: `https://reviews.bench.example/r/${id}` }), sqlTime(createdAt), sqlTime(createdAt + 1_000), 1, sqlTime(dueAt)]);
      expected.outboxMessages[customer]! += 1;
    } else if (status === "sent") {
      sentAt = dueAt + random.int(120_000);
      await sendAttempts.add([randomUUID(), shopId, id, "request", "sent", null, random.hex(32), sqlTime(sentAt - 800), sqlTime(sentAt), "email"]);
      expected.sendAttempts[customer]! += 1;
      reminderDueAt = sentAt + 7 * DAY_MS;
      if (reminderDueAt < now && random.next() < 0.6) {
        reminderSentAt = reminderDueAt + random.int(120_000);
        await sendAttempts.add([randomUUID(), shopId, id, "reminder", "sent", null, random.hex(32), sqlTime(reminderSentAt - 800), sqlTime(reminderSentAt), "email"]);
        expected.sendAttempts[customer]! += 1;
      } else if (reminderDueAt > now) {
        await outbox.add([`review-reminder-${id}`, shopId, "send-review-reminder@v1", JSON.stringify({ shop: shopId, orderId, productIds: products, reviewLink: `https://reviews.bench.example/r/${id}` }), sqlTime(sentAt), sqlTime(sentAt + 1_000), 1, sqlTime(reminderDueAt)]);
        expected.outboxMessages[customer]! += 1;
      }
      if (random.next() < 0.08) {
        const reviewId = randomUUID();
        const submittedAt = sentAt + random.int(5 * DAY_MS);
        const published = random.next() < 0.8;
        await reviews.add([
          reviewId, shopId, id, orderId, products[0], 1 + random.int(5), "Does what it says", "Arrived quickly and works as described. Would buy again.",
          keys.encrypt(`Bench C${customer}`, reviewId), "en", true, published ? "published" : "pending", sqlTime(submittedAt), published ? sqlTime(submittedAt + DAY_MS) : null, sqlTime(submittedAt + DAY_MS),
        ]);
        expected.reviews[customer]! += 1;
      }
    } else if (status === "cancelled") {
      statusReason = random.next() < 0.5 ? "refunded" : "unsubscribed";
      cancelledAt = createdAt + random.int(delay);
    } else {
      statusReason = "smtp_rejected";
      await sendAttempts.add([randomUUID(), shopId, id, "request", "failed", "smtp_rejected", null, sqlTime(dueAt + 1_000), sqlTime(dueAt + 2_000), "email"]);
      expected.sendAttempts[customer]! += 1;
    }
    await reviewRequests.add([
      id, shopId, orderId, "order", JSON.stringify(products), refs.customer[customer], refs.email[customer], status, statusReason,
      sqlTime(dueAt), sentAt === null ? null : sqlTime(sentAt), cancelledAt === null ? null : sqlTime(cancelledAt), sqlTime(createdAt),
      sqlTime(Math.max(createdAt, sentAt ?? 0, cancelledAt ?? 0, reminderSentAt ?? 0)), reminderDueAt === null ? null : sqlTime(reminderDueAt), reminderSentAt === null ? null : sqlTime(reminderSentAt),
    ]);
    expected.reviewRequests[customer]! += 1;
    for (const productId of products) {
      await requestedProducts.add([randomUUID(), shopId, orderId, productId, id, sqlTime(createdAt)]);
      expected.requestedProducts[customer]! += 1;
    }
    if ((request + 1) % 200_000 === 0) log(`seeding: ${(request + 1).toLocaleString("en-US")} review requests`);
  }
  for (const table of [reviewRequests, requestedProducts, sendAttempts, reviews]) await table.flush();

  // Webhook deliveries of the last 7 days (the default retention), as the intake stores them:
  // the minimised event (minimiseWebhookEvent's shape) naming the order by GID and the customer
  // by blind indexes, with the columns and order rows the intake writes beside it
  // (listWebhookEventMentions); each with its relayed process-webhook outbox message.
  const deliveries = writer("WebhookDelivery", [
    ["id", "text"], ["shopId", "text"], ["webhookId", "text"], ["topic", "text"], ["apiVersion", "text"], ["triggeredAt", "timestamp(3)"], ["receivedAt", "timestamp(3)"], ["event", "text"], ["processedAt", "timestamp(3)"],
    ["customerRef", "text"], ["emailRef", "text"],
  ]);
  const deliveryOrders = writer("WebhookDeliveryOrder", [["shopId", "text"], ["webhookDeliveryId", "text"], ["orderId", "text"], ["receivedAt", "timestamp(3)"]]);
  // Written once every delivery is: each order row references its delivery.
  const deliveryOrderRows: unknown[][] = [];
  for (let delivery = 0; delivery < D; delivery += 1) {
    const request = random.int(N);
    const customer = customerOf[request]!;
    const shop = customer % S;
    const shopId = shopDomain(shop);
    const orderId = orderGid(request);
    const productCount = productCountOf[request]!;
    const lines = Array.from({ length: productCount }, (_, line) => ({ line, product: productGid(shop, productsOf[request * 3 + line]!) }));
    const receivedAt = now - 7 * DAY_MS + Math.floor((delivery / D) * 7 * DAY_MS);
    const roll = random.next();
    let topic: string;
    let event: Record<string, unknown>;
    if (roll < 0.62) {
      topic = roll < 0.6 ? "ORDERS_FULFILLED" : "ORDERS_CANCELLED";
      event = {
        orderId,
        customerRef: refs.customer[customer],
        emailRef: refs.email[customer],
        hasCustomer: true,
        test: false,
        sourceName: "web",
        tags: [],
        cancelledAt: topic === "ORDERS_CANCELLED" ? new Date(receivedAt).toISOString() : null,
        fulfillmentStatus: topic === "ORDERS_CANCELLED" ? null : "fulfilled",
        financialStatus: "paid",
        customerLocale: "en",
        processedAt: new Date(receivedAt - 3 * DAY_MS).toISOString(),
        lineItems: lines.map(({ line, product }) => ({
          lineItemId: lineItemGid(request, line),
          productId: product,
          variantId: product.replace("Product", "ProductVariant"),
          quantity: 1,
          fulfillmentStatus: topic === "ORDERS_CANCELLED" ? null : "fulfilled",
          giftCard: false,
        })),
      };
    } else if (roll < 0.82) {
      topic = "FULFILLMENTS_CREATE";
      event = {
        fulfillmentId: fulfillmentGid(request),
        orderId,
        status: "success",
        shipmentStatus: null,
        createdAt: new Date(receivedAt).toISOString(),
        emailRef: refs.email[customer],
        lineItems: lines.map(({ line, product }) => ({ lineItemId: lineItemGid(request, line), productId: product, quantity: 1, giftCard: false })),
      };
    } else if (roll < 0.9) {
      topic = "FULFILLMENT_EVENTS_CREATE";
      event = { fulfillmentId: fulfillmentGid(request), orderId, status: "delivered", happenedAt: new Date(receivedAt).toISOString() };
    } else if (roll < 0.95) {
      topic = "REFUNDS_CREATE";
      event = {
        refundId: `gid://shopify/Refund/3${String(delivery).padStart(18, "0")}`,
        orderId,
        refundLineItems: [{ lineItemId: lineItemGid(request, 0), quantity: 1, productId: lines[0]!.product, lineItemQuantity: 1 }],
      };
    } else {
      topic = "CUSTOMERS_EMAIL_MARKETING_CONSENT_UPDATE";
      event = { customerRef: refs.customer[customer], emailRef: refs.email[customer], state: "SUBSCRIBED", optInLevel: "SINGLE_OPT_IN", consentUpdatedAt: new Date(receivedAt - 60_000).toISOString() };
    }
    const id = randomUUID();
    const mentions = listWebhookEventMentions(event);
    await deliveries.add([id, shopId, randomUUID(), topic, "2026-10", sqlTime(receivedAt - 500), sqlTime(receivedAt), JSON.stringify(event), sqlTime(receivedAt + 1_500), mentions.customerRef, mentions.emailRef]);
    for (const mentioned of mentions.orderIds) deliveryOrderRows.push([shopId, id, mentioned, sqlTime(receivedAt)]);
    await outbox.add([randomUUID(), shopId, "process-webhook@v1", JSON.stringify({ shop: shopId, deliveryId: id }), sqlTime(receivedAt), sqlTime(receivedAt + 5), 1, null]);
    expected.webhookDeliveries[customer]! += 1;
  }
  await deliveries.flush();
  for (const row of deliveryOrderRows) await deliveryOrders.add(row);
  await deliveryOrders.flush();
  await outbox.flush();

  // Suppressions (unsubscribe links, merchant actions) for 3% of the customers; 100 data
  // requests per shop in the register.
  const suppressions = writer("Suppression", [["id", "text"], ["shopId", "text"], ["customerRef", "text"], ["emailRef", "text"], ["source", "text"], ["createdAt", "timestamp(3)"]]);
  for (let index = 0; index < Math.floor(C * 0.03); index += 1) {
    const customer = random.int(C);
    const byLink = random.next() < 0.7;
    await suppressions.add([randomUUID(), shopDomain(customer % S), byLink ? null : refs.customer[customer], refs.email[customer], byLink ? "unsubscribe_link" : "admin", sqlTime(now - random.int(span))]);
    expected.suppressions[customer]! += 1;
  }
  await suppressions.flush();
  const dataRequests = writer("DataRequest", [
    ["id", "text"], ["shopId", "text"], ["kind", "text"], ["source", "text"], ["regime", "text"], ["customerRef", "text"], ["emailRef", "text"], ["orderIds", "text"],
    ["shopifyRequestId", "text"], ["status", "text"], ["requestedBy", "text"], ["receivedAt", "timestamp(3)"], ["dueAt", "timestamp(3)"], ["completedAt", "timestamp(3)"], ["receipt", "text"], ["updatedAt", "timestamp(3)"],
  ]);
  for (let index = 0; index < S * 100; index += 1) {
    const customer = random.int(C);
    const receivedAt = now - random.int(span);
    await dataRequests.add([
      randomUUID(), shopDomain(customer % S), "access", "shopify_webhook", "gdpr", refs.customer[customer], refs.email[customer], "[]", String(900_000 + index), "completed", "shopify",
      sqlTime(receivedAt), sqlTime(receivedAt + 30 * DAY_MS), sqlTime(receivedAt + 60_000), JSON.stringify({ counts: { ReviewRequest: expected.reviewRequests[customer] } }), sqlTime(receivedAt + 60_000),
    ]);
    expected.dataRequests[customer]! += 1;
  }
  await dataRequests.flush();
  while (pending.length > 0) await pending.shift();
  const inserted = performance.now();

  // A database in service has been vacuumed and analysed by autovacuum: do the same, then
  // checkpoint so the seeding's writes do not land during the measurement.
  log("seeding: VACUUM (ANALYZE) and CHECKPOINT");
  await client.query("VACUUM (ANALYZE)");
  await client.query("CHECKPOINT");
  const rows: Record<string, number> = {};
  for (const table of [reviewRequests, requestedProducts, sendAttempts, reviews, outbox, deliveries, deliveryOrders, suppressions, dataRequests]) {
    rows[table.table] = table.rows;
  }
  await client.end();
  const done = performance.now();
  return { expected, refs, requestIds, rows, seconds: { insert: (inserted - started) / 1_000, vacuum: (done - inserted) / 1_000 } };
}

// ---------------------------------------------------------------------------------------------
// Measurement

interface Timing {
  samples: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

function summarise(durations: number[]): Timing {
  const sorted = Float64Array.from(durations).sort();
  return { samples: sorted.length, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted[sorted.length - 1] ?? Number.NaN, mean: durations.reduce((sum, value) => sum + value, 0) / Math.max(1, durations.length) };
}

/** Sequential calls, one at a time, each timed on its own. */
async function timeEach<T>(items: T[], run: (item: T) => Promise<void>): Promise<number[]> {
  const durations: number[] = [];
  for (const item of items) {
    const started = performance.now();
    await run(item);
    durations.push(performance.now() - started);
  }
  return durations;
}

type OperationName = "inventory" | "lookup" | "find" | "exportJson" | "exportCsv" | "erasure";

interface OperationResult {
  name: OperationName;
  label: string;
  timing: Timing;
  target?: number;
  passed?: boolean;
  /** Records the operation found or removed per customer (mean and max). */
  records: { mean: number; max: number };
  checkProblems: string[];
}

interface StatementPlan {
  statement: string;
  /** Median execution time over the EXPLAIN customers, ms. */
  medianMs: number;
  maxMs: number;
  /** Median shared buffers hit + read. */
  buffers: number;
  plan: string;
}

interface PassResult {
  label: string;
  /** The machine's 1-minute load average when the pass started and ended (2 CPUs). */
  load: { before: number; after: number };
  baseline: Timing;
  baselineBefore: Timing;
  baselineAfter: Timing;
  operations: OperationResult[];
  plans: StatementPlan[];
  /** Customers' review requests in the sampled sets: mean, p95, max. */
  requestsPerCustomer: { mean: number; p95: number; max: number };
}

interface RunResult {
  startedAt: string;
  seed?: Omit<SeedResult, "expected" | "refs" | "requestIds">;
  tableSizes: Array<{ table: string; rows: number; size: string }>;
  passes: PassResult[];
  logLines: { warn: number; error: number; other: number };
  error?: string;
  passed: boolean;
}

// ---------------------------------------------------------------------------------------------
// The run

/** Counts the app's log lines by level and writes them to a file. */
function logSink(file: string) {
  const counts = { warn: 0, error: 0, other: 0 };
  const out = createWriteStream(file);
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split("\n")) {
        if (!line.trim()) continue;
        const level = /"level":(\d+)/.exec(line)?.[1] ?? /"level":"(\w+)"/.exec(line)?.[1];
        if (level === "40" || level === "warn") counts.warn += 1;
        else if (level === "50" || level === "60" || level === "error" || level === "fatal") counts.error += 1;
        else counts.other += 1;
      }
      out.write(chunk, callback);
    },
  });
  return { stream, counts, close: () => new Promise<void>((resolve) => out.end(resolve)) };
}

async function run(): Promise<RunResult> {
  const result: RunResult = { startedAt: new Date().toISOString(), tableSizes: [], passes: [], logLines: { warn: 0, error: 0, other: 0 }, passed: false };
  const name = `candor_bench_${runTag}_rights`;
  const queuePrefix = `bench-${runTag}-rights`;
  const logFile = path.join(os.tmpdir(), `${name}-app.log`);
  const sink = logSink(logFile);
  let database: BenchDatabase | undefined;
  let fake: FakeShopify | undefined;
  let closeApp: (() => Promise<void>) | undefined;
  try {
    log(`creating database ${name}`);
    database = await createBenchDatabase("postgresql", name, { postgresUrl: settings.postgresUrl });
    fake = await startFakeShopify({ apiKey: API_KEY, apiSecret: API_SECRET, shops: [], autoCreateShops: false });

    // The app reads its environment once, on first use: set it before importing app modules.
    Object.assign(process.env, {
      NODE_ENV: "test",
      LOG_LEVEL: settings.logLevel,
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      SHOPIFY_APP_URL: "http://127.0.0.1:3000",
      SCOPES,
      DATABASE_URL: database.url,
      REDIS_URL: settings.redisUrl,
      SMTP_URL: "smtp://127.0.0.1:2525",
      MAIL_FROM: "Reviews <reviews@bench.example>",
      ENCRYPTION_KEYS: `bench1:${randomBytes(32).toString("base64")}`,
      BLIND_INDEX_KEY: randomBytes(32).toString("base64"),
      LINK_SIGNING_KEY: randomBytes(32).toString("base64"),
      QUEUE_PREFIX: queuePrefix,
      SHOPIFY_FAKE_ORIGIN: fake.url,
    });
    const { applyMigrations } = await import("../app/db/migrate.server");
    await applyMigrations({ databaseUrl: database.url });
    const { getDb, disconnectDb } = await import("../app/db.server");
    const { getEnv } = await import("../app/modules/config/get-env.server");
    const { encryptSecret } = await import("../app/modules/crypto/encrypt-secret.server");
    const { computeBlindIndex } = await import("../app/modules/crypto/compute-blind-index.server");
    const { createLogger } = await import("../app/modules/observability/create-logger.server");
    const { setLogger } = await import("../app/modules/observability/logger.server");
    const { DEFAULT_SHOP_SETTINGS } = await import("../app/modules/settings/shop-settings-schema");
    const { getShopify } = await import("../app/shopify.server");
    const { closeJobProducer } = await import("../app/modules/queue/get-job-producer.server");
    const { closeCostLimiter } = await import("../app/modules/shopify-admin/get-cost-limiter.server");
    const { buildCustomerInventory } = await import("../app/modules/data-rights/build-customer-inventory.server");
    const { exportCustomerData } = await import("../app/modules/data-rights/export-customer-data.server");
    const { eraseCustomerData } = await import("../app/modules/data-rights/erase-customer-data.server");
    const { findCustomerRecords } = await import("../app/modules/data-rights/find-customer-records.server");
    const { resolveCustomerTarget } = await import("../app/modules/data-rights/resolve-customer-target.server");
    setLogger(createLogger({ level: settings.logLevel, destination: sink.stream }));
    closeApp = async () => {
      await closeJobProducer().catch(() => undefined);
      closeCostLimiter();
      await disconnectDb();
    };
    const env = getEnv();

    log(`seeding ${settings.requests.toLocaleString("en-US")} review requests over ${settings.customers.toLocaleString("en-US")} customers in ${settings.shops} shops, ${settings.deliveries.toLocaleString("en-US")} webhook deliveries`);
    const seeded = await seed(database.url, {
      blindIndex: env.BLIND_INDEX_KEY,
      encrypt: (plaintext, rowId) => encryptSecret(plaintext, env.ENCRYPTION_KEYS, { table: "Review", column: "displayName", rowId }),
      settingsJson: JSON.stringify(DEFAULT_SHOP_SETTINGS),
    });
    const { expected, refs } = seeded;
    result.seed = { rows: seeded.rows, seconds: seeded.seconds };
    log(`seeded in ${seeded.seconds.insert.toFixed(0)} s, VACUUM (ANALYZE) + CHECKPOINT ${seeded.seconds.vacuum.toFixed(0)} s`);
    // The seeder computes blind indexes itself (fast path); prove they are the app's.
    if (
      computeBlindIndex(env.BLIND_INDEX_KEY, shopDomain(1 % settings.shops), "customer", customerGid(1)) !== refs.customer[1] ||
      computeBlindIndex(env.BLIND_INDEX_KEY, shopDomain(1 % settings.shops), "email", customerEmail(1)) !== refs.email[1]
    ) {
      throw new Error("the seeded blind indexes differ from the app's computeBlindIndex");
    }

    const direct = new pg.Client({ connectionString: database.url });
    await direct.connect();
    try {
      const sizes = await direct.query<{ table: string; rows: string; size: string }>(
        `SELECT c.relname AS table, c.reltuples::bigint AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations' ORDER BY pg_total_relation_size(c.oid) DESC`,
      );
      result.tableSizes = sizes.rows.map((row) => ({ table: row.table, rows: Number(row.rows), size: row.size }));

      // The shops exist on the fake Shopify with an offline token, stored as the app stores it.
      for (let shop = 0; shop < settings.shops; shop += 1) {
        const domain = shopDomain(shop);
        fake.addShop({ ...createEmptyShopSeed(domain, (7_340_000_000_000_800_000n + BigInt(shop)).toString()), planDisplayName: "Basic" });
        await getShopify().sessionStorage!.storeSession(
          new Session({ id: `offline_${domain}`, shop: domain, state: "installed", isOnline: false, scope: SCOPES, accessToken: fake.issueOfflineToken(domain) }),
        );
      }

      // Distinct customers for every operation of every pass: each is read or erased once.
      const picker = createRandom(settings.seed + 1_000);
      const used = new Set<number>();
      const pick = (count: number) => {
        const picked: number[] = [];
        while (picked.length < count) {
          const customer = picker.int(settings.customers);
          if (used.has(customer)) continue;
          used.add(customer);
          picked.push(customer);
        }
        return picked;
      };
      const onFake = (customers: number[]) => {
        for (const customer of customers) {
          fake!.addCustomer(shopDomain(customer % settings.shops), {
            id: customerNumericId(customer),
            email: customerEmail(customer),
            firstName: "Bench",
            lastName: `Customer ${customer}`,
            marketingState: "SUBSCRIBED",
          });
        }
        return customers;
      };
      const target = (customer: number) => ({ customerRef: refs.customer[customer]!, emailRef: refs.email[customer]!, orderIds: [] as string[] });
      const lookup = (customer: number) => ({ customerId: customerGid(customer) });
      const shopOf = (customer: number) => shopDomain(customer % settings.shops);
      const totalExpected = (customer: number) => (Object.keys(STORE_OF) as ExpectedStore[]).reduce((sum, store) => sum + expected[store][customer]!, 0);

      let baselineRound = 0;
      const baseline = async () => {
        baselineRound += 1;
        // Requests of customers no operation touches (erased ones are gone).
        const pool = seeded.requestIds.filter((request) => !used.has(request.customer)).map((request) => request.id);
        const ids = Array.from({ length: settings.samples + settings.warmup }, (_, index) => pool[(index * 7 + baselineRound * 13) % pool.length]!);
        for (const id of ids.slice(0, settings.warmup)) await getDb().reviewRequest.findUnique({ where: { id } });
        return summarise(
          await timeEach(ids.slice(settings.warmup), async (id) => {
            const row = await getDb().reviewRequest.findUnique({ where: { id } });
            if (!row) throw new Error(`baseline: review request ${id} not found`);
          }),
        );
      };

      const measurePass = async (label: string): Promise<PassResult> => {
        const loadBefore = os.loadavg()[0]!;
        const sets = {
          inventory: onFake(pick(settings.samples + settings.warmup)),
          find: pick(settings.samples + settings.warmup),
          exportJson: onFake(pick(settings.samples + settings.warmup)),
          exportCsv: onFake(pick(settings.samples + settings.warmup)),
          erasure: pick(settings.samples + settings.warmup),
          explain: pick(EXPLAIN_CUSTOMERS),
        };
        const split = (customers: number[]) => ({ warm: customers.slice(0, settings.warmup), measured: customers.slice(settings.warmup) });
        const operations: OperationResult[] = [];
        const record = (name: OperationName, label: string, durations: number[], counts: number[], problems: string[], target?: number) => {
          const timing = summarise(durations);
          operations.push({
            name,
            label,
            timing,
            target,
            passed: target === undefined ? undefined : timing.p95 < target,
            records: { mean: counts.reduce((sum, value) => sum + value, 0) / Math.max(1, counts.length), max: Math.max(0, ...counts) },
            checkProblems: problems.slice(0, 5),
          });
          log(`${label}: p50 ${timing.p50.toFixed(1)} ms, p95 ${timing.p95.toFixed(1)} ms, max ${timing.max.toFixed(1)} ms${problems.length > 0 ? ` — ${problems.length} check failures` : ""}`);
        };
        const checkCounts = (customer: number, found: Record<string, number>, problems: string[]) => {
          for (const store of Object.keys(STORE_OF) as ExpectedStore[]) {
            const want = expected[store][customer]!;
            const got = found[STORE_OF[store]] ?? 0;
            if (got !== want) problems.push(`customer ${customer}: ${STORE_OF[store]} ${got}, seeded ${want}`);
          }
        };

        log(`${label}: baseline`);
        const baselineBefore = await baseline();

        // Inventory, through the fake Shopify (what the admin and the API answer).
        {
          const { warm, measured } = split(sets.inventory);
          for (const customer of warm) await buildCustomerInventory(shopOf(customer), lookup(customer));
          const problems: string[] = [];
          const counts: number[] = [];
          const durations = await timeEach(measured, async (customer) => {
            const inventory = await buildCustomerInventory(shopOf(customer), lookup(customer));
            counts.push(inventory.total);
            if (!inventory.complete) problems.push(`customer ${customer}: the lookup through Shopify did not complete`);
            checkCounts(customer, Object.fromEntries(inventory.stores.map((store) => [store.store, store.records.length])), problems);
          });
          record("inventory", "Inventory (lookup through the fake Shopify + every store)", durations, counts, problems, TARGETS_MS.inventory);
          // The lookup alone, on the same customers (it reads no customer record).
          const lookupDurations = await timeEach(measured, async (customer) => {
            const resolved = await resolveCustomerTarget(shopOf(customer), lookup(customer));
            if (resolved.target.emailRef !== refs.email[customer]) problems.push(`customer ${customer}: resolved email blind index differs`);
          });
          record("lookup", "…of which the lookup through the fake Shopify (resolveCustomerTarget)", lookupDurations, [], []);
        }
        // The database part alone, on customers not read before.
        {
          const { warm, measured } = split(sets.find);
          for (const customer of warm) await findCustomerRecords(shopOf(customer), target(customer));
          const problems: string[] = [];
          const counts: number[] = [];
          const durations = await timeEach(measured, async (customer) => {
            const records = await findCustomerRecords(shopOf(customer), target(customer));
            const found = {
              ReviewRequest: records.reviewRequests.length,
              RequestedProduct: records.requestedProducts.length,
              SendAttempt: records.sendAttempts.length,
              Review: records.reviews.length,
              Suppression: records.suppressions.length,
              DataRequest: records.dataRequests.length,
              OutboxMessage: records.outboxMessages.length,
              WebhookDelivery: records.webhookDeliveries.length,
            };
            counts.push(Object.values(found).reduce((sum, value) => sum + value, 0));
            checkCounts(customer, found, problems);
          });
          record("find", "Database part alone (findCustomerRecords)", durations, counts, problems);
        }
        for (const format of ["json", "csv"] as const) {
          const { warm, measured } = split(format === "json" ? sets.exportJson : sets.exportCsv);
          for (const customer of warm) await exportCustomerData(shopOf(customer), lookup(customer), format);
          const problems: string[] = [];
          const counts: number[] = [];
          const durations = await timeEach(measured, async (customer) => {
            const exported = await exportCustomerData(shopOf(customer), lookup(customer), format);
            counts.push(exported.inventory.total);
            if (exported.inventory.total !== totalExpected(customer)) problems.push(`customer ${customer}: ${exported.inventory.total} records exported, seeded ${totalExpected(customer)}`);
            if (exported.body.length === 0) problems.push(`customer ${customer}: empty ${format} body`);
          });
          record(format === "json" ? "exportJson" : "exportCsv", `Export, ${format.toUpperCase()} (lookup through the fake Shopify + inventory + file)`, durations, counts, problems, TARGETS_MS.export);
        }
        // Erasure, each customer once; afterwards nothing of theirs may be found.
        {
          const { warm, measured } = split(sets.erasure);
          for (const customer of warm) await eraseCustomerData(shopOf(customer), target(customer), { requestedBy: "bench" });
          const problems: string[] = [];
          const counts: number[] = [];
          const receipts: Array<{ customer: number; counts: Record<string, number> }> = [];
          const durations = await timeEach(measured, async (customer) => {
            const receipt = await eraseCustomerData(shopOf(customer), target(customer), { requestedBy: "bench" });
            receipts.push({ customer, counts: receipt.counts });
          });
          for (const { customer, counts: removed } of receipts) {
            counts.push(Object.values(removed).reduce((sum, value) => sum + value, 0));
            const want: Record<string, number> = {
              reviewRequests: expected.reviewRequests[customer]!,
              requestedProducts: expected.requestedProducts[customer]!,
              sendAttempts: expected.sendAttempts[customer]!,
              reviewsDeleted: expected.reviews[customer]!,
              webhookDeliveries: expected.webhookDeliveries[customer]!,
              outboxMessages: expected.outboxMessages[customer]!,
            };
            for (const [key, value] of Object.entries(want)) {
              if (removed[key] !== value) problems.push(`customer ${customer}: removed ${removed[key]} ${key}, seeded ${value}`);
            }
            const left = await findCustomerRecords(shopOf(customer), target(customer));
            const remaining = left.reviewRequests.length + left.requestedProducts.length + left.sendAttempts.length + left.reviews.length + left.outboxMessages.length + left.webhookDeliveries.length;
            if (remaining > 0) problems.push(`customer ${customer}: ${remaining} records left after erasure`);
            if (!left.suppressions.some((entry) => entry.source === "erasure")) problems.push(`customer ${customer}: no erasure suppression`);
          }
          record("erasure", "Erasure (eraseCustomerData: find, delete in one transaction, suppression, queue)", durations, counts, problems, TARGETS_MS.erasure);
        }

        log(`${label}: baseline again`);
        const baselineAfter = await baseline();
        const plans = await explainStatements(direct, sets.explain.map((customer) => ({ shopId: shopOf(customer), ...target(customer) })));
        const sampled = [...sets.inventory, ...sets.find, ...sets.exportJson, ...sets.exportCsv, ...sets.erasure].map((customer) => expected.reviewRequests[customer]!);
        const perCustomer = summarise(sampled);
        return {
          label,
          load: { before: loadBefore, after: os.loadavg()[0]! },
          baselineBefore,
          baselineAfter,
          baseline: {
            samples: baselineBefore.samples + baselineAfter.samples,
            p50: (baselineBefore.p50 + baselineAfter.p50) / 2,
            p95: (baselineBefore.p95 + baselineAfter.p95) / 2,
            max: Math.max(baselineBefore.max, baselineAfter.max),
            mean: (baselineBefore.mean + baselineAfter.mean) / 2,
          },
          operations,
          plans,
          requestsPerCustomer: { mean: perCustomer.mean, p95: perCustomer.p95, max: perCustomer.max },
        };
      };

      result.passes.push(await measurePass("as committed"));
      if (settings.compareSql) {
        log(`applying BENCH_COMPARE_SQL, then ANALYZE`);
        const applied = performance.now();
        await direct.query(settings.compareSql);
        await direct.query("ANALYZE");
        await direct.query("CHECKPOINT");
        log(`applied in ${((performance.now() - applied) / 1_000).toFixed(1)} s`);
        result.passes.push(await measurePass("with BENCH_COMPARE_SQL"));
      }
    } finally {
      await direct.end();
    }
    const problems = result.passes.flatMap((pass) => pass.operations.flatMap((operation) => operation.checkProblems));
    result.passed = problems.length === 0 && result.passes[0]!.operations.every((operation) => operation.passed !== false);
  } catch (error) {
    result.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`failed: ${result.error}`);
  } finally {
    await closeApp?.().catch(() => undefined);
    await fake?.close().catch(() => undefined);
    await removeQueueKeys(queuePrefix).catch((error: unknown) => log(`queue cleanup failed: ${String(error)}`));
    if (settings.keepDatabase && database) log(`kept database ${name} (drop it with: DROP DATABASE "${name}")`);
    else await database?.drop().catch((error: unknown) => log(`dropping the database failed: ${String(error)}`));
    await sink.close();
    result.logLines = { ...sink.counts };
    if (sink.counts.warn + sink.counts.error > 0) log(`the app logged ${sink.counts.warn} warnings and ${sink.counts.error} errors (see ${logFile})`);
    else if (existsSync(logFile) && statSync(logFile).size === 0) rmSync(logFile, { force: true });
  }
  return result;
}

async function removeQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    await deleteKeysWithPrefix(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------
// Where the time goes: the statements findCustomerRecords sends, under EXPLAIN

/**
 * The statements of findCustomerRecords as Prisma sends them (same tables, predicates and
 * order; `IN` lists written as `= ANY`), for customers not touched by the measured operations.
 */
async function explainStatements(client: pg.Client, targets: Array<{ shopId: string; customerRef: string; emailRef: string }>): Promise<StatementPlan[]> {
  const samples = new Map<string, Array<{ ms: number; buffers: number; plan: string }>>();
  const explain = async (statement: string, sql: string, values: unknown[]) => {
    const { rows } = await client.query<{ "QUERY PLAN": Array<{ Plan: PlanNode; "Execution Time": number }> }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, values);
    const top = rows[0]!["QUERY PLAN"][0]!;
    const list = samples.get(statement) ?? [];
    list.push({ ms: top["Execution Time"], buffers: (top.Plan["Shared Hit Blocks"] ?? 0) + (top.Plan["Shared Read Blocks"] ?? 0), plan: describePlan(top.Plan) });
    samples.set(statement, list);
  };
  for (const target of targets) {
    const requests = await client.query<{ id: string; orderId: string }>(
      `SELECT "id", "orderId" FROM "ReviewRequest" WHERE "shopId" = $1 AND ("customerRef" = $2 OR "emailRef" = $3)`,
      [target.shopId, target.customerRef, target.emailRef],
    );
    const ids = requests.rows.map((row) => row.id);
    const jobIds = ids.flatMap((id) => [`review-request-${id}`, `review-reminder-${id}`]);
    const byRefs = `"shopId" = $1 AND ("customerRef" = $2 OR "emailRef" = $3)`;
    const refValues = [target.shopId, target.customerRef, target.emailRef];
    await explain("ReviewRequest by blind indexes", `SELECT * FROM "ReviewRequest" WHERE ${byRefs} ORDER BY "createdAt" ASC`, refValues);
    await explain("RequestedProduct by request ids", `SELECT * FROM "RequestedProduct" WHERE "shopId" = $1 AND "reviewRequestId" = ANY($2)`, [target.shopId, ids]);
    await explain("SendAttempt by request ids", `SELECT * FROM "SendAttempt" WHERE "shopId" = $1 AND "reviewRequestId" = ANY($2) ORDER BY "startedAt" ASC`, [target.shopId, ids]);
    await explain("Review by request ids", `SELECT * FROM "Review" WHERE "shopId" = $1 AND "reviewRequestId" = ANY($2)`, [target.shopId, ids]);
    await explain("Suppression by blind indexes", `SELECT * FROM "Suppression" WHERE ${byRefs}`, refValues);
    await explain("DataRequest by blind indexes", `SELECT * FROM "DataRequest" WHERE ${byRefs} ORDER BY "receivedAt" ASC`, refValues);
    await explain("OutboxMessage by job ids", `SELECT * FROM "OutboxMessage" WHERE "shopId" = $1 AND "id" = ANY($2)`, [target.shopId, jobIds]);
    const orderIds = [...new Set(requests.rows.map((row) => row.orderId))];
    await explain("WebhookDeliveryOrder by order ids", `SELECT "webhookDeliveryId" FROM "WebhookDeliveryOrder" WHERE "shopId" = $1 AND "orderId" = ANY($2)`, [target.shopId, orderIds]);
    const byOrder = await client.query<{ webhookDeliveryId: string }>(`SELECT "webhookDeliveryId" FROM "WebhookDeliveryOrder" WHERE "shopId" = $1 AND "orderId" = ANY($2)`, [target.shopId, orderIds]);
    await explain(
      "WebhookDelivery by blind indexes or delivery ids",
      `SELECT "id", "topic", "receivedAt", "processedAt" FROM "WebhookDelivery" WHERE "shopId" = $1 AND ("customerRef" = $2 OR "emailRef" = $3 OR "id" = ANY($4))`,
      [...refValues, [...new Set(byOrder.rows.map((row) => row.webhookDeliveryId))]],
    );
  }
  return [...samples.entries()].map(([statement, list]) => {
    const times = list.map((entry) => entry.ms).sort((a, b) => a - b);
    const buffers = list.map((entry) => entry.buffers).sort((a, b) => a - b);
    const median = (values: number[]) => values[Math.floor((values.length - 1) / 2)] ?? Number.NaN;
    // The plan most samples got.
    const plans = new Map<string, number>();
    for (const entry of list) plans.set(entry.plan, (plans.get(entry.plan) ?? 0) + 1);
    const plan = [...plans.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
    return { statement, medianMs: median(times), maxMs: times[times.length - 1] ?? Number.NaN, buffers: median(buffers), plan };
  });
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Rows Removed by Filter"?: number;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  Plans?: PlanNode[];
}

/** A one-line summary of a plan: each node with its index and the rows it filtered out. */
function describePlan(node: PlanNode): string {
  const parts: string[] = [];
  const walk = (current: PlanNode) => {
    let text = current["Node Type"];
    if (current["Index Name"]) text += ` on ${current["Index Name"]}`;
    else if (current["Relation Name"] && /Scan/.test(current["Node Type"])) text += ` on ${current["Relation Name"]}`;
    if (current["Rows Removed by Filter"]) text += ` (${current["Rows Removed by Filter"].toLocaleString("en-US")} rows filtered out)`;
    parts.push(text);
    for (const child of current.Plans ?? []) walk(child);
  };
  walk(node);
  return parts.join(" → ");
}

// ---------------------------------------------------------------------------------------------
// Report

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "–" : value < 10 ? value.toFixed(2) : value.toFixed(1));
const int = (value: number) => Math.round(value).toLocaleString("en-US");
const mark = (passed: boolean | undefined) => (passed === undefined ? "" : passed ? " pass" : " **FAIL**");

function renderPass(pass: PassResult, judged: boolean): string[] {
  const lines = [
    `| Operation | samples | p50 ms | p95 ms | max ms | records per customer (mean / max) | p95 ÷ baseline p95 | target (p95) | checks |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | :---: |",
    `| Baseline: one ReviewRequest by primary key (Prisma \`findUnique\`), before / after | ${pass.baseline.samples} | ${ms(pass.baselineBefore.p50)} / ${ms(pass.baselineAfter.p50)} | ${ms(pass.baselineBefore.p95)} / ${ms(pass.baselineAfter.p95)} | ${ms(pass.baseline.max)} | 1 | 1 | – | – |`,
  ];
  for (const operation of pass.operations) {
    const target = operation.target === undefined ? "–" : `< ${operation.target} ms${judged ? mark(operation.passed) : ""}`;
    const records = operation.records.max === 0 ? "–" : `${operation.records.mean.toFixed(1)} / ${operation.records.max}`;
    lines.push(
      `| ${operation.label} | ${operation.timing.samples} | ${ms(operation.timing.p50)} | **${ms(operation.timing.p95)}** | ${ms(operation.timing.max)} | ${records} | ${(operation.timing.p95 / pass.baseline.p95).toFixed(0)}× | ${target} | ${operation.checkProblems.length === 0 ? "pass" : `**FAIL**: ${operation.checkProblems[0]!.replace(/\|/g, "\\|")}`} |`,
    );
  }
  lines.push(
    "",
    `Review requests per sampled customer: mean ${pass.requestsPerCustomer.mean.toFixed(1)}, p95 ${pass.requestsPerCustomer.p95}, max ${pass.requestsPerCustomer.max}. ` +
      `Load average (1 min) at the start and the end of the measurements: ${pass.load.before.toFixed(2)} / ${pass.load.after.toFixed(2)} on ${os.cpus().length} CPUs.`,
    "",
    `Where the time goes — the statements of \`findCustomerRecords\`, run under \`EXPLAIN (ANALYZE, BUFFERS)\` for ${EXPLAIN_CUSTOMERS} other customers (server-side execution time; the plan most of them got):`,
    "",
    "| Statement | median ms | max ms | buffers (median) | plan |",
    "| --- | ---: | ---: | ---: | --- |",
  );
  for (const plan of pass.plans) {
    lines.push(`| ${plan.statement} | ${ms(plan.medianMs)} | ${ms(plan.maxMs)} | ${int(plan.buffers)} | ${plan.plan.replace(/\|/g, "\\|")} |`);
  }
  return lines;
}

function renderSection(result: RunResult, code: CodeDescription): string {
  const deviations: string[] = [];
  if (settings.requests !== TARGET_SCALE.requests || settings.customers !== TARGET_SCALE.customers) {
    deviations.push(`${int(settings.requests)} requests over ${int(settings.customers)} customers (the targets are stated for ${int(TARGET_SCALE.requests)} over ${int(TARGET_SCALE.customers)})`);
  }
  if (settings.logLevel !== "info") deviations.push(`LOG_LEVEL=${settings.logLevel}`);
  const overrides = [
    ["BENCH_REQUESTS", settings.requests],
    ["BENCH_CUSTOMERS", settings.customers],
    ["BENCH_SHOPS", settings.shops],
    ["BENCH_DELIVERIES", settings.deliveries],
    ["BENCH_SAMPLES", settings.samples],
    ["BENCH_WARMUP", settings.warmup],
    ["BENCH_SEED", settings.seed],
    ["BENCH_LOG_LEVEL", settings.logLevel],
  ]
    .filter(([name]) => process.env[name as string]?.trim())
    .map(([name, value]) => `${name}=${value}`);
  if (settings.compareSql) overrides.push(`BENCH_COMPARE_SQL='${settings.compareSql.replace(/'/g, "'\\''")}'`);
  const command = `${overrides.length > 0 ? `${overrides.join(" ")} ` : ""}npm run bench:data-rights`;
  const first = result.passes[0];
  const rows = result.seed?.rows ?? {};

  const lines: string[] = [
    SECTION_START,
    "## Data rights: inventory, export, erasure",
    "",
    "_This section is written by `bench/data-rights.ts`; edit the script, not the section._",
    "",
    `Command: \`${command}\` (runs \`bash bench/run-data-rights.sh\`: makes sure Redis and PostgreSQL run, then \`npx tsx bench/data-rights.ts\`). ` +
      "Options: `BENCH_REQUESTS` (default 1000000), `BENCH_CUSTOMERS` (default 200000), `BENCH_SHOPS` (default 20), `BENCH_DELIVERIES` (default 200000), " +
      "`BENCH_SAMPLES` (customers per operation, default 200), `BENCH_WARMUP` (unmeasured calls first, default 10), `BENCH_SEED` (default 1), " +
      "`BENCH_COMPARE_SQL` (SQL applied after the measured pass, then every operation measured again), `BENCH_KEEP_DATABASE=true`, `BENCH_WRITE_DOCS=false` (leave this file alone), `BENCH_JSON`. " +
      "It exits non-zero when a target or a check is missed.",
    "",
    `Last run: ${result.startedAt.replace(/\.\d+Z$/, "Z")} · commit ${code.commit}${code.dirty ? " with uncommitted changes to app/ or prisma/" : ""} · Node ${process.version} · ${describeCpus()}, shared by the benchmark process, PostgreSQL and Redis · ${os.platform()} ${os.arch()} · PostgreSQL with its default settings (128 MB shared buffers)` +
      (deviations.length > 0 ? ` · **non-default settings: ${deviations.join(", ")}**` : ""),
    "",
    "**What is measured.** The app's own module functions, called in-process (`NODE_ENV=test`, `LOG_LEVEL=" +
      settings.logLevel +
      "`, the app's logger writing to a file) one call at a time, against a fresh PostgreSQL database migrated with the app's migrations and seeded for the run, " +
      "with Redis for the queue lookups and the Shopify cost limiter, and a local fake Shopify (`dev/fake-shopify`, in the same process) holding each shop's offline session, stored through the app's session storage. " +
      `Data: ${int(settings.requests)} review requests over ${int(settings.customers)} customers in ${settings.shops} shops, written in time order over a year (so one customer's rows are scattered as in service); ` +
      "10% of the requests belong to 1% of the customers (repeat buyers, about 50 requests each), the rest spread evenly (about 4.5 each). " +
      "Each request has its 1–3 requested products, its send attempts (request, reminder, failures), an outbox message while a send is still due, and 8% of the sent ones a review with an encrypted display name; " +
      `plus ${int(settings.deliveries)} webhook deliveries of the last 7 days (the default retention) with minimised events as the intake stores them (order GID and blind indexes; orders, fulfilments, fulfilment events, refunds, consent), the blind indexes and orders they name in their own indexed columns and rows as the intake writes them, and their outbox messages, ` +
      "suppressions for 3% of the customers and 100 data requests per shop. Blind indexes are computed with the run's key exactly as the app does, so lookups by customer id find the seeded rows. " +
      "Seeding is multi-row `INSERT … SELECT FROM unnest(…)` through node-postgres, then `VACUUM (ANALYZE)` and `CHECKPOINT` (a database in service is vacuumed and analysed by autovacuum). " +
      "Each operation runs on its own customers, picked at random and each used once, after unmeasured warm-up calls on others: " +
      "**inventory** is `buildCustomerInventory(shop, { customerId })` — the lookup through Shopify for the customer's email (`resolveCustomerTarget`: session load, cost limiter in Redis, GraphQL round trip to the local fake), then every store read, displayed names decrypted, queued jobs looked up in Redis; " +
      "the lookup alone is timed again on the same customers, and the **database part alone** is `findCustomerRecords(shop, target)` on other customers. " +
      "**Export** is `exportCustomerData(shop, { customerId }, \"json\" | \"csv\")`: the inventory plus the file. " +
      "**Erasure** is `eraseCustomerData(shop, target, { requestedBy })` with the customer's two blind indexes and no named orders (the admin's and the API's case): find, delete everything in one transaction, add a suppression entry, remove queued jobs. " +
      "A real Shopify round trip (typically 100–300 ms from a server) would add to inventory and export; the local fake costs a few milliseconds. " +
      "The baseline is one `ReviewRequest` read by primary key through the same Prisma client, before and after the operations. " +
      "Checks: every inventory and export finds exactly the records seeded for the customer in every store, every erasure's receipt counts exactly them, and nothing of the customer but the new suppression is found afterwards.",
    "",
  ];
  if (result.seed) {
    lines.push(
      `Seeding: ${int(result.seed.seconds.insert)} s for the rows, ${int(result.seed.seconds.vacuum)} s for \`VACUUM (ANALYZE)\` and \`CHECKPOINT\` (not part of any measurement). ` +
        `Rows: ${Object.entries(rows).map(([table, count]) => `${table} ${int(count)}`).join(", ")}. ` +
        `Sizes with indexes: ${result.tableSizes.map((entry) => `${entry.table} ${entry.size}`).join(", ")}.`,
      "",
    );
  }
  if (result.error) lines.push(`**The run failed:** ${result.error.split("\n")[0]?.replace(/\|/g, "\\|")}`, "");
  if (first) {
    lines.push(...renderPass(first, true));
    lines.push("");
    const judged = first.operations.filter((operation) => operation.target !== undefined);
    lines.push(
      `Targets (p95, PostgreSQL, at the issue's scale): inventory < ${TARGETS_MS.inventory} ms, export < ${TARGETS_MS.export} ms, erasure < ${TARGETS_MS.erasure} ms. ` +
        `Result: ${judged.map((operation) => `${operation.name} ${ms(operation.timing.p95)} ms${mark(operation.passed)}`).join(", ")} — ${result.passed ? "**pass**" : "**FAIL**"}.`,
    );
  }
  const compared = result.passes[1];
  if (compared && settings.compareSql) {
    lines.push("", `**With \`BENCH_COMPARE_SQL\`** (applied to the same database after the pass above, then \`ANALYZE\`; fresh customers): \`${settings.compareSql}\``, "", ...renderPass(compared, false));
  }
  if (result.logLines.warn + result.logLines.error > 0) {
    lines.push("", `App log: ${result.logLines.warn} warnings, ${result.logLines.error} errors.`);
  }
  lines.push(SECTION_END);
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------

const releaseLock = await acquireBenchLock(60);
const code = describeCode(["app", "prisma"]);
log(`run ${runTag}: ${settings.samples} customers per operation, ${settings.warmup} warm-up calls`);
const result = await run();
releaseLock();
const section = renderSection(result, code);
console.log(`\n${section}\n`);
if (settings.writeDocs) {
  writeDocsSection(section, SECTION_START, SECTION_END);
  log(`results written to ${path.relative(ROOT, DOCS)}`);
}
if (settings.jsonPath) {
  writeFileSync(settings.jsonPath, JSON.stringify({ settings, node: process.version, cpus: os.cpus().length, result }, null, 2));
  log(`raw results written to ${settings.jsonPath}`);
}
log(result.passed ? "every target met" : "a target or a check was missed (see the table above)");
process.exit(result.passed ? 0 : 1);
