/**
 * Review-email benchmark: the whole send pipeline, end to end, with real processes —
 *   signed `orders/fulfilled` webhook → POST /webhooks (web) → process-webhook job (worker)
 *   → ReviewRequest + delayed send job through the outbox → send job (worker): Admin GraphQL
 *   under the per-shop cost limiter → render → SMTP → SendAttempt recorded.
 *
 * Per database backend, in one run:
 *   Run A (throughput): BENCH_SHOPS shops on Shopify Plus's cost budget, BENCH_ORDERS_PER_SHOP
 *     fulfilled orders each (1–3 products, a distinct subscribed customer per order), delay 0;
 *     every webhook fired at BENCH_CONCURRENCY; orders/s = orders ÷ (first webhook sent → last
 *     email received by the SMTP sink), webhook→email latency, worker peak RSS, THROTTLED
 *     answers, CPU per process, and a correctness check (one email per order, every request sent).
 *   Run B (limiter): one shop on a standard plan's budget (100 points/s, 2000 max),
 *     BENCH_LIMITER_ORDERS orders: THROTTLED answers (must be 0) and points spent per second.
 * and, once per run, the email ceiling: the same SMTP sink fed the same number of rendered
 * review emails directly by one pooled nodemailer transport configured like the app's, at the
 * worker's concurrency (before and after the backends), plus the same through the mail
 * catcher (which parses every message) for comparison.
 *
 * Usage: npm run bench:emails             (bash bench/run-review-emails.sh: builds if needed)
 *        npx tsx bench/review-emails.ts   (expects `npm run build` to have run)
 *
 * Environment (all optional):
 *   BENCH_BACKENDS            backends, space or comma separated (default "postgresql sqlite")
 *   BENCH_SHOPS               Run A shops (default 10)
 *   BENCH_ORDERS_PER_SHOP     Run A orders per shop (default 1000)
 *   BENCH_LIMITER_ORDERS      Run B orders (default 300; 0 skips Run B)
 *   BENCH_CONCURRENCY         webhooks in flight (default 20)
 *   BENCH_WORKER_CONCURRENCY  the worker's WORKER_CONCURRENCY (default: unset, the app's default)
 *   BENCH_LOG_LEVEL           LOG_LEVEL of web and worker (default info, as in production)
 *   BENCH_STALL_SECONDS       give up when no email arrives for this long (default 60)
 *   BENCH_CEILING_MESSAGES    messages per email-ceiling measurement (default: as many as Run A's orders)
 *   BENCH_CPU_PROF            a directory: run the worker with --cpu-prof and write its profile there
 *   BENCH_WORKER_NODE_OPTIONS NODE_OPTIONS of the worker process (e.g. V8 heap flags)
 *   BENCH_WRITE_DOCS          "false" leaves docs/benchmarks.md alone (exploratory runs)
 *   BENCH_JSON                a file to write the raw results to, as JSON
 *   BENCH_POSTGRES_URL        server URL without database (default postgresql://postgres:postgres@127.0.0.1:5432)
 *   BENCH_REDIS_URL           default redis://127.0.0.1:6379
 *   BENCH_TMPDIR              where the SQLite file goes (default the OS temp directory)
 *
 * Exit codes: 0 every target met on every backend; 1 a target or a correctness check was
 * missed, or a backend could not be measured. The results are written in every case.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { once } from "node:events";
import { closeSync, cpSync, createWriteStream, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import http from "node:http";
import { connect, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

import { Queue } from "bullmq";
import { Redis } from "ioredis";
import nodemailer from "nodemailer";
import pg from "pg";
import { SMTPServer } from "smtp-server";

import { createDb, type Db } from "../app/db.server";
import { DEFAULT_SHOP_SETTINGS } from "../app/modules/settings/shop-settings-schema";
import { renderReviewRequestEmail } from "../app/modules/review-emails/render-review-request-email";
import { BROWSER_USER_AGENT } from "../dev/browser-user-agent";
import { createEmptyShopSeed, startFakeShopify, type FakeShopify } from "../dev/fake-shopify/index";
import { startMailCatcher } from "../dev/mail-catcher/index";
import { mintSessionToken } from "../dev/session-token";
import { DOCS, describeCpus, percentile, writeDocsSection } from "./support/results";
import { acquireBenchLock, describeCode, log, positiveInteger, ROOT, type CodeDescription } from "./support/run";
import { createBenchDatabase, deleteKeysWithPrefix, freePort, runToCompletion, type Backend, type BenchDatabase } from "./support/services";

// ---------------------------------------------------------------------------------------------
// Settings

/** What the benchmark runs from `npm run build`. */
const BUILD_FILES = ["build/server.js", "build/worker.js", "build/server/index.js"];
const SECTION_START = "<!-- review-emails:start -->";
const SECTION_END = "<!-- review-emails:end -->";

/** The product issue's targets. */
const MIN_ORDERS_PER_SECOND = 200;
const MAX_WORKER_RSS_MB = 200;
/** The standard plan's restore rate: what Run B may spend per second once the bucket is drawn down. */
const STANDARD_BUDGET = { maximumAvailable: 2_000, restoreRate: 100 };
const PLUS_BUDGET = { maximumAvailable: 20_000, restoreRate: 1_000 };
/** The app's defaults the email ceiling copies (app/modules/runtime/start-workers.server.ts, get-mail-transport.server.ts). */
const APP_DEFAULT_WORKER_CONCURRENCY = 100;
const APP_SMTP_POOL = { maxConnections: 5, maxMessages: 1_000 };
/** The worker starts with the Node flags of `npm run worker` (package.json), as deployed. */
const WORKER_NODE_FLAGS = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.worker!
  .split(/\s+/)
  .filter((token) => token.startsWith("--"));

const API_KEY = "bench-emails-key";
const API_SECRET = `bench-emails-secret-${randomBytes(4).toString("hex")}`;
const PRODUCTS_PER_SHOP = 20;
const MAIL_FROM = "Reviews <reviews@candor.example>";

const settings = {
  backends: (process.env.BENCH_BACKENDS?.trim() || "postgresql sqlite").split(/[\s,]+/).filter(Boolean),
  shops: positiveInteger("BENCH_SHOPS", 10),
  ordersPerShop: positiveInteger("BENCH_ORDERS_PER_SHOP", 1_000),
  limiterOrders: positiveInteger("BENCH_LIMITER_ORDERS", 300, { allowZero: true }),
  concurrency: positiveInteger("BENCH_CONCURRENCY", 20),
  workerConcurrency: process.env.BENCH_WORKER_CONCURRENCY?.trim() ? positiveInteger("BENCH_WORKER_CONCURRENCY", APP_DEFAULT_WORKER_CONCURRENCY) : undefined,
  logLevel: process.env.BENCH_LOG_LEVEL?.trim() || "info",
  stallSeconds: positiveInteger("BENCH_STALL_SECONDS", 60),
  ceilingMessages: positiveInteger("BENCH_CEILING_MESSAGES", 0, { allowZero: true }),
  cpuProfDir: process.env.BENCH_CPU_PROF?.trim() ? path.resolve(process.env.BENCH_CPU_PROF.trim()) : undefined,
  workerNodeOptions: process.env.BENCH_WORKER_NODE_OPTIONS?.trim() || undefined,
  writeDocs: process.env.BENCH_WRITE_DOCS?.trim() !== "false",
  jsonPath: process.env.BENCH_JSON?.trim() || undefined,
  postgresUrl: (process.env.BENCH_POSTGRES_URL?.trim() || "postgresql://postgres:postgres@127.0.0.1:5432").replace(/\/+$/, ""),
  redisUrl: process.env.BENCH_REDIS_URL?.trim() || "redis://127.0.0.1:6379",
  tmpDir: process.env.BENCH_TMPDIR?.trim() || os.tmpdir(),
};
/** The sends the worker runs at once: what the email ceiling is given too. */
const sendConcurrency = settings.workerConcurrency ?? APP_DEFAULT_WORKER_CONCURRENCY;
const totalOrders = settings.shops * settings.ordersPerShop;
if (settings.ceilingMessages === 0) settings.ceilingMessages = totalOrders;

for (const backend of settings.backends) {
  if (backend !== "sqlite" && backend !== "postgresql") {
    console.error(`BENCH_BACKENDS: unknown backend "${backend}" (use postgresql and/or sqlite)`);
    process.exit(2);
  }
}
// A build/ without every file may be a rebuild in progress: snapshotBuild() waits for it.
if (!existsSync(path.join(ROOT, "build"))) {
  console.error("build/ is missing: run `npm run build` first (bench/run-review-emails.sh does).");
  process.exit(2);
}

const runTag = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
// ---------------------------------------------------------------------------------------------
// Machine measurements: CPU time per process from /proc, memory of the worker

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of one process, in seconds (undefined once it has exited). */
function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** CPU seconds of every live process whose command is one of `names` (Redis). */
function cpuSecondsByCommand(names: string[]): Record<string, number> {
  const totals: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (!(command in totals)) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      totals[command] = (totals[command] ?? 0) + (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    } catch {
      // exited meanwhile
    }
  }
  return totals;
}

/** Busy and total jiffies of the whole machine (/proc/stat), to report how loaded it was. */
function machineCpu(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

interface CpuSnapshot {
  at: number;
  web?: number;
  worker?: number;
  bench: number;
  postgres: number;
  redis: number;
  machine: { busy: number; total: number };
}

/**
 * CPU time of the PostgreSQL backends serving one database (other databases on the same server
 * may be busy with something else). Polled every second, so that a connection the pool closes
 * keeps the time it used until its last poll.
 */
class PostgresCpuWatch {
  private readonly used = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;
  private readonly client: pg.Client;
  private polling: Promise<void> = Promise.resolve();

  private constructor(databaseName: string, client: pg.Client) {
    this.client = client;
    const poll = async () => {
      const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [databaseName]);
      for (const { pid } of rows) {
        const seconds = processCpuSeconds(pid);
        if (seconds !== undefined) this.used.set(pid, seconds);
      }
    };
    this.timer = setInterval(() => {
      this.polling = this.polling.then(poll).catch(() => undefined);
    }, 1_000);
    this.timer.unref();
    this.polling = poll().catch(() => undefined);
  }

  static async start(databaseName: string): Promise<PostgresCpuWatch> {
    const client = new pg.Client({ connectionString: `${settings.postgresUrl}/postgres` });
    await client.connect();
    const watch = new PostgresCpuWatch(databaseName, client);
    await watch.polling;
    return watch;
  }

  /** CPU seconds used so far by every backend of the database seen (since it started). */
  async total(): Promise<number> {
    await this.polling;
    let sum = 0;
    for (const seconds of this.used.values()) sum += seconds;
    return sum;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.polling;
    await this.client.end();
  }
}

function cpuSnapshot(web: ChildProcess, worker: ChildProcess, postgres = 0): CpuSnapshot {
  const byCommand = cpuSecondsByCommand(["redis-server"]);
  const own = process.cpuUsage();
  return {
    at: performance.now(),
    web: web.pid ? processCpuSeconds(web.pid) : undefined,
    worker: worker.pid ? processCpuSeconds(worker.pid) : undefined,
    bench: (own.user + own.system) / 1e6,
    postgres,
    redis: byCommand["redis-server"] ?? 0,
    machine: machineCpu(),
  };
}

/** CPU used between two snapshots, as a share of one core per process and of the whole machine. */
interface CpuUse {
  seconds: number;
  web: number;
  worker: number;
  bench: number;
  postgres: number;
  redis: number;
  /** Share of all cores busy (any process), 0–1. */
  machineBusy: number;
}

function cpuUse(before: CpuSnapshot, after: CpuSnapshot): CpuUse {
  const seconds = (after.at - before.at) / 1000;
  const share = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || seconds <= 0 ? Number.NaN : (b - a) / seconds);
  const machineTotal = after.machine.total - before.machine.total;
  return {
    seconds,
    web: share(before.web, after.web),
    worker: share(before.worker, after.worker),
    bench: share(before.bench, after.bench),
    postgres: share(before.postgres, after.postgres),
    redis: share(before.redis, after.redis),
    machineBusy: machineTotal > 0 ? (after.machine.busy - before.machine.busy) / machineTotal : Number.NaN,
  };
}

/** VmRSS / VmHWM (peak) of a process, in MB, polled every 200 ms. */
class MemoryWatch {
  peakRssMb = 0;
  hwmMb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.poll(), 200);
    this.timer.unref();
    this.poll();
  }

  poll(): void {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, "utf8");
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
      this.peakRssMb = Math.max(this.peakRssMb, kb("VmRSS") / 1024);
      this.hwmMb = Math.max(this.hwmMb, kb("VmHWM") / 1024);
    } catch {
      // exited
    }
  }

  stop(): void {
    this.poll();
    clearInterval(this.timer);
  }
}

// ---------------------------------------------------------------------------------------------
// The SMTP sink: accepts every message, counts it per recipient, keeps no body

interface MailSink {
  port: number;
  url: string;
  received: number;
  bytes: number;
  /** Called once per recipient of each accepted message, with the arrival time (performance.now()). */
  onMessage: ((recipient: string, at: number) => void) | undefined;
  close(): Promise<void>;
}

async function startMailSink(): Promise<MailSink> {
  const sink: MailSink = { port: 0, url: "", received: 0, bytes: 0, onMessage: undefined, close: async () => undefined };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    allowInsecureAuth: true,
    disableReverseLookup: true,
    size: 10 * 1024 * 1024,
    logger: false,
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      let bytes = 0;
      stream.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
      });
      stream.once("end", () => {
        const at = performance.now();
        sink.received += 1;
        sink.bytes += bytes;
        for (const recipient of session.envelope.rcptTo) sink.onMessage?.(recipient.address.toLowerCase(), at);
        callback(null, "OK");
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  sink.port = (server.server.address() as AddressInfo).port;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

// ---------------------------------------------------------------------------------------------
// Email ceiling: the sink fed directly by one pooled transport configured like the app's

interface CeilingResult {
  label: string;
  messages: number;
  seconds: number;
  perSecond: number;
  averageBytes: number;
}

const SAMPLE_TITLES = ["Aviator sunglasses", "Mid-century lounger", "Coffee table"];

const CEILING_LABELS = {
  appBefore: "sink, the app's transport settings, TCP_NODELAY (before the backends)",
  nagleOn: "sink, the same with nodemailer's own socket (Nagle on)",
  catcher: "mail catcher (parses every message), TCP_NODELAY",
  appAfter: "sink, the app's transport settings, TCP_NODELAY (after the backends)",
};

/** A review email as the send job renders it (2 products: the mean of Run A's 1–3). */
function renderSampleEmail(index: number) {
  return renderReviewRequestEmail({
    kind: "request",
    locale: "en",
    shopName: "Bench shop",
    products: SAMPLE_TITLES.slice(0, 2).map((title, product) => ({
      title,
      imageUrl: `https://bench-shop.myshopify.com/cdn/shop/files/product-${product}.jpg`,
      imageAlt: title,
      productUrl: `https://bench-shop.myshopify.com/products/product-${product}`,
    })),
    reviewLink: `https://bench-shop.myshopify.com/apps/candor/review?token=${randomBytes(90).toString("base64url")}.${index}`,
    unsubscribeLink: `http://127.0.0.1:3000/unsubscribe/${randomBytes(90).toString("base64url")}`,
    copy: DEFAULT_SHOP_SETTINGS.emailCopy,
  });
}

/**
 * A socket with Nagle's algorithm off, for the transport's `getSocket` hook. nodemailer 7 leaves
 * Nagle on: the end of each message then waits for the ACK of the previous segment, which the
 * server's kernel delays by up to 40 ms.
 */
function noDelaySocket(options: { host?: string; port?: number }, callback: (error: Error | null, socketOptions: unknown) => void): void {
  const socket = connect(options.port ?? 25, options.host ?? "127.0.0.1");
  socket.setNoDelay(true);
  socket.once("connect", () => callback(null, { connection: socket }));
  socket.once("error", (error) => callback(error, null));
}

async function measureEmailCeiling(
  label: string,
  target: { host: string; port: number },
  count: number,
  concurrency: number,
  bytesSeen: () => number,
  options: { noDelay?: boolean } = {},
): Promise<CeilingResult> {
  const transport = nodemailer.createTransport({
    ...(options.noDelay ? { getSocket: noDelaySocket } : {}),
    host: target.host,
    port: target.port,
    secure: false,
    pool: true,
    maxConnections: APP_SMTP_POOL.maxConnections,
    maxMessages: APP_SMTP_POOL.maxMessages,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    logger: false,
    debug: false,
  });
  const from = /<([^>]+)>/.exec(MAIL_FROM)?.[1] ?? MAIL_FROM;
  const bytesBefore = bytesSeen();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const index = next++;
        if (index >= count) return;
        const email = renderSampleEmail(index);
        const unsubscribeUrl = `http://127.0.0.1:3000/unsubscribe/u${index}`;
        await transport.sendMail({
          from: { name: "Bench shop", address: from },
          to: `ceiling-${index}@bench.example`,
          subject: email.subject,
          html: email.html,
          text: email.text,
          messageId: `<${randomBytes(16).toString("hex")}@candor.example>`,
          textEncoding: "quoted-printable",
          headers: {
            "Content-Language": email.language,
            "List-Unsubscribe": `<${unsubscribeUrl}>`,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
          },
        });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  const bytes = bytesSeen() - bytesBefore;
  return { label, messages: count, seconds, perSecond: count / seconds, averageBytes: bytes > 0 ? bytes / count : Number.NaN };
}

// ---------------------------------------------------------------------------------------------
// Processes and services

interface AppProcess {
  child: ChildProcess;
  pid: number;
  logLines: { warn: number; error: number; other: number };
  /** Lines matching one of the patterns counted while the process runs. */
  counts: Map<string, number>;
  logTail: string[];
  assertRunning(): void;
  stop(): Promise<void>;
}

/**
 * The web server and worker run from a private copy of build/, so that a rebuild while the
 * benchmark runs (it takes minutes) cannot pull the files from under them. The copy lives under
 * node_modules/ so that the bundles still resolve their dependencies from the project's
 * node_modules, and build/server.js finds build/server and build/client next to itself.
 */
async function snapshotBuild(): Promise<{ root: string; remove(): void }> {
  // The real path: build/server.js runs only when argv[1] is its own resolved file name, and
  // node_modules may be a link to a shared install.
  const root = path.join(realpathSync(path.join(ROOT, "node_modules")), ".cache", `candor-bench-${runTag}`);
  const remove = () => rmSync(root, { recursive: true, force: true });
  process.once("exit", remove);
  for (let attempt = 1; ; attempt += 1) {
    try {
      remove();
      cpSync(path.join(ROOT, "build"), path.join(root, "build"), { recursive: true });
      if (BUILD_FILES.every((file) => existsSync(path.join(root, file)))) return { root, remove };
    } catch {
      // a rebuild is replacing build/: try again
    }
    if (attempt >= 90) throw new Error(`build/ lacks ${BUILD_FILES.join(" or ")}: run \`npm run build\``);
    await sleep(1_000);
  }
}

let buildRoot = ROOT;

async function startAppProcess(options: {
  entry: "web" | "worker";
  env: NodeJS.ProcessEnv;
  nodeArgs?: string[];
  logFile: string;
  countPatterns?: string[];
  ready: (output: () => string[], exited: () => boolean) => Promise<void>;
}): Promise<AppProcess> {
  const script = path.join(buildRoot, options.entry === "web" ? "build/server.js" : "build/worker.js");
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], { cwd: ROOT, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  const logFile = createWriteStream(options.logFile);
  const logLines = { warn: 0, error: 0, other: 0 };
  const counts = new Map<string, number>((options.countPatterns ?? []).map((pattern) => [pattern, 0]));
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
      for (const [pattern, count] of counts) if (line.includes(pattern)) counts.set(pattern, count + 1);
      logTail.push(line);
      if (logTail.length > 30) logTail.shift();
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
  try {
    await options.ready(() => logTail, () => exited);
  } catch (error) {
    if (!exited) child.kill("SIGKILL");
    throw new Error(`${options.entry} did not start${exited ? ` (exited, ${exitStatus})` : ""}: ${(error as Error).message}\n${logTail.join("\n")}`);
  }
  return {
    child,
    pid: child.pid ?? 0,
    logLines,
    counts,
    logTail,
    assertRunning() {
      if (exited) throw new Error(`the ${options.entry} process exited during the run (${exitStatus}):\n${logTail.slice(-10).join("\n")}`);
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

async function waitUntil(what: string, timeoutMs: number, probe: () => Promise<boolean> | boolean, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(intervalMs);
  }
}

// ---------------------------------------------------------------------------------------------
// Shops, orders and webhooks

interface BenchOrder {
  shop: string;
  orderGid: string;
  recipient: string;
  products: number;
  body: Buffer;
  hmac: string;
  webhookId: string;
  sentAt: number;
  emailAt: number[];
  status: number;
  outcome: string;
}

/** Points the fake charged a shop's bucket, with when, and the lowest the bucket went. */
interface ChargeLog {
  charges: Array<{ at: number; cost: number; availableAfter: number }>;
  lowestAvailable: number;
}

function instrumentBucket(fake: FakeShopify, shop: string): ChargeLog {
  const state = fake.state.shop(shop);
  if (!state) throw new Error(`the fake has no shop ${shop}`);
  const bucket = state.bucket;
  const chargeLog: ChargeLog = { charges: [], lowestAvailable: bucket.status().currentlyAvailable };
  const charge = bucket.charge.bind(bucket);
  bucket.charge = (cost: number) => {
    charge(cost);
    const availableAfter = bucket.status().currentlyAvailable;
    chargeLog.charges.push({ at: performance.now(), cost, availableAfter });
    chargeLog.lowestAvailable = Math.min(chargeLog.lowestAvailable, availableAfter);
  };
  return chargeLog;
}

/** Seeds a shop on the fake: products, and per order a distinct subscribed customer; returns the fulfilled orders' webhooks. */
function seedShop(fake: FakeShopify, shop: string, options: { plan: string; orders: number; shopIndex: number }): BenchOrder[] {
  const seed = createEmptyShopSeed(shop, fake.state.generateId());
  seed.name = `Bench shop ${options.shopIndex}`;
  seed.planDisplayName = options.plan;
  fake.addShop(seed);
  const products = Array.from({ length: PRODUCTS_PER_SHOP }, (_, index) =>
    fake.addProduct(shop, { title: `${SAMPLE_TITLES[index % SAMPLE_TITLES.length]} ${index + 1}` }),
  );
  const orders: BenchOrder[] = [];
  for (let index = 0; index < options.orders; index += 1) {
    const recipient = `buyer-${options.shopIndex}-${index}@bench.example`;
    const customer = fake.addCustomer(shop, {
      firstName: "Bench",
      lastName: `Buyer ${index}`,
      email: recipient,
      marketingState: "SUBSCRIBED",
      marketingOptInLevel: "SINGLE_OPT_IN",
      locale: "en",
    });
    const productCount = 1 + ((index * 7 + options.shopIndex) % 3);
    const lineItems = Array.from({ length: productCount }, (_, line) => ({ productId: products[(index + line * 7) % products.length]!.id }));
    const order = fake.addOrder(shop, { customerId: customer.id, lineItems });
    fake.fulfillOrder(shop, order.id);
    const body = Buffer.from(fake.webhookBody("orders/fulfilled", shop, { orderId: order.id }));
    orders.push({
      shop,
      orderGid: `gid://shopify/Order/${order.id}`,
      recipient,
      products: productCount,
      body,
      hmac: createHmac("sha256", API_SECRET).update(body).digest("base64"),
      webhookId: `${runTag}-${options.shopIndex}-${index}`,
      sentAt: Number.NaN,
      emailAt: [],
      status: 0,
      outcome: "",
    });
  }
  return orders;
}

/** Installs a shop the way Shopify admin does (token exchange from a session token), then sets delay 0. */
async function installShop(webUrl: string, db: Db, shop: string): Promise<void> {
  const idToken = await mintSessionToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop, userId: "1" });
  const host = Buffer.from(`admin.shopify.com/store/${shop.replace(/\.myshopify\.com$/, "")}`).toString("base64url");
  const response = await fetch(`${webUrl}/app?${new URLSearchParams({ embedded: "1", shop, host, id_token: idToken })}`, {
    headers: { "User-Agent": BROWSER_USER_AGENT },
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`installing ${shop}: GET /app answered ${response.status}`);
  await waitUntil(`the offline session of ${shop}`, 15_000, async () => (await db.session.findFirst({ where: { shop } })) !== null);
  await db.shopSettings.create({ data: { shopId: shop, values: JSON.stringify({ delayDays: 0 }) } });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function postWebhook(port: number, order: BenchOrder): Promise<void> {
  return new Promise((resolve, reject) => {
    order.sentAt = performance.now();
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/webhooks",
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": order.body.length,
          "x-shopify-hmac-sha256": order.hmac,
          "x-shopify-topic": "orders/fulfilled",
          "x-shopify-shop-domain": order.shop,
          "x-shopify-webhook-id": order.webhookId,
          "x-shopify-api-version": "2026-10",
          "x-shopify-triggered-at": new Date().toISOString(),
        },
      },
      (response) => {
        order.status = response.statusCode ?? 0;
        const outcome = response.headers["x-candor-webhook-outcome"];
        order.outcome = typeof outcome === "string" ? outcome : `http ${order.status}`;
        response.resume();
        response.once("end", () => resolve());
        response.once("error", reject);
      },
    );
    request.once("error", reject);
    request.end(order.body);
  });
}

/** Fires every webhook with `concurrency` in flight; resolves when the last answer is in. */
async function fireWebhooks(port: number, orders: BenchOrder[], concurrency: number): Promise<{ seconds: number; failures: number }> {
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, orders.length) }, async () => {
      for (;;) {
        const order = orders[next++];
        if (!order) return;
        try {
          await postWebhook(port, order);
        } catch {
          failures += 1;
          order.outcome = "network error";
        }
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, failures };
}

// ---------------------------------------------------------------------------------------------
// Correctness

interface Correctness {
  orders: number;
  webhooksAccepted: number;
  emails: number;
  ordersEmailed: number;
  duplicateEmails: number;
  unexpectedEmails: number;
  reviewRequests: number;
  reviewRequestsSent: number;
  distinctOrdersRequested: number;
  sendAttemptsSent: number;
  deliveriesProcessed: number;
  throttled: number;
  failedJobs: number;
  passed: boolean;
  problems: string[];
}

async function checkCorrectness(
  db: Db,
  fake: FakeShopify,
  orders: BenchOrder[],
  unexpectedEmails: number,
  queues: Queue[],
  failedJobsBefore: number,
): Promise<Correctness> {
  const shops = [...new Set(orders.map((order) => order.shop))];
  const where = { shopId: { in: shops } };
  const [reviewRequests, reviewRequestsSent, distinctOrders, sendAttemptsSent, deliveriesProcessed] = await Promise.all([
    db.reviewRequest.count({ where }),
    db.reviewRequest.count({ where: { ...where, status: "sent" } }),
    db.reviewRequest.groupBy({ by: ["shopId", "orderId"], where }),
    db.sendAttempt.count({ where: { ...where, status: "sent" } }),
    db.webhookDelivery.count({ where: { ...where, processedAt: { not: null } } }),
  ]);
  const shopSet = new Set(shops);
  const throttled = fake.requests.filter((request) => request.shop !== null && shopSet.has(request.shop) && request.errorCodes.includes("THROTTLED")).length;
  let failedJobs = 0;
  for (const queue of queues) failedJobs += (await queue.getJobCounts("failed")).failed ?? 0;
  failedJobs -= failedJobsBefore;
  const correctness: Correctness = {
    orders: orders.length,
    webhooksAccepted: orders.filter((order) => order.status === 200 && order.outcome === "accepted").length,
    emails: orders.reduce((sum, order) => sum + order.emailAt.length, 0),
    ordersEmailed: orders.filter((order) => order.emailAt.length > 0).length,
    duplicateEmails: orders.reduce((sum, order) => sum + Math.max(0, order.emailAt.length - 1), 0),
    unexpectedEmails,
    reviewRequests,
    reviewRequestsSent,
    distinctOrdersRequested: distinctOrders.length,
    sendAttemptsSent,
    deliveriesProcessed,
    throttled,
    failedJobs,
    passed: false,
    problems: [],
  };
  const n = orders.length;
  const problems = correctness.problems;
  if (correctness.webhooksAccepted !== n) problems.push(`${n - correctness.webhooksAccepted} webhooks not accepted`);
  if (correctness.emails !== n || correctness.ordersEmailed !== n) problems.push(`${correctness.emails} emails for ${n} orders (${correctness.ordersEmailed} orders emailed)`);
  if (correctness.duplicateEmails > 0) problems.push(`${correctness.duplicateEmails} duplicate emails`);
  if (unexpectedEmails > 0) problems.push(`${unexpectedEmails} emails to unknown recipients`);
  if (reviewRequests !== n || distinctOrders.length !== n) problems.push(`${reviewRequests} ReviewRequests for ${distinctOrders.length} orders (expected ${n})`);
  if (reviewRequestsSent !== n) problems.push(`${reviewRequestsSent} ReviewRequests sent of ${n}`);
  if (sendAttemptsSent !== n) problems.push(`${sendAttemptsSent} SendAttempts sent of ${n}`);
  if (deliveriesProcessed !== n) problems.push(`${deliveriesProcessed} deliveries processed of ${n}`);
  if (throttled > 0) problems.push(`${throttled} THROTTLED answers`);
  if (failedJobs > 0) problems.push(`${failedJobs} failed jobs`);
  correctness.passed = problems.length === 0;
  return correctness;
}

// ---------------------------------------------------------------------------------------------
// One measured run (A or B) on a running stack

interface RunResult {
  label: string;
  shops: number;
  orders: number;
  plan: string;
  fire: { seconds: number; failures: number; perSecond: number };
  /** First webhook sent → last email received. */
  seconds: number;
  ordersPerSecond: number;
  latency: { p50: number; p95: number; max: number };
  cpu?: CpuUse;
  workerPeakRssMb: number;
  workerHwmMb: number;
  webPeakRssMb: number;
  limiterDelays: number;
  /** Per shop: points the fake charged, and per second over the run. */
  points: { total: number; perShopMaxPerSecond: number; perShopMean: number; lowestAvailable: number; steadyPerSecond?: number; steadyWindowSeconds?: number; steadyBucket?: [number, number]; boundPerSecond?: number };
  database?: { transactionsPerOrder: number; rowsInsertedPerOrder: number; rowsUpdatedPerOrder: number; rowsFetchedPerOrder: number };
  redisCommandsPerOrder?: number;
  correctness?: Correctness;
  error?: string;
}

interface Stack {
  backend: Backend;
  databaseUrl: string;
  databaseName: string;
  db: Db;
  fake: FakeShopify;
  sink: MailSink;
  web: AppProcess;
  worker: AppProcess;
  webPort: number;
  redis: Redis;
  queues: Queue[];
}

async function postgresStats(stack: Stack) {
  if (stack.backend !== "postgresql") return undefined;
  const client = new pg.Client({ connectionString: `${settings.postgresUrl}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query<{ xact_commit: string; xact_rollback: string; tup_inserted: string; tup_updated: string; tup_fetched: string }>(
      `SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_fetched FROM pg_stat_database WHERE datname = $1`,
      [stack.databaseName],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      transactions: Number(row.xact_commit) + Number(row.xact_rollback),
      inserted: Number(row.tup_inserted),
      updated: Number(row.tup_updated),
      fetched: Number(row.tup_fetched),
    };
  } finally {
    await client.end();
  }
}

async function redisCommands(redis: Redis): Promise<number> {
  const info = await redis.info("stats");
  return Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0);
}

async function measureRun(stack: Stack, options: { label: string; plan: string; shops: number; ordersPerShop: number; shopOffset: number }): Promise<RunResult> {
  const { fake, sink, db } = stack;
  const shopNames = Array.from({ length: options.shops }, (_, index) => `bench-${runTag}-${options.shopOffset + index}.myshopify.com`);
  log(`${stack.backend} ${options.label}: seeding ${options.shops} shop(s) × ${options.ordersPerShop} orders on the fake (${options.plan})`);
  const perShop = shopNames.map((shop, index) => seedShop(fake, shop, { plan: options.plan, orders: options.ordersPerShop, shopIndex: options.shopOffset + index }));
  for (const shop of shopNames) await installShop(`http://127.0.0.1:${stack.webPort}`, db, shop);
  // Interleave the shops, as a busy platform's webhooks arrive.
  const orders: BenchOrder[] = [];
  for (let index = 0; index < options.ordersPerShop; index += 1) for (const shopOrders of perShop) orders.push(shopOrders[index]!);
  const byRecipient = new Map(orders.map((order) => [order.recipient, order]));
  const chargeLogs = shopNames.map((shop) => instrumentBucket(fake, shop));
  const result: RunResult = {
    label: options.label,
    shops: options.shops,
    orders: orders.length,
    plan: options.plan,
    fire: { seconds: Number.NaN, failures: 0, perSecond: Number.NaN },
    seconds: Number.NaN,
    ordersPerSecond: Number.NaN,
    latency: { p50: Number.NaN, p95: Number.NaN, max: Number.NaN },
    workerPeakRssMb: 0,
    workerHwmMb: 0,
    webPeakRssMb: 0,
    limiterDelays: 0,
    points: { total: 0, perShopMaxPerSecond: 0, perShopMean: 0, lowestAvailable: Number.NaN },
  };

  let unexpectedEmails = 0;
  let emailed = 0;
  let lastEmailAt = 0;
  sink.onMessage = (recipient, at) => {
    const order = byRecipient.get(recipient);
    if (!order) {
      unexpectedEmails += 1;
      return;
    }
    if (order.emailAt.length === 0) emailed += 1;
    order.emailAt.push(at);
    lastEmailAt = Math.max(lastEmailAt, at);
  };

  let failedJobsBefore = 0;
  for (const queue of stack.queues) failedJobsBefore += (await queue.getJobCounts("failed")).failed ?? 0;
  const delaysBefore = stack.worker.counts.get("review email delayed") ?? 0;
  const workerMemory = new MemoryWatch(stack.worker.pid);
  const webMemory = new MemoryWatch(stack.web.pid);
  const pgBefore = await postgresStats(stack);
  const redisBefore = await redisCommands(stack.redis);
  const postgresCpu = stack.backend === "postgresql" ? await PostgresCpuWatch.start(stack.databaseName) : undefined;
  const cpuBefore = cpuSnapshot(stack.web.child, stack.worker.child, await postgresCpu?.total());
  const started = performance.now();
  log(`${stack.backend} ${options.label}: firing ${orders.length} webhooks, ${settings.concurrency} in flight`);
  const firing = fireWebhooks(stack.webPort, orders, settings.concurrency).then((fire) => {
    result.fire = { ...fire, perSecond: orders.length / fire.seconds };
    log(`${stack.backend} ${options.label}: all webhooks answered in ${fire.seconds.toFixed(1)} s (${Math.round(result.fire.perSecond)}/s), ${emailed} emails so far`);
  });
  let cpuAfter: CpuSnapshot | undefined;
  try {
    let lastProgress = performance.now();
    let lastCount = 0;
    let lastReport = performance.now();
    while (emailed < orders.length) {
      await sleep(25);
      stack.web.assertRunning();
      stack.worker.assertRunning();
      const now = performance.now();
      if (emailed !== lastCount) {
        lastCount = emailed;
        lastProgress = now;
      } else if (now - lastProgress > settings.stallSeconds * 1000) {
        throw new Error(`no email for ${settings.stallSeconds} s: ${emailed} of ${orders.length} orders emailed`);
      }
      if (now - lastReport > 5_000) {
        lastReport = now;
        log(`${stack.backend} ${options.label}: ${emailed}/${orders.length} emailed after ${((now - started) / 1000).toFixed(0)} s; worker RSS ${workerMemory.peakRssMb.toFixed(0)} MB peak`);
      }
    }
    cpuAfter = cpuSnapshot(stack.web.child, stack.worker.child, await postgresCpu?.total());
    await firing;
  } finally {
    workerMemory.stop();
    webMemory.stop();
    await postgresCpu?.stop();
  }
  result.seconds = (lastEmailAt - started) / 1000;
  result.ordersPerSecond = orders.length / result.seconds;
  result.cpu = cpuUse(cpuBefore, cpuAfter);
  result.workerPeakRssMb = workerMemory.peakRssMb;
  result.workerHwmMb = workerMemory.hwmMb;
  result.webPeakRssMb = webMemory.peakRssMb;
  const latencies = orders.filter((order) => order.emailAt.length > 0).map((order) => Math.min(...order.emailAt) - order.sentAt).sort((a, b) => a - b);
  result.latency = { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), max: latencies.at(-1) ?? Number.NaN };
  log(`${stack.backend} ${options.label}: last email after ${result.seconds.toFixed(1)} s: ${result.ordersPerSecond.toFixed(0)} orders/s`);

  // The request is marked sent just after the SMTP server accepted the email: let that land,
  // and give a duplicate the time to show up.
  const shopFilter = { shopId: { in: shopNames } };
  await waitUntil("every review request recorded as sent", 60_000, async () => (await db.reviewRequest.count({ where: { ...shopFilter, status: "sent" } })) >= orders.length, 250).catch(
    (error: unknown) => log(`${stack.backend} ${options.label}: ${(error as Error).message}`),
  );
  await sleep(2_000);
  const pgAfter = await postgresStats(stack);
  const redisAfter = await redisCommands(stack.redis);
  if (pgBefore && pgAfter) {
    const per = (after: number, before: number) => (after - before) / orders.length;
    result.database = {
      transactionsPerOrder: per(pgAfter.transactions, pgBefore.transactions),
      rowsInsertedPerOrder: per(pgAfter.inserted, pgBefore.inserted),
      rowsUpdatedPerOrder: per(pgAfter.updated, pgBefore.updated),
      rowsFetchedPerOrder: per(pgAfter.fetched, pgBefore.fetched),
    };
  }
  result.redisCommandsPerOrder = (redisAfter - redisBefore) / orders.length;
  result.limiterDelays = (stack.worker.counts.get("review email delayed") ?? 0) - delaysBefore;

  // Points: the fake's own bucket, per shop.
  const perShopTotals = chargeLogs.map((chargeLog) => chargeLog.charges.reduce((sum, charge) => sum + charge.cost, 0));
  result.points.total = perShopTotals.reduce((sum, value) => sum + value, 0);
  result.points.perShopMean = result.points.total / shopNames.length;
  result.points.perShopMaxPerSecond = Math.max(...perShopTotals) / result.seconds;
  result.points.lowestAvailable = Math.min(...chargeLogs.map((chargeLog) => chargeLog.lowestAvailable));
  if (shopNames.length === 1) {
    // Once the bucket is drawn down (below a quarter), spending can only follow the restore rate.
    const charges = chargeLogs[0]!.charges;
    const drawnDown = charges.findIndex((charge) => charge.availableAfter < STANDARD_BUDGET.maximumAvailable / 4);
    if (drawnDown >= 0 && drawnDown < charges.length - 1) {
      const window = charges.slice(drawnDown + 1);
      const seconds = (window.at(-1)!.at - charges[drawnDown]!.at) / 1000;
      result.points.steadyPerSecond = window.reduce((sum, charge) => sum + charge.cost, 0) / seconds;
      result.points.steadyWindowSeconds = seconds;
      result.points.steadyBucket = [charges[drawnDown]!.availableAfter, window.at(-1)!.availableAfter];
    }
    const first = charges[0];
    const last = charges.at(-1);
    if (first && last && last.at > first.at) result.points.boundPerSecond = result.points.total / ((last.at - first.at) / 1000);
  }
  result.correctness = await checkCorrectness(db, fake, orders, unexpectedEmails, stack.queues, failedJobsBefore);
  sink.onMessage = undefined;
  log(`${stack.backend} ${options.label}: correctness ${result.correctness.passed ? "pass" : `FAIL: ${result.correctness.problems.join("; ")}`}`);
  return result;
}

// ---------------------------------------------------------------------------------------------
// One backend

interface BackendResult {
  backend: Backend;
  /** PostgreSQL without autovacuum: the benchmark analyzed the tables itself, every 15 s. */
  analyzedByBenchmark?: boolean;
  runA?: RunResult;
  runB?: RunResult;
  webLog: { warn: number; error: number };
  workerLog: { warn: number; error: number };
  error?: string;
  targets?: { throughput: boolean; rss: boolean; throttled: boolean; limiter: boolean; correctness: boolean };
  passed: boolean;
}

/**
 * The tables start empty and grow by thousands of rows in minutes. Production PostgreSQL keeps
 * planner statistics current with autovacuum; a server that runs without it (a test server,
 * for speed) keeps the empty-table estimates, and the planner then reads every row of a shop to
 * find one customer's requests. So, when autovacuum is off, analyze as it would, every 15 s.
 */
async function analyzeLikeAutovacuum(databaseUrl: string, result: BackendResult): Promise<(() => Promise<void>) | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ autovacuum: string }>("SHOW autovacuum");
  if (rows[0]?.autovacuum === "on") {
    await client.end();
    return undefined;
  }
  result.analyzedByBenchmark = true;
  log("postgresql: autovacuum is off on this server: analyzing the benchmark's database every 15 s, as autovacuum would");
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => client.query("ANALYZE")).catch(() => undefined);
  }, 15_000);
  return async () => {
    clearInterval(timer);
    await running;
    await client.end();
  };
}

async function benchBackend(backend: Backend, sink: MailSink): Promise<BackendResult> {
  const result: BackendResult = { backend, webLog: { warn: 0, error: 0 }, workerLog: { warn: 0, error: 0 }, passed: false };
  const short = backend === "sqlite" ? "lite" : "pg";
  const name = `candor_bench_emails_${runTag}_${short}`;
  const queuePrefix = `bench-emails-${runTag}-${short}`;
  const redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: null });
  const queues = ["webhooks", "review-emails"].map((queueName) => new Queue(queueName, { connection: redis, prefix: queuePrefix }));
  let database: BenchDatabase | undefined;
  let db: Db | undefined;
  let fake: FakeShopify | undefined;
  let web: AppProcess | undefined;
  let worker: AppProcess | undefined;
  let stopAnalyzing: (() => Promise<void>) | undefined;
  const webLogFile = path.join(os.tmpdir(), `${name}-web.log`);
  const workerLogFile = path.join(os.tmpdir(), `${name}-worker.log`);
  try {
    log(`${backend}: creating database ${backend === "sqlite" ? "file" : name}`);
    database = await createBenchDatabase(backend, name, settings);
    await runToCompletion(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/migrate.ts"], { ...process.env, DATABASE_URL: database.url });
    db = createDb(database.url);
    fake = await startFakeShopify({ apiKey: API_KEY, apiSecret: API_SECRET, shops: [] });
    const webPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "test",
      LOG_LEVEL: settings.logLevel,
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      SHOPIFY_APP_URL: `http://127.0.0.1:${webPort}`,
      SHOPIFY_FAKE_ORIGIN: fake.url,
      SCOPES: "read_orders,read_customers,read_products",
      PORT: String(webPort),
      DATABASE_URL: database.url,
      REDIS_URL: settings.redisUrl,
      SMTP_URL: sink.url,
      MAIL_FROM,
      ENCRYPTION_KEYS: `bench1:${randomBytes(32).toString("base64")}`,
      BLIND_INDEX_KEY: randomBytes(32).toString("base64"),
      LINK_SIGNING_KEY: randomBytes(32).toString("base64"),
      QUEUE_PREFIX: queuePrefix,
      RUN_WORKERS_IN_WEB: "false",
      ...(settings.workerConcurrency ? { WORKER_CONCURRENCY: String(settings.workerConcurrency) } : {}),
    };
    web = await startAppProcess({
      entry: "web",
      env,
      logFile: webLogFile,
      ready: async (_output, exited) =>
        waitUntil("/healthz", 30_000, async () => {
          if (exited()) throw new Error("exited");
          try {
            return (await fetch(`http://127.0.0.1:${webPort}/healthz`)).ok;
          } catch {
            return false;
          }
        }),
    });
    worker = await startAppProcess({
      entry: "worker",
      env: settings.workerNodeOptions ? { ...env, NODE_OPTIONS: settings.workerNodeOptions } : env,
      nodeArgs: [...WORKER_NODE_FLAGS, ...(settings.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${settings.cpuProfDir}`] : [])],
      logFile: workerLogFile,
      countPatterns: ["review email delayed"],
      ready: async (output, exited) =>
        waitUntil("the worker to start", 30_000, () => {
          if (exited()) throw new Error("exited");
          return output().some((line) => line.includes("workers started"));
        }),
    });
    log(`${backend}: web on port ${webPort} (log: ${webLogFile}), worker pid ${worker.pid} (log: ${workerLogFile})`);
    const stack: Stack = { backend, databaseUrl: database.url, databaseName: name, db, fake, sink, web, worker, webPort, redis, queues };
    if (backend === "postgresql") stopAnalyzing = await analyzeLikeAutovacuum(database.url, result);

    result.runA = await measureRun(stack, { label: "Run A", plan: "Shopify Plus", shops: settings.shops, ordersPerShop: settings.ordersPerShop, shopOffset: 0 }).catch((error: unknown) => {
      throw new Error(`Run A: ${(error as Error).message}`);
    });
    if (settings.limiterOrders > 0) {
      result.runB = await measureRun(stack, { label: "Run B", plan: "Basic", shops: 1, ordersPerShop: settings.limiterOrders, shopOffset: settings.shops }).catch((error: unknown) => {
        throw new Error(`Run B: ${(error as Error).message}`);
      });
    }
    const a = result.runA;
    const b = result.runB;
    result.targets = {
      throughput: a.ordersPerSecond >= MIN_ORDERS_PER_SECOND,
      rss: a.workerHwmMb < MAX_WORKER_RSS_MB,
      throttled: (a.correctness?.throttled ?? 1) === 0 && (b ? (b.correctness?.throttled ?? 1) === 0 : true),
      // Never overdrawn: the fake's bucket stayed above 0, so Shopify would have refused nothing.
      limiter: b ? b.points.lowestAvailable >= 0 && (b.correctness?.throttled ?? 1) === 0 : true,
      correctness: Boolean(a.correctness?.passed) && (b ? Boolean(b.correctness?.passed) : true),
    };
    result.passed = Object.values(result.targets).every(Boolean);
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    log(`${backend}: failed: ${result.error}`);
    if (worker) log(`${backend}: last worker log lines:\n${worker.logTail.slice(-10).join("\n")}`);
  } finally {
    for (const [label, process_, target] of [
      ["web", web, "webLog"],
      ["worker", worker, "workerLog"],
    ] as const) {
      if (!process_) continue;
      await process_.stop().catch(() => undefined);
      result[target] = { warn: process_.logLines.warn, error: process_.logLines.error };
      if (process_.logLines.warn + process_.logLines.error > 0) {
        log(`${backend}: the ${label} logged ${process_.logLines.warn} warnings and ${process_.logLines.error} errors; last lines:\n${process_.logTail.slice(-5).join("\n")}`);
      }
    }
    await stopAnalyzing?.().catch(() => undefined);
    await db?.$disconnect().catch(() => undefined);
    await fake?.close().catch(() => undefined);
    await Promise.all(queues.map((queue) => queue.close().catch(() => undefined)));
    await deleteKeysWithPrefix(redis, queuePrefix).catch((error: unknown) => log(`${backend}: queue cleanup failed: ${String(error)}`));
    redis.disconnect();
    await database?.drop().catch((error: unknown) => log(`${backend}: dropping the database failed: ${String(error)}`));
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Report

const fixed = (value: number | undefined, digits = 0) => (value === undefined || Number.isNaN(value) ? "–" : value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const seconds = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? "–" : (ms / 1000).toFixed(1));
const percent = (share: number | undefined) => (share === undefined || Number.isNaN(share) ? "–" : `${Math.round(share * 100)}%`);
const mark = (passed: boolean | undefined) => (passed === undefined ? "–" : passed ? "pass" : "**FAIL**");

interface Ceilings {
  /** The app's transport settings, before and after the backends. */
  appBefore?: CeilingResult;
  appAfter?: CeilingResult;
  /** The same with nodemailer's own socket: Nagle's algorithm on, as the app ran before. */
  nagleOn?: CeilingResult;
  /** The mail catcher instead of the sink (Nagle off, so that the catcher's own cost shows). */
  catcher?: CeilingResult;
}

function ceilingRate(ceilings: Ceilings): number | undefined {
  const rates = [ceilings.appBefore, ceilings.appAfter].flatMap((ceiling) => (ceiling ? [ceiling.perSecond] : []));
  return rates.length > 0 ? rates.reduce((sum, rate) => sum + rate, 0) / rates.length : undefined;
}

function renderSection(results: BackendResult[], ceilings: Ceilings, startedAt: Date, code: CodeDescription, background: number): string {
  const deviations: string[] = [];
  if (settings.shops !== 10 || settings.ordersPerShop !== 1_000) deviations.push(`${settings.shops} shops × ${settings.ordersPerShop} orders (the targets are stated for 10 × 1,000)`);
  if (settings.logLevel !== "info") deviations.push(`LOG_LEVEL=${settings.logLevel}`);
  if (settings.cpuProfDir) deviations.push("worker run with --cpu-prof");
  if (settings.workerNodeOptions) deviations.push(`worker NODE_OPTIONS=${settings.workerNodeOptions}`);
  if (code.staleBuild) deviations.push("the build is older than the sources (run `npm run build`)");
  const overrides = [
    process.env.BENCH_BACKENDS?.trim() ? `BENCH_BACKENDS="${settings.backends.join(" ")}"` : "",
    process.env.BENCH_SHOPS?.trim() ? `BENCH_SHOPS=${settings.shops}` : "",
    process.env.BENCH_ORDERS_PER_SHOP?.trim() ? `BENCH_ORDERS_PER_SHOP=${settings.ordersPerShop}` : "",
    process.env.BENCH_LIMITER_ORDERS?.trim() ? `BENCH_LIMITER_ORDERS=${settings.limiterOrders}` : "",
    process.env.BENCH_CONCURRENCY?.trim() ? `BENCH_CONCURRENCY=${settings.concurrency}` : "",
    settings.workerConcurrency ? `BENCH_WORKER_CONCURRENCY=${settings.workerConcurrency}` : "",
    process.env.BENCH_LOG_LEVEL?.trim() ? `BENCH_LOG_LEVEL=${settings.logLevel}` : "",
    process.env.BENCH_CEILING_MESSAGES?.trim() ? `BENCH_CEILING_MESSAGES=${settings.ceilingMessages}` : "",
    settings.workerNodeOptions ? `BENCH_WORKER_NODE_OPTIONS="${settings.workerNodeOptions}"` : "",
  ].filter(Boolean);
  const command = `${overrides.length > 0 ? `${overrides.join(" ")} ` : ""}npm run bench:emails`;
  const ceiling = ceilingRate(ceilings);

  const lines: string[] = [
    SECTION_START,
    "## Review emails, end to end",
    "",
    "_This section is written by `bench/review-emails.ts`; edit the script, not the section._",
    "",
    `Command: \`${command}\` (runs \`bash bench/run-review-emails.sh\`: builds if \`build/\` is missing, makes sure Redis and PostgreSQL run, then \`npx tsx bench/review-emails.ts\`). ` +
      "Options: `BENCH_BACKENDS` (default `postgresql sqlite`), `BENCH_SHOPS` (default 10), `BENCH_ORDERS_PER_SHOP` (default 1000), `BENCH_LIMITER_ORDERS` (Run B, default 300), " +
      "`BENCH_CONCURRENCY` (webhooks in flight, default 20), `BENCH_WORKER_CONCURRENCY` (sets the worker's `WORKER_CONCURRENCY`), `BENCH_LOG_LEVEL` (default `info` as in production), " +
      "`BENCH_CEILING_MESSAGES` (default: Run A's order count), `BENCH_CPU_PROF=<dir>` (profile the worker), `BENCH_WORKER_NODE_OPTIONS` (e.g. V8 heap flags), `BENCH_WRITE_DOCS=false` (leave this file alone), `BENCH_JSON=<file>`. It exits non-zero when a target is missed.",
    "",
    `Last run: ${startedAt.toISOString().replace(/\.\d+Z$/, "Z")} · commit ${code.commit}${code.dirty ? " with uncommitted changes to app/, server/ or prisma/" : ""} · Node ${process.version} · ${describeCpus()} shared by everything below · ${os.platform()} ${os.arch()} · ` +
      `machine ${percent(background)} busy before the run · worker concurrency ${sendConcurrency} per queue${settings.workerConcurrency ? "" : " (the default)"}, ${settings.concurrency} webhooks in flight` +
      (deviations.length > 0 ? ` · **non-default settings: ${deviations.join(", ")}**` : ""),
    "",
    "**What is measured.** Per backend, on a fresh migrated database and a fresh queue prefix: the built web server (`node build/server.js`) and worker " +
      `(\`node ${[...WORKER_NODE_FLAGS, "build/worker.js"].join(" ")}\`, the flags of \`npm run worker\`) as separate processes ` +
      `(\`NODE_ENV=test\`, \`LOG_LEVEL=${settings.logLevel}\`), the fake Shopify (\`dev/fake-shopify\`, Admin GraphQL validated against Shopify's schema, with Shopify's cost buckets) and a minimal SMTP sink ` +
      "(`smtp-server` that counts each message per recipient and discards the body) in the benchmark's process, with Redis and the database on the same machine. " +
      `**Run A** seeds ${settings.shops} shops on Shopify Plus's cost budget (${PLUS_BUDGET.restoreRate} points/s, ${PLUS_BUDGET.maximumAvailable.toLocaleString("en-US")} max) with ${settings.ordersPerShop.toLocaleString("en-US")} fulfilled orders each (1–3 products, a distinct customer subscribed to email marketing per order), ` +
      "installs each shop by token exchange, sets its delay to 0 days, and fires every order's signed `orders/fulfilled` webhook (the fake's REST body, interleaved across shops) " +
      `with ${settings.concurrency} requests in flight. Each order then goes the whole way: intake and durable write (web), process-webhook job, ReviewRequest and delayed send job through the outbox, ` +
      "send job (Admin GraphQL under the per-shop cost limiter in Redis, render, SMTP through the app's pooled transport, SendAttempt recorded). " +
      "Throughput = orders ÷ (first webhook sent → last email received by the sink); latency = webhook sent → its email received (matched by recipient, one address per order), so with every webhook fired at once it includes the wait behind the backlog. " +
      "Memory: the worker's VmHWM (peak RSS) from `/proc`, polled every 200 ms. CPU: each process's CPU time from `/proc` over the run, as a share of one core (the machine has two). " +
      `**Run B** does the same with one shop on a standard plan's budget (${STANDARD_BUDGET.restoreRate} points/s, ${STANDARD_BUDGET.maximumAvailable.toLocaleString("en-US")} max): the cost limiter must keep the shop inside it, so the fake never answers THROTTLED. ` +
      "Points are what the fake's bucket charged (actual query cost); the steady rate is taken from the moment the bucket first fell below a quarter of its size, when only the restore rate can pay for queries. " +
      `**Email ceiling (baseline):** the same sink fed ${totalOrders.toLocaleString("en-US")} review emails (rendered by the app's renderer, 2 products) directly by one pooled nodemailer transport configured like the app's (${APP_SMTP_POOL.maxConnections} connections), ` +
      `with ${sendConcurrency} sends in flight like the worker, measured before and after the backends; and once through the mail catcher (\`dev/mail-catcher\`, which parses each message with mailparser) to show which sink would limit. ` +
      "After each run the script checks one email per order and none other, one ReviewRequest per order with status sent, one sent SendAttempt per order, every delivery processed, no failed job and no THROTTLED answer.",
    "",
    "| Backend | Run | shops × orders | webhooks answered in (rate) | last email after | **orders/s** | latency p50 / p95 / max | worker peak RSS | THROTTLED | limiter delays | correctness |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
  ];
  for (const result of results) {
    for (const run of [result.runA, result.runB]) {
      if (!run) continue;
      const c = run.correctness;
      lines.push(
        `| ${result.backend} | ${run.label} (${run.plan}) | ${run.shops} × ${fixed(run.orders / run.shops)} | ${fixed(run.fire.seconds, 1)} s (${fixed(run.fire.perSecond)}/s) | ${fixed(run.seconds, 1)} s | **${fixed(run.ordersPerSecond)}** | ` +
          `${seconds(run.latency.p50)} / ${seconds(run.latency.p95)} / ${seconds(run.latency.max)} s | ${fixed(run.workerHwmMb)} MB | ${c ? c.throttled : "–"} | ${run.limiterDelays} | ${c ? (c.passed ? "pass" : `**FAIL**: ${c.problems.join("; ")}`) : "–"} |`,
      );
    }
    if (result.error) lines.push(`| ${result.backend} | – | – | – | – | – | – | – | – | – | **FAIL**: ${result.error.split("\n")[0]?.replace(/\|/g, "\\|")} |`);
  }

  lines.push(
    "",
    "Where the CPU went during Run A (share of one core; 200% is the whole machine; PostgreSQL: the backends serving the benchmark's database; Redis: the whole server), and the work per order. The CPU time per order does not depend on what else runs on the machine; " +
      "“orders/s the CPU allows” is what these figures would give if the two cores ran nothing else: min(2 cores ÷ all CPU per order, 1 core ÷ the worker's, which is one thread).",
    "",
    "| Backend | web | worker | benchmark (fake Shopify, sink, load) | PostgreSQL | Redis | other processes on the machine | CPU per order: worker / web + worker + DB + Redis / everything | orders/s the CPU allows on this machine alone | DB transactions / order | rows inserted / updated / read per order | Redis commands / order |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const result of results) {
    const run = result.runA;
    if (!run?.cpu) continue;
    const cpu = run.cpu;
    const database = run.database;
    const sum = (...shares: number[]) => shares.reduce((total, share) => total + (Number.isNaN(share) ? 0 : share), 0);
    const app = sum(cpu.web, cpu.worker, cpu.redis, result.backend === "postgresql" ? cpu.postgres : 0);
    const ours = app + sum(cpu.bench);
    const others = Math.max(0, cpu.machineBusy * os.cpus().length - ours);
    const perOrder = (share: number) => (share * cpu.seconds * 1000) / run.orders;
    // The worker is one thread: it cannot go faster than one core allows, nor the whole lot faster than all cores.
    const cpuCeiling = Math.min((os.cpus().length * 1000) / perOrder(ours), 1000 / perOrder(cpu.worker));
    lines.push(
      `| ${result.backend} | ${percent(cpu.web)} | ${percent(cpu.worker)} | ${percent(cpu.bench)} | ${result.backend === "postgresql" ? percent(cpu.postgres) : "–"} | ${percent(cpu.redis)} | ${percent(others)} | ` +
        `${fixed(perOrder(cpu.worker), 1)} / ${fixed(perOrder(app), 1)} / ${fixed(perOrder(ours), 1)} ms | ${fixed(cpuCeiling)} | ` +
        `${database ? fixed(database.transactionsPerOrder, 1) : "–"} | ${database ? `${fixed(database.rowsInsertedPerOrder, 1)} / ${fixed(database.rowsUpdatedPerOrder, 1)} / ${fixed(database.rowsFetchedPerOrder)}` : "–"} | ${fixed(run.redisCommandsPerOrder)} |`,
    );
  }

  lines.push(
    "",
    "Run B, the cost limiter on a standard plan:",
    "",
    `| Backend | orders | total time (shortest possible: the bucket, then ${STANDARD_BUDGET.restoreRate} points/s) | points charged | points/s over the run (bucket + refill) | points/s once drawn down (bucket level then → at the end) | lowest points left in the bucket | THROTTLED | limiter delays |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const result of results) {
    const run = result.runB;
    if (!run) continue;
    lines.push(
      `| ${result.backend} | ${run.orders} | ${fixed(run.seconds, 1)} s (${fixed(Math.max(0, run.points.total - STANDARD_BUDGET.maximumAvailable) / STANDARD_BUDGET.restoreRate, 1)} s) | ${fixed(run.points.total)} (${fixed(run.points.total / run.orders, 1)} per order) | ${fixed(run.points.boundPerSecond)} | ` +
        `${run.points.steadyPerSecond === undefined ? "not drawn down" : `${fixed(run.points.steadyPerSecond, 1)} over ${fixed(run.points.steadyWindowSeconds, 1)} s (${fixed(run.points.steadyBucket?.[0])} → ${fixed(run.points.steadyBucket?.[1])})`} | ${fixed(run.points.lowestAvailable)} | ${run.correctness?.throttled ?? "–"} | ${run.limiterDelays} |`,
    );
  }

  lines.push(
    "",
    "Email ceiling, same run:",
    "",
    "| Baseline | messages | time | messages/s | mean size |",
    "| --- | ---: | ---: | ---: | ---: |",
  );
  for (const item of [ceilings.appBefore, ceilings.nagleOn, ceilings.catcher, ceilings.appAfter]) {
    if (!item) continue;
    lines.push(`| ${item.label} | ${fixed(item.messages)} | ${fixed(item.seconds, 1)} s | ${fixed(item.perSecond)} | ${Number.isNaN(item.averageBytes) ? "–" : `${fixed(item.averageBytes / 1024, 1)} KiB`} |`);
  }

  lines.push(
    "",
    `Targets (product issue): Run A ≥ ${MIN_ORDERS_PER_SECOND} orders/s end to end, worker peak RSS < ${MAX_WORKER_RSS_MB} MB; the per-shop limit honoured (no THROTTLED answer in either run; Run B's bucket never overdrawn, its spend once drawn down at the ${STANDARD_BUDGET.restoreRate} points/s refill) but not the bottleneck (Run A's shops spend far below ${PLUS_BUDGET.restoreRate} points/s).`,
    "",
    `| Backend | orders/s (≥ ${MIN_ORDERS_PER_SECOND}) | ÷ email ceiling, app's transport (${fixed(ceiling)}/s) | ÷ email ceiling, Nagle on (${fixed(ceilings.nagleOn?.perSecond)}/s) | worker peak RSS (< ${MAX_WORKER_RSS_MB} MB) | no THROTTLED | Run B bucket never overdrawn | Run A busiest shop, points/s (budget ${PLUS_BUDGET.restoreRate}) | correctness | result |`,
    "| --- | ---: | ---: | ---: | ---: | :---: | :---: | ---: | :---: | :---: |",
  );
  for (const result of results) {
    const a = result.runA;
    const t = result.targets;
    if (!a || !t) {
      lines.push(`| ${result.backend} | – | – | – | – | – | – | – | – | **FAIL**${result.error ? `: ${result.error.split("\n")[0]?.replace(/\|/g, "\\|")}` : ""} |`);
      continue;
    }
    lines.push(
      `| ${result.backend} | ${fixed(a.ordersPerSecond)} ${mark(t.throughput)} | ${ceiling ? (a.ordersPerSecond / ceiling).toFixed(2) : "–"} | ${ceilings.nagleOn ? (a.ordersPerSecond / ceilings.nagleOn.perSecond).toFixed(2) : "–"} | ${fixed(a.workerHwmMb)} MB ${mark(t.rss)} | ${mark(t.throttled)} | ${mark(t.limiter)} | ` +
        `${fixed(a.points.perShopMaxPerSecond)} | ${mark(t.correctness)} | ${result.passed ? "**pass**" : "**FAIL**"} |`,
    );
  }
  const noisy = results.filter((result) => result.webLog.warn + result.webLog.error + result.workerLog.warn + result.workerLog.error > 0);
  if (noisy.length > 0) {
    lines.push(
      "",
      `Logs: ${noisy.map((result) => `${result.backend}: web ${result.webLog.warn} warnings, ${result.webLog.error} errors; worker ${result.workerLog.warn} warnings, ${result.workerLog.error} errors`).join(" · ")}.`,
    );
  }
  const analyzed = results.filter((result) => result.analyzedByBenchmark);
  if (analyzed.length > 0) {
    lines.push(
      "",
      "Autovacuum is off on this PostgreSQL server, so the benchmark ran `ANALYZE` on its database every 15 s, as autovacuum would: without statistics the planner looks a customer up through the (shop, status, due) index and reads every row of the shop.",
    );
  }
  lines.push(SECTION_END);
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------

const releaseLock = await acquireBenchLock(30);
const code = describeCode(["app", "server", "prisma"], BUILD_FILES);
if (code.staleBuild) log("warning: build/ is older than the sources in app/, server/ or prisma/: the results describe the build, not the sources");
const startedAt = new Date();
log(
  `run ${runTag}: backends ${settings.backends.join(", ")}; Run A ${settings.shops} shops × ${settings.ordersPerShop} orders; Run B ${settings.limiterOrders} orders; ` +
    `${settings.concurrency} webhooks in flight; worker concurrency ${sendConcurrency}; LOG_LEVEL=${settings.logLevel}`,
);
const machineBefore = machineCpu();
await sleep(1_000);
const machineAfter = machineCpu();
const background = (machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total);

const build = await snapshotBuild();
buildRoot = build.root;
const sink = await startMailSink();
const sinkAddress = { host: "127.0.0.1", port: sink.port };
const ceilings: Ceilings = {};
log(`email ceiling: ${settings.ceilingMessages} messages to the sink, ${sendConcurrency} in flight`);
ceilings.appBefore = await measureEmailCeiling(CEILING_LABELS.appBefore, sinkAddress, settings.ceilingMessages, sendConcurrency, () => sink.bytes, { noDelay: true });
log(`email ceiling, the app's transport settings: ${Math.round(ceilings.appBefore.perSecond)} messages/s`);
ceilings.nagleOn = await measureEmailCeiling(CEILING_LABELS.nagleOn, sinkAddress, settings.ceilingMessages, sendConcurrency, () => sink.bytes);
log(`email ceiling, Nagle on: ${Math.round(ceilings.nagleOn.perSecond)} messages/s`);

const results: BackendResult[] = [];
for (const backend of settings.backends as Backend[]) {
  results.push(await benchBackend(backend, sink));
}

ceilings.appAfter = await measureEmailCeiling(CEILING_LABELS.appAfter, sinkAddress, settings.ceilingMessages, sendConcurrency, () => sink.bytes, { noDelay: true });
log(`email ceiling again: ${Math.round(ceilings.appAfter.perSecond)} messages/s`);
const catcher = await startMailCatcher();
try {
  ceilings.catcher = await measureEmailCeiling(CEILING_LABELS.catcher, { host: "127.0.0.1", port: catcher.smtpPort }, settings.ceilingMessages, sendConcurrency, () => 0, { noDelay: true });
  log(`mail catcher: ${Math.round(ceilings.catcher.perSecond)} messages/s`);
} finally {
  await catcher.close();
}
await sink.close();
agent.destroy();
build.remove();

releaseLock();
const section = renderSection(results, ceilings, startedAt, code, background);
console.log(`\n${section}\n`);
if (settings.writeDocs) {
  writeDocsSection(section, SECTION_START, SECTION_END);
  log(`results written to ${path.relative(ROOT, DOCS)}`);
}
if (settings.jsonPath) {
  const strip = (run: RunResult | undefined) => run && { ...run };
  writeFileSync(
    settings.jsonPath,
    JSON.stringify({ startedAt, settings, node: process.version, cpus: os.cpus().length, background, ceilings, results: results.map((result) => ({ ...result, runA: strip(result.runA), runB: strip(result.runB) })) }, null, 2),
  );
  log(`raw results written to ${settings.jsonPath}`);
}
const allPassed = results.length > 0 && results.every((result) => result.passed);
log(allPassed ? "every target met" : "a target was missed (see the tables above)");
process.exit(allPassed ? 0 : 1);
