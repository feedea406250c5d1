// scratch: CPU and wall time per intake stage, in isolation (to be deleted)
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";

const backend = process.env.BACKEND ?? "sqlite";
const dbUrl = backend === "sqlite" ? `file:${mkdtempSync(path.join(os.tmpdir(), "stages-"))}/s.db` : process.env.PGURL!;
spawnSync("/work/main/node_modules/.bin/tsx", ["scripts/migrate.ts"], { cwd: "/work/main", env: { ...process.env, DATABASE_URL: dbUrl }, stdio: "ignore" });
Object.assign(process.env, { NODE_ENV: "test", SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "bench-secret", SHOPIFY_APP_URL: "http://127.0.0.1:1", SCOPES: "read_orders", DATABASE_URL: dbUrl, REDIS_URL: "redis://127.0.0.1:6379", SMTP_URL: "smtp://x:1", MAIL_FROM: "R <r@e.com>", ENCRYPTION_KEYS: `b1:${randomBytes(32).toString("base64")}`, BLIND_INDEX_KEY: randomBytes(32).toString("base64"), QUEUE_PREFIX: `stages-${Date.now()}`, LOG_LEVEL: process.env.LL ?? "warn" });

const { validateWebhookSignature } = await import("~/shopify.server");
const { parseJsonKeepingBigIntegers } = await import("~/modules/webhooks/parse-json-keeping-big-integers");
const { minimiseWebhookEvent } = await import("~/modules/webhooks/minimise-webhook-event.server");
const { readBodyWithLimit } = await import("~/modules/webhooks/read-body-with-limit.server");
const { storeWebhookDeliveries } = await import("~/modules/webhooks/store-webhook-deliveries.server");
const { dispatchOutboxMessages } = await import("~/modules/outbox/dispatch-outbox-messages.server");
const { getDb, getDatabaseDialect } = await import("~/db.server");
const { getJobProducer } = await import("~/modules/queue/get-job-producer.server");
const { getLogger } = await import("~/modules/observability/logger.server");
const { getEnv } = await import("~/modules/config/get-env.server");

const body = readFileSync("/work/main/bench/fixtures/orders-fulfilled.json", "utf8");
const hmac = createHmac("sha256", "bench-secret").update(body).digest("base64");
let n = 0;
const mkReq = () => new Request("http://127.0.0.1/webhooks", { method: "POST", body, headers: { "content-type": "application/json", "x-shopify-hmac-sha256": hmac, "x-shopify-topic": "orders/fulfilled", "x-shopify-shop-domain": "bench-shop.myshopify.com", "x-shopify-api-version": "2026-10", "x-shopify-webhook-id": `w-${++n}` } });

async function time(name: string, iterations: number, fn: () => unknown, per = 1) {
  for (let i = 0; i < Math.min(200, iterations); i++) await fn();
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  const wall = performance.now() - t0; const cpu = process.cpuUsage(c0);
  console.log(`${name.padEnd(46)} wall ${((wall * 1000) / (iterations * per)).toFixed(0).padStart(6)} µs  cpu ${(((cpu.user + cpu.system)) / (iterations * per)).toFixed(0).padStart(6)} µs  per request`);
}

const req = mkReq();
await time("new Request (undici) + headers", 2000, () => mkReq());
await time("readBodyWithLimit", 2000, () => readBodyWithLimit(mkReq(), 2 << 20));
await time("validateWebhookSignature (webcrypto, serial)", 2000, () => validateWebhookSignature(body, req));
await time("validateWebhookSignature x10 concurrent", 300, () => Promise.all(Array.from({ length: 10 }, () => validateWebhookSignature(body, req))), 10);
await time("createHmac sha256 (node:crypto, for comparison)", 2000, () => createHmac("sha256", "bench-secret").update(body).digest("base64"));
await time("parseJsonKeepingBigIntegers", 2000, () => parseJsonKeepingBigIntegers(body));
await time("JSON.parse (for comparison)", 2000, () => JSON.parse(body));
const parsed = parseJsonKeepingBigIntegers(body);
const key = getEnv().BLIND_INDEX_KEY;
await time("minimiseWebhookEvent (zod)", 2000, () => minimiseWebhookEvent("ORDERS_FULFILLED", parsed, { shopId: "bench-shop.myshopify.com", blindIndexKey: key }));
await time("getLogger().child(...) + info (filtered)", 2000, () => getLogger().child({ shop: "s", topic: "t", webhookId: "w" }).info({ outcome: "accepted" }, "webhook received"));
await time("randomUUID", 2000, () => randomUUID());

const db = getDb(); const dialect = getDatabaseDialect(); const producer = getJobProducer();
await new Promise((r) => setTimeout(r, 300));
const event = JSON.stringify(minimiseWebhookEvent("ORDERS_FULFILLED", parsed, { shopId: "bench-shop.myshopify.com", blindIndexKey: key }));
const delivery = () => ({ id: randomUUID(), shopId: "bench-shop.myshopify.com", webhookId: `x-${++n}`, topic: "ORDERS_FULFILLED", apiVersion: "2026-10", triggeredAt: null, receivedAt: new Date(), event, outbox: { jobName: "process-webhook@v1", payload: JSON.stringify({ shop: "bench-shop.myshopify.com", deliveryId: "x" }) } });
for (const size of [1, 10]) {
  let last: ReturnType<typeof delivery>[] = [];
  await time(`storeWebhookDeliveries batch of ${size}`, 300, async () => { last = Array.from({ length: size }, delivery); await storeWebhookDeliveries(db, dialect, last); }, size);
  await time(`  dispatchOutboxMessages batch of ${size}`, 300, async () => { const b = Array.from({ length: size }, delivery); const ids = await storeWebhookDeliveries(db, dialect, b); await dispatchOutboxMessages(db, producer, b.filter((d) => ids.has(d.id)).map((d) => ({ id: d.id, shopId: d.shopId, jobName: d.outbox.jobName, payload: JSON.stringify({ shop: d.shopId, deliveryId: d.id }) }))); }, size);
  await time(`  producer.enqueue only, batch of ${size}`, 300, async () => { const { processWebhookJob } = await import("~/jobs/definitions"); await producer.enqueue(Array.from({ length: size }, () => ({ definition: processWebhookJob, jobId: randomUUID(), payload: { shop: "bench-shop.myshopify.com", deliveryId: randomUUID() } }))); }, size);
  await time(`  outboxMessage.updateMany only, batch of ${size}`, 300, async () => { await db.outboxMessage.updateMany({ where: { id: { in: Array.from({ length: size }, () => randomUUID()) }, relayedAt: null }, data: { relayedAt: new Date() } }); }, size);
}
if (dialect === "sqlite") {
  // raw better-sqlite3: cost of a commit with synchronous=FULL vs NORMAL
  const Database = (await import("better-sqlite3")).default;
  for (const sync of ["FULL", "NORMAL"]) {
    const f = `${mkdtempSync(path.join(os.tmpdir(), "raw-"))}/r.db`;
    const raw = new Database(f); raw.pragma("journal_mode = WAL"); raw.pragma(`synchronous = ${sync}`);
    raw.exec("CREATE TABLE t (id TEXT PRIMARY KEY, v TEXT)");
    const ins = raw.prepare("INSERT INTO t VALUES (?, ?)");
    await time(`raw better-sqlite3 1-row txn, synchronous=${sync}`, 300, () => raw.transaction(() => ins.run(randomUUID(), event))());
  }
}
const { Queue } = await import("bullmq");
const q = new Queue("webhooks", { connection: { host: "127.0.0.1", port: 6379 }, prefix: process.env.QUEUE_PREFIX });
await q.obliterate({ force: true }); await q.close();
process.exit(0);
