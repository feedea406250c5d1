import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { ConfigError, loadEnv } from "./load-env.server";

const key = () => randomBytes(32).toString("base64");

function validEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: "production",
    SHOPIFY_API_KEY: "client-id",
    SHOPIFY_API_SECRET: "client-secret",
    SHOPIFY_APP_URL: "https://candor.example.com",
    SCOPES: "read_orders, read_customers,read_products",
    DATABASE_URL: "postgresql://candor@db:5432/candor",
    REDIS_URL: "redis://redis:6379",
    SMTP_URL: "smtp://user:pass@smtp.example.com:587",
    MAIL_FROM: "Reviews <reviews@example.com>",
    ENCRYPTION_KEYS: `k2026:${key()}`,
    BLIND_INDEX_KEY: key(),
    LINK_SIGNING_KEY: key(),
    ...overrides,
  };
}

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected loadEnv to refuse this environment");
}

describe("loadEnv", () => {
  it("accepts a complete production environment and parses it", () => {
    const env = loadEnv(validEnv());
    expect(env.SCOPES).toEqual(["read_orders", "read_customers", "read_products"]);
    expect(env.ENCRYPTION_KEYS.active.id).toBe("k2026");
    expect(env.BLIND_INDEX_KEY).toHaveLength(32);
    expect(env.PORT).toBe(3000);
    expect(env.RUN_WORKERS_IN_WEB).toBe(false);
  });

  it.each(["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL", "SCOPES", "SMTP_URL", "MAIL_FROM", "ENCRYPTION_KEYS", "BLIND_INDEX_KEY", "LINK_SIGNING_KEY"])(
    "names %s when it is missing or empty",
    (name) => {
      expect(problemsOf(validEnv({ [name]: undefined }))).toEqual([`${name} is missing`]);
      expect(problemsOf(validEnv({ [name]: "" }))).toEqual([`${name} is missing`]);
    },
  );

  it("names malformed variables without echoing secret values", () => {
    const shortKey = randomBytes(8).toString("base64");
    const problems = problemsOf(validEnv({ DATABASE_URL: "mysql://x", ENCRYPTION_KEYS: `k1:${shortKey}`, PORT: "eighty" }));
    expect(problems.join("\n")).toMatch(/DATABASE_URL/);
    expect(problems.join("\n")).toMatch(/ENCRYPTION_KEYS: entry 1 \(k1\): key must be 32 bytes/);
    expect(problems.join("\n")).toMatch(/PORT/);
    expect(problems.join("\n")).not.toContain(shortKey);
  });

  it("refuses demo shortcuts and demo keys in production", () => {
    const problems = problemsOf(
      validEnv({
        CANDOR_DEMO: "true",
        SHOPIFY_FAKE_ORIGIN: "http://127.0.0.1:4100",
        ENCRYPTION_KEYS: `demo:${key()}`,
        SHOPIFY_APP_URL: "http://candor.example.com",
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^CANDOR_DEMO: /),
        expect.stringMatching(/^SHOPIFY_FAKE_ORIGIN: /),
        expect.stringMatching(/^ENCRYPTION_KEYS: key 'demo' is a demo key/),
        expect.stringMatching(/^SHOPIFY_APP_URL: must be https/),
      ]),
    );
  });

  it("allows the demo shortcut outside production", () => {
    const env = loadEnv(validEnv({ NODE_ENV: "development", CANDOR_DEMO: "true", SHOPIFY_FAKE_ORIGIN: "http://127.0.0.1:4100" }));
    expect(env.CANDOR_DEMO).toBe(true);
  });
});
