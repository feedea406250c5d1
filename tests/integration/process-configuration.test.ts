import { spawnSync } from "node:child_process";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { baseTestEnv, freePort, REPO_ROOT, startAppProcess } from "../support/app-process";
import { createTestDatabase } from "../support/test-database";

function run(entry: "server" | "worker", env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, `build/${entry}.js`)], {
    cwd: REPO_ROOT,
    env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
  return { status: result.status, lines: `${result.stdout}${result.stderr}`.trim().split("\n").filter(Boolean) };
}

describe("environment validation at both entry points", () => {
  it.each(["server", "worker"] as const)("the %s stops with one line naming a missing variable", (entry) => {
    const env = baseTestEnv({ ENCRYPTION_KEYS: undefined, PORT: "1" });
    const { status, lines } = run(entry, env);
    expect(status).toBe(78);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/configuration error: ENCRYPTION_KEYS is missing/);
  });

  it.each(["server", "worker"] as const)("the %s refuses the demo shortcut in production", (entry) => {
    const env = baseTestEnv({ NODE_ENV: "production", CANDOR_DEMO: "true", SHOPIFY_APP_URL: "https://candor.example.com", PORT: "1" });
    const { status, lines } = run(entry, env);
    expect(status).toBe(78);
    expect(lines.join("\n")).toMatch(/CANDOR_DEMO: the demo shortcut cannot be enabled in production/);
  });
});

describe("graceful shutdown", () => {
  it.each(["web", "worker"] as const)("the %s closes its queues and connections on SIGTERM and exits 0", async (entry) => {
    const database = await createTestDatabase();
    try {
      const app = await startAppProcess(entry, baseTestEnv({ PORT: String(await freePort()), DATABASE_URL: database.url, RUN_WORKERS_IN_WEB: "true" }));
      const code = await app.stop();
      expect(code).toBe(0);
      expect(app.output.join("\n")).toMatch(/workers stopped/);
    } finally {
      await database.drop();
    }
  });
});
