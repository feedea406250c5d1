// scratch: profile the server under load on one route (to be deleted)
import { spawn } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import pg from "pg";

const ROOT = "/work/main";
const route = process.env.ROUTE ?? "/webhooks";
const backend = process.env.BACKEND ?? "sqlite";
const seconds = Number(process.env.SECONDS ?? 10);
const profDir = process.env.PROF_DIR;
const logLevel = process.env.LOG_LEVEL_S ?? "warn";
const conns = Number(process.env.CONNS ?? 10);
const body = readFileSync(path.join(ROOT, "bench/fixtures/orders-fulfilled.json"));
const hmac = createHmac("sha256", "bench-secret").update(body).digest("base64");
const tag = Date.now().toString(36);
let dbUrl: string;
if (backend === "sqlite") dbUrl = `file:${mkdtempSync(path.join(os.tmpdir(), "scratch-"))}/b.db`;
else {
  const c = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:5432/postgres" });
  await c.connect(); await c.query(`CREATE DATABASE scratch_${tag}`); await c.end();
  dbUrl = `postgresql://postgres@127.0.0.1:5432/scratch_${tag}`;
}
await new Promise((res, rej) => spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/migrate.ts"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: dbUrl }, stdio: "ignore" }).on("exit", (c) => (c === 0 ? res(0) : rej(new Error("migrate")))));
const port = 40000 + Math.floor(Math.random() * 10000);
const extra = (process.env.NODE_EXTRA ?? "").split(" ").filter(Boolean);
const child = spawn(process.execPath, [...extra, ...(profDir ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : []), "build/server.js"], {
  cwd: ROOT, stdio: ["ignore", "inherit", "inherit"],
  env: { PATH: process.env.PATH, NODE_ENV: "test", SHOPIFY_API_KEY: "bench-key", SHOPIFY_API_SECRET: "bench-secret", SHOPIFY_APP_URL: `http://127.0.0.1:${port}`, SCOPES: "read_orders", PORT: String(port), DATABASE_URL: dbUrl, REDIS_URL: "redis://127.0.0.1:6379", SMTP_URL: "smtp://127.0.0.1:2525", MAIL_FROM: "R <r@example.com>", ENCRYPTION_KEYS: `b1:${randomBytes(32).toString("base64")}`, BLIND_INDEX_KEY: randomBytes(32).toString("base64"), QUEUE_PREFIX: `scratch-${tag}`, LOG_LEVEL: logLevel, BENCH_BASELINE_ROUTE: "true" },
});
for (;;) { try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break; } catch {} await sleep(100); }
let n = 0;
const run = (d: number, r: string) => autocannon({ url: `http://127.0.0.1:${port}`, connections: conns, duration: d, requests: [{ method: "POST", path: r, body, headers: { "content-type": "application/json", "x-shopify-hmac-sha256": hmac, "x-shopify-topic": "orders/fulfilled", "x-shopify-shop-domain": "bench-shop.myshopify.com", "x-shopify-api-version": "2026-10" }, setupRequest: (q) => ({ ...q, headers: { ...q.headers, "x-shopify-webhook-id": `s-${tag}-${++n}` } }) }] });
await run(2, route);
const { readFileSync: rf } = await import("node:fs");
const cpu = (pid: number) => { const f = rf(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" "); return (Number(f[11]) + Number(f[12])) * 10; };
const redisPid = Number((await import("node:child_process")).execSync("pgrep -x redis-server || pgrep -f 'redis-server 127'").toString().trim().split("\n")[0]);
const c0 = cpu(child.pid!), r0 = cpu(redisPid);
const r = await run(seconds, route);
const c1 = cpu(child.pid!), r1 = cpu(redisPid);
const total = r.requests.total;
console.log(JSON.stringify({ serverCpuMsPerReq: ((c1 - c0) / total).toFixed(3), redisCpuMsPerReq: ((r1 - r0) / total).toFixed(3), serverCpuShare: ((c1-c0)/(seconds*1000)).toFixed(2), total }));
console.log(JSON.stringify({ route, backend, logLevel, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors }));
child.kill("SIGTERM");
await new Promise((res) => child.on("exit", res));
if (backend === "sqlite") { const D = (await import("better-sqlite3")).default; const d = new D(dbUrl.slice(5), { readonly: true }); console.log("batches", JSON.stringify(d.prepare('SELECT COUNT(*) n, COUNT(DISTINCT "relayedAt") b FROM "OutboxMessage"').get())); d.close(); }
else { const c = new pg.Client({ connectionString: dbUrl }); await c.connect(); console.log("batches", JSON.stringify((await c.query('SELECT COUNT(*) n, COUNT(DISTINCT "relayedAt") b FROM "OutboxMessage"')).rows[0])); await c.end(); }
// cleanup queue + db
const { Queue } = await import("bullmq");
const q = new Queue("webhooks", { connection: { host: "127.0.0.1", port: 6379 }, prefix: `scratch-${tag}` });
await q.obliterate({ force: true }); await q.close();
if (backend !== "sqlite") { const c = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:5432/postgres" }); await c.connect(); await c.query(`DROP DATABASE scratch_${tag} WITH (FORCE)`); await c.end(); }
if (profDir) console.log("profile:", readdirSync(profDir).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(profDir, f)).join(" "));
process.exit(0);
