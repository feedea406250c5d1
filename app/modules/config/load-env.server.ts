import { z } from "zod";

import { parseEncryptionKeys, type EncryptionKeyring } from "~/modules/crypto/parse-encryption-keys";

/**
 * Key material the demo and the test suite generate for themselves. Production refuses it,
 * so a copied `.env.example` can never run a real shop.
 */
export const PUBLIC_DEMO_KEY_MARKER = "demo";

const base64Key = (name: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, `${name} must be base64`)
    .refine((value) => Buffer.from(value, "base64").length === 32, `${name} must decode to 32 bytes`);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    SHOPIFY_API_KEY: z.string().min(1, "SHOPIFY_API_KEY is required (the app's client id)"),
    SHOPIFY_API_SECRET: z.string().min(1, "SHOPIFY_API_SECRET is required (the app's client secret)"),
    SHOPIFY_APP_URL: z.url({ message: "SHOPIFY_APP_URL must be an absolute URL" }),
    SCOPES: z
      .string()
      .min(1, "SCOPES is required")
      .transform((value) => value.split(",").map((scope) => scope.trim()).filter(Boolean)),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .default("file:./.data/candor.db")
      .refine(
        (value) => /^(file:|postgres(ql)?:\/\/)/.test(value),
        "DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)",
      ),
    REDIS_URL: z
      .string()
      .default("redis://127.0.0.1:6379")
      .refine((value) => /^rediss?:\/\//.test(value), "REDIS_URL must start with redis:// or rediss://"),
    SMTP_URL: z
      .string()
      .refine((value) => /^smtps?:\/\//.test(value), "SMTP_URL must look like smtp://user:pass@host:port"),
    MAIL_FROM: z.string().min(3, "MAIL_FROM is required, e.g. Reviews <reviews@example.com>"),
    ENCRYPTION_KEYS: z.string().transform((value, context): EncryptionKeyring => {
      try {
        return parseEncryptionKeys(value);
      } catch (error) {
        context.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
    BLIND_INDEX_KEY: base64Key("BLIND_INDEX_KEY").transform((value) => Buffer.from(value, "base64")),
    /** Signs review and unsubscribe links (HMAC); changing it invalidates links already sent. */
    LINK_SIGNING_KEY: base64Key("LINK_SIGNING_KEY").transform((value) => Buffer.from(value, "base64")),
    /** Prefix of every BullMQ key: separates several Candor installs (or test runs) on one Redis. */
    QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "QUEUE_PREFIX must be 1-40 letters, digits, '-' or '_'").default("candor"),
    DATA_REGION: z.string().min(1).default("unspecified"),
    /** Runs the queue workers inside the web process (demo and small installs). */
    RUN_WORKERS_IN_WEB: z
      .enum(["true", "false", "1", "0"])
      .default("false")
      .transform((value) => value === "true" || value === "1"),
    /** Jobs each queue's worker runs at once, per process (BullMQ `concurrency`). */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(100),
    /** Demo only: lets the admin open outside Shopify admin with a locally minted session token. */
    CANDOR_DEMO: z
      .enum(["true", "false", "1", "0"])
      .default("false")
      .transform((value) => value === "true" || value === "1"),
    /** Demo and tests only: origin of a local fake Shopify that receives every Shopify call. */
    SHOPIFY_FAKE_ORIGIN: z.url().optional(),
  })
  .superRefine((env, context) => {
    if (env.NODE_ENV !== "production") return;
    const refuse = (path: string, message: string) =>
      context.addIssue({ code: "custom", path: [path], message });
    if (env.CANDOR_DEMO) refuse("CANDOR_DEMO", "the demo shortcut cannot be enabled in production");
    if (env.SHOPIFY_FAKE_ORIGIN) refuse("SHOPIFY_FAKE_ORIGIN", "a fake Shopify cannot be used in production");
    if (!env.SHOPIFY_APP_URL.startsWith("https://")) refuse("SHOPIFY_APP_URL", "must be https:// in production");
    for (const key of env.ENCRYPTION_KEYS.byId.values()) {
      if (key.id.toLowerCase().includes(PUBLIC_DEMO_KEY_MARKER)) {
        refuse("ENCRYPTION_KEYS", `key '${key.id}' is a demo key; generate real keys for production`);
      }
    }
  });

export type Env = z.output<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

/**
 * Validates the environment once. The error names each faulty variable and why, never its
 * value (values are secrets).
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const emptyAsMissing = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = envSchema.safeParse(emptyAsMissing);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const missing = issue.code === "invalid_type" && emptyAsMissing[name] === undefined;
    return missing ? `${name} is missing` : `${name}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}
