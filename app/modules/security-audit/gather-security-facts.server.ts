import { getDb } from "~/db.server";
import { databaseDialect } from "~/db/database-url";
import { getEnv } from "~/modules/config/get-env.server";
import { isAccessReviewDue } from "~/modules/access-control/access-review-due";
import { getShopSettings } from "~/modules/settings/get-shop-settings.server";
import { PUBLIC_DEMO_KEY_MARKER, type Env } from "~/modules/config/load-env.server";

import { readAppConfiguration } from "./read-app-configuration.server";
import type { ConnectionFacts, KeyFacts, SecurityFacts } from "./security-checks";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1", ""]);

function describeKey(name: string, key: Buffer, demoId = false): KeyFacts {
  return { name, bytes: key.length, distinctBytes: new Set(key).size, demoId };
}

function keysOf(env: Env): Array<{ facts: KeyFacts; key: Buffer }> {
  return [
    ...[...env.ENCRYPTION_KEYS.byId.values()].map(({ id, key }) => ({
      facts: describeKey(`ENCRYPTION_KEYS (${id})`, key, id.toLowerCase().includes(PUBLIC_DEMO_KEY_MARKER)),
      key,
    })),
    { facts: describeKey("BLIND_INDEX_KEY", env.BLIND_INDEX_KEY), key: env.BLIND_INDEX_KEY },
    { facts: describeKey("LINK_SIGNING_KEY", env.LINK_SIGNING_KEY), key: env.LINK_SIGNING_KEY },
  ];
}

function sharedKeyGroups(keys: Array<{ facts: KeyFacts; key: Buffer }>): string[][] {
  const groups = new Map<string, string[]>();
  for (const { facts, key } of keys) groups.set(key.toString("hex"), [...(groups.get(key.toString("hex")) ?? []), facts.name]);
  return [...groups.values()].filter((names) => names.length > 1);
}

function databaseConnection(url: string): ConnectionFacts {
  if (databaseDialect(url) === "sqlite") return { kind: "sqlite-file", loopback: true, tls: false };
  const parsed = new URL(url);
  const sslmode = parsed.searchParams.get("sslmode");
  return {
    kind: "postgresql",
    loopback: LOOPBACK_HOSTS.has(parsed.hostname) || parsed.searchParams.has("host"),
    tls: ["require", "verify-ca", "verify-full"].includes(sslmode ?? "") || parsed.searchParams.get("ssl") === "true",
  };
}

function redisConnection(url: string): ConnectionFacts {
  const parsed = new URL(url);
  return { kind: "redis", loopback: LOOPBACK_HOSTS.has(parsed.hostname), tls: parsed.protocol === "rediss:" };
}

/** What the self-audit needs to know about one shop's live configuration; no secret leaves here. */
export async function gatherSecurityFacts(shopId: string, now: Date = new Date()): Promise<SecurityFacts> {
  const env = getEnv();
  const db = getDb();
  const idleSince = new Date(now.getTime() - 90 * 86_400_000);
  const [shop, lastRotation, lastAccessReview, idleKeys, settings, lastPurge] = await Promise.all([
    db.shop.findUnique({ where: { id: shopId }, select: { installedAt: true } }),
    db.encryptionKeyRotation.findFirst({
      where: { shopId, status: "completed", keyId: env.ENCRYPTION_KEYS.active.id },
      orderBy: { startedAt: "desc" },
      select: { finishedAt: true },
    }),
    db.accessReview.findFirst({ where: { shopId }, orderBy: { reviewedAt: "desc" }, select: { reviewedAt: true } }),
    db.apiKey.findMany({
      where: { shopId, revokedAt: null, expiresAt: { gt: now }, OR: [{ lastUsedAt: { lt: idleSince } }, { lastUsedAt: null, createdAt: { lt: idleSince } }] },
      select: { id: true },
      orderBy: { id: "asc" },
    }),
    getShopSettings(shopId),
    db.purgeRun.findFirst({ where: { shopId, status: "completed" }, orderBy: { finishedAt: "desc" }, select: { finishedAt: true } }),
  ]);
  const keys = keysOf(env);
  const appUrl = new URL(env.SHOPIFY_APP_URL);
  const declared = readAppConfiguration();
  return {
    now,
    production: env.NODE_ENV === "production",
    keys: keys.map((key) => key.facts),
    sharedKeys: sharedKeyGroups(keys),
    currentKeySince: lastRotation?.finishedAt ?? shop?.installedAt ?? null,
    lastRotationAt: lastRotation?.finishedAt ?? null,
    database: databaseConnection(env.DATABASE_URL),
    redis: redisConnection(env.REDIS_URL),
    appUrlHttps: appUrl.protocol === "https:",
    appUrlLoopback: LOOPBACK_HOSTS.has(appUrl.hostname),
    grantedScopes: env.SCOPES,
    declaredScopes: declared.scopes,
    declaredComplianceTopics: declared.complianceTopics,
    lastAccessReviewAt: lastAccessReview?.reviewedAt ?? null,
    accessReviewDue: isAccessReviewDue(lastAccessReview?.reviewedAt ?? null, shop?.installedAt ?? null, now),
    idleApiKeyIds: idleKeys.map((key) => key.id),
    retentionDays: settings.retentionDays,
    lastPurgeCompletedAt: lastPurge?.finishedAt ?? null,
    installedAt: shop?.installedAt ?? null,
  };
}
