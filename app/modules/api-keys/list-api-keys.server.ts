import { getDb } from "~/db.server";

export type ApiKeyState = "active" | "expired" | "revoked";

/** The shop's API keys, newest first, with their state and last use; never the key or its hash. */
export async function listApiKeys(shopId: string, now: Date = new Date()) {
  const keys = await getDb().apiKey.findMany({ where: { shopId }, orderBy: { createdAt: "desc" }, omit: { secretHash: true } });
  return keys.map((key) => ({
    id: key.id,
    label: key.label,
    permissions: JSON.parse(key.permissions) as string[],
    createdBy: key.createdBy,
    createdAt: key.createdAt.toISOString(),
    expiresAt: key.expiresAt.toISOString(),
    revokedAt: key.revokedAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    state: (key.revokedAt ? "revoked" : key.expiresAt <= now ? "expired" : "active") as ApiKeyState,
  }));
}
