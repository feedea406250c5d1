/**
 * Webhook-intake benchmark: in one run, with the same `orders/fulfilled` body, compares
 *   - a bare Remix route that reads the body and answers 200 (POST /bench/baseline), and
 *   - the full intake path (POST /webhooks: HMAC, dedupe, durable write, enqueue),
 * on each database backend, and checks that every delivery was stored once and queued once.
 *
 * Usage: npm run bench:webhooks            (bash bench/run-webhook-intake.sh: builds if needed)
 *        npx tsx bench/webhook-intake.ts   (expects `npm run build` to have run)
 *
 * Environment (all optional):
 *   BENCH_BACKENDS     backends to measure, space or comma separated (default "sqlite postgresql")
 *   BENCH_DURATION     seconds per measured run (default 10)
 *   BENCH_WARMUP       seconds of warm-up per route before measuring (default 2)
 *   BENCH_CONNECTIONS  concurrent connections (default 10; the targets are stated for 10)
 *   BENCH_LOG_LEVEL    the server's LOG_LEVEL (default info, as in production)
 *   BENCH_CPU_PROF     a directory: run the server with --cpu-prof and write its profiles there
 *   BENCH_WRITE_DOCS   "false" leaves docs/benchmarks.md alone (exploratory runs)
 *   BENCH_JSON         a file to write the raw results to, as JSON
 *   BENCH_POSTGRES_URL server URL without database (default postgresql://postgres:postgres@127.0.0.1:5432)
 *   BENCH_REDIS_URL    default redis://127.0.0.1:6379
 *   BENCH_TMPDIR       where the SQLite file goes (default the OS temp directory)
 *
 * Exit codes: 0 every target met on every backend; 1 a target or the correctness check was
 * missed, or a backend could not be measured. The results are written in every case.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import autocannon, { type Result as AutocannonResult } from "autocannon";
import Database from "better-sqlite3";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";

import { DOCS, describeCpus, percentile, writeDocsSection } from "./support/results";
import { acquireBenchLock, describeCode, log, positiveNumber, ROOT, type CodeDescription } from "./support/run";
import { createBenchDatabase, deleteKeysWithPrefix, freePort, runToCompletion, type Backend, type BenchDatabase } from "./support/services";

// ---------------------------------------------------------------------------------------------
// Settings

const FIXTURE = path.join(ROOT, "bench/fixtures/orders-fulfilled.json");
const SECTION_START = "<!-- webhook-intake:start -->";
const SECTION_END = "<!-- webhook-intake:end -->";

/** The issue's targets, stated for 10 connections. */
const MIN_RATIO = 0.5;
const MAX_INTAKE_P99_MS = 20;
const TARGET_CONNECTIONS = 10;

const API_SECRET = "bench-secret";
const SHOP = "bench-shop.myshopify.com";
const TOPIC = "orders/fulfilled";
const API_VERSION = "2026-10";
const WEBHOOK_QUEUE = "webhooks";

/** autocannon hands response headers over as an object or as a flat [name, value, …] list. */
function headerValue(headers: unknown, name: string): string | undefined {
  if (Array.isArray(headers)) {
    for (let index = 0; index + 1 < headers.length; index += 2) {
      if (String(headers[index]).toLowerCase() === name) return String(headers[index + 1]);
    }
    return undefined;
  }
  if (headers && typeof headers === "object") {
    const entry = Object.entries(headers as Record<string, unknown>).find(([key]) => key.toLowerCase() === name);
    return entry === undefined ? undefined : String(entry[1]);
  }
  return undefined;
}

const settings = {
  backends: (process.env.BENCH_BACKENDS?.trim() || "sqlite postgresql").split(/[\s,]+/).filter(Boolean),
  duration: positiveNumber("BENCH_DURATION", 10),
  warmup: positiveNumber("BENCH_WARMUP", 2),
  connections: Math.round(positiveNumber("BENCH_CONNECTIONS", TARGET_CONNECTIONS)),
  logLevel: process.env.BENCH_LOG_LEVEL?.trim() || "info",
  cpuProfDir: process.env.BENCH_CPU_PROF?.trim() ? path.resolve(process.env.BENCH_CPU_PROF.trim()) : undefined,
  writeDocs: process.env.BENCH_WRITE_DOCS?.trim() !== "false",
  jsonPath: process.env.BENCH_JSON?.trim() || undefined,
  postgresUrl: (process.env.BENCH_POSTGRES_URL?.trim() || "postgresql://postgres:postgres@127.0.0.1:5432").replace(/\/+$/, ""),
  redisUrl: process.env.BENCH_REDIS_URL?.trim() || "redis://127.0.0.1:6379",
  tmpDir: process.env.BENCH_TMPDIR?.trim() || os.tmpdir(),
};

for (const backend of settings.backends) {
  if (backend !== "sqlite" && backend !== "postgresql") {
    console.error(`BENCH_BACKENDS: unknown backend "${backend}" (use sqlite and/or postgresql)`);
    process.exit(2);
  }
}
if (!existsSync(path.join(ROOT, "build/server.js")) || !existsSync(path.join(ROOT, "build/server/index.js"))) {
  console.error("build/server.js is missing: run `npm run build` first (bench/run-webhook-intake.sh does).");
  process.exit(2);
}

const runTag = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
const body = readFileSync(FIXTURE);
const hmac = createHmac("sha256", API_SECRET).update(body).digest("base64");

// ---------------------------------------------------------------------------------------------
// Results

interface RunResult {
  label: string;
  route: string;
  requestsPerSecond: number;
  /** Percentiles over every response's latency as autocannon timed it (sub-millisecond). */
  p50: number;
  p99: number;
  max: number;
  completed: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  outcomes: Record<string, number>;
}

interface Correctness {
  webhookIdsSent: number;
  acceptedResponses: number;
  /** Sent requests the load tool stopped waiting for when a run ended (at most one per connection). */
  unansweredAtStop: number;
  deliveryRows: number;
  distinctWebhookIdsInRows: number;
  rowsNotSent: number;
  acceptedButMissing: number;
  outboxRows: number;
  outboxOwed: number;
  jobCounts: Record<string, number>;
  passed: boolean;
  problems: string[];
}

interface BackendResult {
  backend: Backend;
  baselineBefore?: RunResult;
  intake?: RunResult;
  baselineAfter?: RunResult;
  baselineRequestsPerSecond?: number;
  ratio?: number;
  ratioPassed?: boolean;
  p99Passed?: boolean;
  cleanRun?: boolean;
  correctness?: Correctness;
  serverLogLines: { warn: number; error: number; other: number };
  error?: string;
  passed: boolean;
}

// ---------------------------------------------------------------------------------------------
// Load generation

/** What the load tool saw of the intake across warm-up and measurement. */
interface DeliveryLedger {
  sent: Set<string>;
  answered: Set<string>;
  accepted: Set<string>;
}

/**
 * One autocannon run. Both routes get the identical request (body, headers, a fresh webhook
 * id per request) and the identical client-side work, so only the server's route differs.
 */
async function measure(options: {
  port: number;
  route: "/bench/baseline" | "/webhooks";
  label: string;
  seconds: number;
  idPrefix: string;
  ledger?: DeliveryLedger;
}): Promise<RunResult> {
  const { ledger } = options;
  let sequence = 0;
  const outcomes: Record<string, number> = {};
  const instance = autocannon({
    url: `http://127.0.0.1:${options.port}`,
    connections: settings.connections,
    duration: options.seconds,
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        method: "POST",
        path: options.route,
        headers: {
          "content-type": "application/json",
          "x-shopify-hmac-sha256": hmac,
          "x-shopify-topic": TOPIC,
          "x-shopify-shop-domain": SHOP,
          "x-shopify-api-version": API_VERSION,
        },
        body,
        setupRequest: (request, context) => {
          const webhookId = `${options.idPrefix}-${++sequence}`;
          context.webhookId = webhookId;
          ledger?.sent.add(webhookId);
          return { ...request, headers: { ...request.headers, "x-shopify-webhook-id": webhookId } };
        },
        onResponse: (status, _responseBody, context, headers) => {
          const webhookId = context.webhookId as string;
          let outcome = `http ${status}`;
          // The intake answers 200 with an empty body and its outcome in a header.
          const header = headerValue(headers, "x-candor-webhook-outcome");
          if (status === 200) outcome = header ?? "no outcome header";
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          if (ledger) {
            ledger.answered.add(webhookId);
            if (outcome === "accepted") ledger.accepted.add(webhookId);
          }
        },
      },
    ],
  });
  const latencies: number[] = [];
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  const result: AutocannonResult = await instance;
  const sorted = Float64Array.from(latencies).sort();
  return {
    label: options.label,
    route: options.route,
    requestsPerSecond: result.requests.average,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    completed: latencies.length,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    outcomes,
  };
}

// ---------------------------------------------------------------------------------------------
// Processes and services

interface RunningServer {
  port: number;
  child: ChildProcess;
  /** Throws when the server has exited (a measurement against a dead server means nothing). */
  assertRunning(): void;
  logLines: { warn: number; error: number; other: number };
  logTail: string[];
  stop(): Promise<void>;
}

async function startServer(options: { databaseUrl: string; queuePrefix: string; logFile: string }): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "test",
    SHOPIFY_API_KEY: "bench-key",
    SHOPIFY_API_SECRET: API_SECRET,
    SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
    SCOPES: "read_orders,read_customers,read_products",
    PORT: String(port),
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: settings.redisUrl,
    SMTP_URL: "smtp://127.0.0.1:2525",
    MAIL_FROM: "Reviews <r@example.com>",
    ENCRYPTION_KEYS: `bench1:${randomBytes(32).toString("base64")}`,
    BLIND_INDEX_KEY: randomBytes(32).toString("base64"),
    LINK_SIGNING_KEY: randomBytes(32).toString("base64"),
    QUEUE_PREFIX: options.queuePrefix,
    LOG_LEVEL: settings.logLevel,
    BENCH_BASELINE_ROUTE: "true",
    // The intake is measured on its own: no queue workers in the web process.
    RUN_WORKERS_IN_WEB: "false",
  };
  const nodeArgs = settings.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${settings.cpuProfDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, "build/server.js"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const logFile = createWriteStream(options.logFile);
  const logLines = { warn: 0, error: 0, other: 0 };
  const logTail: string[] = [];
  let pendingText = "";
  const onOutput = (chunk: Buffer) => {
    logFile.write(chunk);
    pendingText += chunk.toString();
    const lines = pendingText.split("\n");
    pendingText = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.trim()) continue;
      const level = /"level":"(\w+)"/.exec(line)?.[1];
      if (level === "warn") logLines.warn += 1;
      else if (level === "error" || level === "fatal") logLines.error += 1;
      else logLines.other += 1;
      logTail.push(line);
      if (logTail.length > 20) logTail.shift();
    }
  };
  child.stdout?.on("data", onOutput);
  child.stderr?.on("data", onOutput);
  let exited = false;
  let exitStatus = "";
  const exit = once(child, "exit").then(([code, signal]) => {
    exited = true;
    exitStatus = signal ? `signal ${String(signal)}` : `code ${String(code)}`;
  });

  // LOG_LEVEL=warn hides the "web server listening" line: wait for /healthz instead.
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`the server exited during start-up (${exitStatus}):\n${logTail.join("\n")}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the server did not answer /healthz within 30 s:\n${logTail.join("\n")}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }

  return {
    port,
    child,
    logLines,
    logTail,
    assertRunning() {
      if (exited) throw new Error(`the server exited during the measurement (${exitStatus})`);
    },
    async stop() {
      if (!exited) {
        child.kill("SIGTERM");
        const timeout = setTimeout(() => child.kill("SIGKILL"), 30_000);
        await exit;
        clearTimeout(timeout);
      }
      await new Promise<void>((resolve) => logFile.end(resolve));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Correctness: every delivery stored once, every stored delivery queued once

async function readDeliveries(backend: Backend, databaseUrl: string) {
  if (backend === "sqlite") {
    const db = new Database(databaseUrl.slice("file:".length), { readonly: true });
    try {
      const webhookIds = (db.prepare(`SELECT "webhookId" AS id FROM "WebhookDelivery"`).all() as { id: string }[]).map((row) => row.id);
      const outbox = db.prepare(`SELECT COUNT(*) AS total, COUNT(*) - COUNT("relayedAt") AS owed FROM "OutboxMessage"`).get() as {
        total: number;
        owed: number;
      };
      return { webhookIds, outboxRows: Number(outbox.total), outboxOwed: Number(outbox.owed) };
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = await client.query<{ id: string }>(`SELECT "webhookId" AS id FROM "WebhookDelivery"`);
    const outbox = await client.query<{ total: string; owed: string }>(
      `SELECT COUNT(*) AS total, COUNT(*) - COUNT("relayedAt") AS owed FROM "OutboxMessage"`,
    );
    return {
      webhookIds: rows.rows.map((row) => row.id),
      outboxRows: Number(outbox.rows[0]?.total ?? 0),
      outboxOwed: Number(outbox.rows[0]?.owed ?? 0),
    };
  } finally {
    await client.end();
  }
}

async function checkCorrectness(
  backend: Backend,
  databaseUrl: string,
  queue: Queue,
  ledger: DeliveryLedger,
): Promise<Correctness> {
  const { webhookIds, outboxRows, outboxOwed } = await readDeliveries(backend, databaseUrl);
  const stored = new Set(webhookIds);
  const jobCounts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized", "completed", "failed");
  const unanswered = [...ledger.sent].filter((id) => !ledger.answered.has(id));
  const correctness: Correctness = {
    webhookIdsSent: ledger.sent.size,
    acceptedResponses: ledger.accepted.size,
    unansweredAtStop: unanswered.length,
    deliveryRows: webhookIds.length,
    distinctWebhookIdsInRows: stored.size,
    rowsNotSent: webhookIds.filter((id) => !ledger.sent.has(id)).length,
    acceptedButMissing: [...ledger.accepted].filter((id) => !stored.has(id)).length,
    outboxRows,
    outboxOwed,
    jobCounts,
    passed: false,
    problems: [],
  };
  const problems = correctness.problems;
  const waiting = jobCounts.waiting ?? 0;
  if (correctness.deliveryRows !== correctness.webhookIdsSent) {
    problems.push(`${correctness.deliveryRows} WebhookDelivery rows for ${correctness.webhookIdsSent} distinct webhook ids sent`);
  }
  if (correctness.distinctWebhookIdsInRows !== correctness.deliveryRows) problems.push("a webhook id is stored twice");
  if (correctness.rowsNotSent > 0) problems.push(`${correctness.rowsNotSent} rows for webhook ids never sent`);
  if (correctness.acceptedButMissing > 0) problems.push(`${correctness.acceptedButMissing} accepted deliveries have no row`);
  if (waiting !== correctness.deliveryRows) problems.push(`${waiting} waiting jobs for ${correctness.deliveryRows} accepted deliveries`);
  const otherJobs = Object.entries(jobCounts).filter(([state, count]) => state !== "waiting" && count > 0);
  if (otherJobs.length > 0) problems.push(`unexpected jobs: ${otherJobs.map(([state, count]) => `${count} ${state}`).join(", ")}`);
  if (outboxRows !== correctness.deliveryRows) problems.push(`${outboxRows} outbox rows for ${correctness.deliveryRows} deliveries`);
  if (outboxOwed > 0) problems.push(`${outboxOwed} outbox messages not relayed to the queue`);
  correctness.passed = problems.length === 0;
  return correctness;
}

async function removeQueueKeys(redis: Redis, queue: Queue, prefix: string): Promise<void> {
  await queue.obliterate({ force: true }).catch(() => undefined);
  // Anything else under this run's own prefix (obliterate covers one queue's keys).
  await deleteKeysWithPrefix(redis, prefix);
}

// ---------------------------------------------------------------------------------------------
// One backend

async function benchBackend(backend: Backend): Promise<BackendResult> {
  const result: BackendResult = { backend, serverLogLines: { warn: 0, error: 0, other: 0 }, passed: false };
  const name = `candor_bench_${runTag}_${backend === "sqlite" ? "lite" : "pg"}`;
  const queuePrefix = `bench-${runTag}-${backend === "sqlite" ? "lite" : "pg"}`;
  const redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(WEBHOOK_QUEUE, { connection: redis, prefix: queuePrefix });
  let database: BenchDatabase | undefined;
  let server: RunningServer | undefined;
  const logFile = path.join(os.tmpdir(), `${name}-server.log`);
  try {
    log(`${backend}: creating database ${backend === "sqlite" ? "file" : name}`);
    database = await createBenchDatabase(backend, name, settings);
    await runToCompletion(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/migrate.ts"], {
      ...process.env,
      DATABASE_URL: database.url,
    });
    server = await startServer({ databaseUrl: database.url, queuePrefix, logFile });
    log(`${backend}: server on port ${server.port} (log: ${logFile})`);

    const ledger: DeliveryLedger = { sent: new Set(), answered: new Set(), accepted: new Set() };
    const port = server.port;
    const running = server;
    const settle = async () => {
      running.assertRunning();
      await sleep(500); // let requests cut off at the end of a run finish server-side
      running.assertRunning();
    };
    log(`${backend}: warming up (${settings.warmup} s per route)`);
    await measure({ port, route: "/bench/baseline", label: "warm-up", seconds: settings.warmup, idPrefix: `${runTag}-wb` });
    await settle();
    await measure({ port, route: "/webhooks", label: "warm-up", seconds: settings.warmup, idPrefix: `${runTag}-wi`, ledger });
    await settle();
    log(`${backend}: baseline ${settings.duration} s`);
    result.baselineBefore = await measure({ port, route: "/bench/baseline", label: "baseline (before)", seconds: settings.duration, idPrefix: `${runTag}-b1` });
    await settle();
    log(`${backend}: intake ${settings.duration} s`);
    result.intake = await measure({ port, route: "/webhooks", label: "intake", seconds: settings.duration, idPrefix: `${runTag}-i`, ledger });
    await settle();
    log(`${backend}: baseline again ${settings.duration} s`);
    result.baselineAfter = await measure({ port, route: "/bench/baseline", label: "baseline (after)", seconds: settings.duration, idPrefix: `${runTag}-b2` });
    await settle();

    await server.stop();
    result.serverLogLines = { ...server.logLines };
    result.baselineRequestsPerSecond = (result.baselineBefore.requestsPerSecond + result.baselineAfter.requestsPerSecond) / 2;
    result.ratio = result.intake.requestsPerSecond / result.baselineRequestsPerSecond;
    result.ratioPassed = result.ratio >= MIN_RATIO;
    result.p99Passed = result.intake.p99 < MAX_INTAKE_P99_MS;
    result.cleanRun = [result.baselineBefore, result.intake, result.baselineAfter].every(
      (run) => run.non2xx === 0 && run.errors === 0,
    );
    result.correctness = await checkCorrectness(backend, database.url, queue, ledger);
    result.passed = result.ratioPassed && result.p99Passed && result.cleanRun && result.correctness.passed;
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    log(`${backend}: failed: ${result.error}`);
    if (server) log(`${backend}: last server log lines:\n${server.logTail.join("\n")}`);
  } finally {
    if (server) {
      await server.stop().catch(() => undefined);
      result.serverLogLines = { ...server.logLines };
      if (server.logLines.warn + server.logLines.error > 0) {
        log(`${backend}: the server logged ${server.logLines.warn} warnings and ${server.logLines.error} errors (see ${logFile}); last lines:\n${server.logTail.slice(-5).join("\n")}`);
      }
    }
    await removeQueueKeys(redis, queue, queuePrefix).catch((error: unknown) => log(`${backend}: queue cleanup failed: ${String(error)}`));
    await queue.close().catch(() => undefined);
    redis.disconnect();
    await database?.drop().catch((error: unknown) => log(`${backend}: dropping the database failed: ${String(error)}`));
    if (existsSync(logFile) && statSync(logFile).size === 0) rmSync(logFile, { force: true });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Report

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "–" : value.toFixed(1));
const rps = (value: number | undefined) => (value === undefined ? "–" : Math.round(value).toLocaleString("en-US"));
const mark = (passed: boolean | undefined) => (passed === undefined ? "–" : passed ? "pass" : "**FAIL**");

function runRow(backend: string, run: RunResult | undefined, label: string): string {
  if (!run) return `| ${backend} | ${label} | – | – | – | – | – |`;
  return `| ${backend} | ${label} | ${rps(run.requestsPerSecond)} | ${ms(run.p50)} | ${ms(run.p99)} | ${run.non2xx} | ${run.errors} |`;
}

function renderSection(results: BackendResult[], startedAt: Date, code: CodeDescription): string {
  const deviations: string[] = [];
  if (settings.connections !== TARGET_CONNECTIONS) deviations.push(`${settings.connections} connections (the targets are stated for ${TARGET_CONNECTIONS})`);
  if (settings.logLevel !== "info") deviations.push(`server LOG_LEVEL=${settings.logLevel}`);
  if (settings.cpuProfDir) deviations.push("server run with --cpu-prof");
  if (code.staleBuild) deviations.push("the build is older than the sources (run `npm run build`)");
  const overrides = [
    process.env.BENCH_BACKENDS?.trim() ? `BENCH_BACKENDS="${settings.backends.join(" ")}"` : "",
    process.env.BENCH_DURATION?.trim() ? `BENCH_DURATION=${settings.duration}` : "",
    process.env.BENCH_WARMUP?.trim() ? `BENCH_WARMUP=${settings.warmup}` : "",
    process.env.BENCH_CONNECTIONS?.trim() ? `BENCH_CONNECTIONS=${settings.connections}` : "",
    process.env.BENCH_LOG_LEVEL?.trim() ? `BENCH_LOG_LEVEL=${settings.logLevel}` : "",
  ].filter(Boolean);
  const command = `${overrides.length > 0 ? `${overrides.join(" ")} ` : ""}npm run bench:webhooks`;

  const lines: string[] = [
    SECTION_START,
    "## Webhook intake",
    "",
    "_This section is written by `bench/webhook-intake.ts`; edit the script, not the section._",
    "",
    `Command: \`${command}\` (runs \`bash bench/run-webhook-intake.sh\`: builds if \`build/server.js\` is missing, makes sure Redis and PostgreSQL run, then \`npx tsx bench/webhook-intake.ts\`). ` +
      "Options: `BENCH_BACKENDS` (default `sqlite postgresql`), `BENCH_DURATION` (seconds per measured run, default 10), `BENCH_WARMUP` (default 2), " +
      "`BENCH_CONNECTIONS` (default 10), `BENCH_LOG_LEVEL` (server log level, default `info` as in production), `BENCH_CPU_PROF=<dir>` (profile the server), `BENCH_WRITE_DOCS=false` (leave this file alone). " +
      "It exits non-zero when a target is missed.",
    "",
    `Last run: ${startedAt.toISOString().replace(/\.\d+Z$/, "Z")} · commit ${code.commit}${code.dirty ? " with uncommitted changes to app/, server/ or prisma/" : ""} · Node ${process.version} · ${describeCpus()}, shared by the server, the load tool, PostgreSQL and Redis · ${os.platform()} ${os.arch()} · ` +
      `${settings.connections} connections, ${settings.duration} s per measured run after ${settings.warmup} s of warm-up per route` +
      (deviations.length > 0 ? ` · **non-default settings: ${deviations.join(", ")}**` : ""),
    "",
    "**What is measured.** One server process (`node build/server.js`, `NODE_ENV=test`, `LOG_LEVEL=" +
      settings.logLevel +
      "`, no queue workers in the process) per backend, on a fresh database migrated for the run, a fresh BullMQ prefix on the local Redis, and the same machine as the load tool. " +
      `autocannon keeps ${settings.connections} connections busy with the same request: \`POST\` of Shopify's sample \`orders/fulfilled\` payload (\`bench/fixtures/orders-fulfilled.json\`, ${body.length.toLocaleString("en-US")} bytes) with valid Shopify webhook headers and a fresh \`X-Shopify-Webhook-Id\` per request, so every intake request is a new delivery. ` +
      "The baseline is a bare Remix route (`/bench/baseline`, enabled by `BENCH_BASELINE_ROUTE=true`) that reads the body and answers 200: the cost of Express, Remix and the body itself. " +
      "The intake (`/webhooks`, which the server mounts ahead of the Remix router) does the whole job in the measured process: HMAC check, lossless parse and payload minimisation, dedupe on (shop, webhook id), the durable write of the delivery and its outbox message (group commit; SQLite with `synchronous=FULL`), the answer once that write is committed, and the hand-over of each batch to BullMQ right after it — the correctness check below proves every delivery reached the queue. " +
      "The baseline is measured before and after the intake and averaged, to cancel drift; the ratio intake ÷ baseline is what the targets judge, because absolute numbers on a shared 2-core machine vary from run to run. " +
      "Latency percentiles are taken over every response, from autocannon's per-request timings (sub-millisecond precision). " +
      "After the run the script checks that every webhook id sent is stored once, and that each stored delivery has exactly one waiting job in Redis and a relayed outbox message; then it removes the queue keys and the database.",
    "",
    "| Backend | Run | req/s (mean) | p50 ms | p99 ms | non-2xx | errors |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const result of results) {
    lines.push(runRow(result.backend, result.baselineBefore, "baseline (before)"));
    lines.push(runRow(result.backend, result.intake, "**intake**"));
    lines.push(runRow(result.backend, result.baselineAfter, "baseline (after)"));
  }
  lines.push(
    "",
    `Targets: intake throughput ≥ ${MIN_RATIO * 100}% of the baseline's (mean of the two baseline runs), intake p99 < ${MAX_INTAKE_P99_MS} ms at ${TARGET_CONNECTIONS} connections.`,
    "",
    `| Backend | baseline req/s (mean of 2) | intake req/s | ratio (≥ ${MIN_RATIO.toFixed(2)}) | intake p99 (< ${MAX_INTAKE_P99_MS} ms) | baseline p99 (same run, for scale) | no errors / non-2xx | correctness | result |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | :---: | :---: | :---: |",
  );
  for (const result of results) {
    if (result.error) {
      lines.push(`| ${result.backend} | – | – | – | – | – | – | – | **FAIL**: ${result.error.split("\n")[0]?.replace(/\|/g, "\\|")} |`);
      continue;
    }
    lines.push(
      `| ${result.backend} | ${rps(result.baselineRequestsPerSecond)} | ${rps(result.intake?.requestsPerSecond)} | ${result.ratio?.toFixed(2)} ${mark(result.ratioPassed)} | ` +
        `${ms(result.intake?.p99)} ms ${mark(result.p99Passed)} | ${ms(Math.max(result.baselineBefore?.p99 ?? 0, result.baselineAfter?.p99 ?? 0))} ms | ${mark(result.cleanRun)} | ${mark(result.correctness?.passed)} | ${result.passed ? "**pass**" : "**FAIL**"} |`,
    );
  }
  lines.push(
    "",
    "Correctness check (warm-up and measured intake runs together; the queue has no worker during the run, so every job stays waiting):",
    "",
    "| Backend | distinct webhook ids sent | accepted responses | cut off at the end of a run | WebhookDelivery rows | distinct ids in rows | waiting jobs | outbox rows (not relayed) | check |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
  );
  for (const result of results) {
    const c = result.correctness;
    if (!c) {
      lines.push(`| ${result.backend} | – | – | – | – | – | – | – | – |`);
      continue;
    }
    lines.push(
      `| ${result.backend} | ${c.webhookIdsSent} | ${c.acceptedResponses} | ${c.unansweredAtStop} | ${c.deliveryRows} | ${c.distinctWebhookIdsInRows} | ${c.jobCounts.waiting ?? 0} | ${c.outboxRows} (${c.outboxOwed}) | ${c.passed ? "pass" : `**FAIL**: ${c.problems.join("; ")}`} |`,
    );
  }
  const noisyLogs = results.filter((result) => result.serverLogLines.warn + result.serverLogLines.error > 0);
  if (noisyLogs.length > 0) {
    lines.push(
      "",
      `Server log: ${noisyLogs.map((result) => `${result.backend} ${result.serverLogLines.warn} warnings, ${result.serverLogLines.error} errors`).join("; ")}.`,
    );
  }
  lines.push(
    "",
    "“Accepted responses” can be lower than the rows by at most the requests cut off at the end of a run (at most one per connection and run): the load tool stops waiting for them, the server still stores them.",
    SECTION_END,
  );
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------

const releaseLock = await acquireBenchLock(15);
const code = describeCode(["app", "server", "prisma"], ["build/server.js", "build/server/index.js"]);
if (code.staleBuild) log("warning: build/ is older than the sources in app/, server/ or prisma/: the results describe the build, not the sources");
const startedAt = new Date();
log(`run ${runTag}: backends ${settings.backends.join(", ")}; ${settings.connections} connections; ${settings.duration} s per run; server LOG_LEVEL=${settings.logLevel}`);
const results: BackendResult[] = [];
for (const backend of settings.backends as Backend[]) {
  results.push(await benchBackend(backend));
}

releaseLock();
const section = renderSection(results, startedAt, code);
console.log(`\n${section}\n`);
if (settings.writeDocs) {
  writeDocsSection(section, SECTION_START, SECTION_END);
  log(`results written to ${path.relative(ROOT, DOCS)}`);
}
if (settings.jsonPath) {
  writeFileSync(settings.jsonPath, JSON.stringify({ startedAt, settings, node: process.version, cpus: os.cpus().length, results }, null, 2));
  log(`raw results written to ${settings.jsonPath}`);
}
const allPassed = results.length > 0 && results.every((result) => result.passed);
log(allPassed ? "every target met" : "a target was missed (see the table above)");
process.exit(allPassed ? 0 : 1);
