import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export const randomKey = () => randomBytes(32).toString("base64");

/** A complete, valid environment for a test process; tests override what they exercise. */
export function baseTestEnv(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    NODE_ENV: "test",
    // A zone far from UTC: stored times must not depend on the host's time zone.
    TZ: "America/Los_Angeles",
    LOG_LEVEL: "info",
    SHOPIFY_API_KEY: "candor-test-key",
    SHOPIFY_API_SECRET: `test-secret-${randomBytes(8).toString("hex")}`,
    SHOPIFY_APP_URL: "http://127.0.0.1:3000",
    SCOPES: "read_orders,read_customers,read_products",
    REDIS_URL: "redis://127.0.0.1:6379",
    SMTP_URL: "smtp://127.0.0.1:2525",
    MAIL_FROM: "Reviews <reviews@example.com>",
    ENCRYPTION_KEYS: `test1:${randomKey()}`,
    BLIND_INDEX_KEY: randomKey(),
    LINK_SIGNING_KEY: randomKey(),
    QUEUE_PREFIX: `t${randomBytes(6).toString("hex")}`,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export interface AppProcess {
  url: string;
  /** Every line the process wrote to stdout and stderr. */
  output: string[];
  child: ChildProcess;
  stop(): Promise<number | null>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

/**
 * Starts the built web server (`build/server.js`) or worker (`build/worker.js`) as its own
 * process, the way production runs them, and captures its output.
 */
export async function startAppProcess(
  entry: "web" | "worker",
  env: Record<string, string>,
  options: { readyPattern?: RegExp } = {},
): Promise<AppProcess> {
  const script = path.join(REPO_ROOT, entry === "web" ? "build/server.js" : "build/worker.js");
  const child = spawn(process.execPath, [script], {
    cwd: REPO_ROOT,
    env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const waitForOutput = (pattern: RegExp, timeoutMs = 20_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = output.find((candidate) => pattern.test(candidate));
        if (line) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve(line);
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`${entry} did not print ${pattern} within ${timeoutMs} ms:\n${output.join("\n")}`));
      }, timeoutMs);
      listeners.add(check);
      void exited.then(() => {
        if (listeners.has(check)) {
          listeners.delete(check);
          clearTimeout(timer);
          reject(new Error(`${entry} exited before printing ${pattern}:\n${output.join("\n")}`));
        }
      });
      check();
    });

  await waitForOutput(options.readyPattern ?? (entry === "web" ? /web server listening/ : /workers started/));
  return {
    url: `http://127.0.0.1:${env.PORT ?? "3000"}`,
    output,
    child,
    waitForOutput,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
