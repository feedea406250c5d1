import { getDb } from "~/db.server";
import type { ApiKeyActor } from "~/modules/access-control/actor";
import { PERMISSIONS, type Permission } from "~/modules/access-control/permissions";
import { recordAuditEntry } from "~/modules/audit-log/record-audit-entry.server";
import { AppError } from "~/modules/errors/app-error";

import { apiKeyTokenMatches, parseApiKeyToken } from "./api-key-token";

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The caller behind an API key. An unknown or malformed key is a 401; a known key that is
 * expired or revoked is a 401 too, and the refusal is entered in its shop's audit log. Last use
 * is recorded at most once a minute.
 */
export async function authenticateApiKey(token: string, context: { requestId?: string | null; now?: Date } = {}): Promise<ApiKeyActor> {
  const now = context.now ?? new Date();
  const parsed = parseApiKeyToken(token);
  const key = parsed ? await getDb().apiKey.findUnique({ where: { id: parsed.id } }) : null;
  if (!key || !apiKeyTokenMatches(token, key.secretHash)) throw new AppError("unauthorized", "The API key is not valid.");
  const refusal = key.revokedAt ? "revoked" : key.expiresAt <= now ? "expired" : null;
  if (refusal) {
    await recordAuditEntry(key.shopId, {
      actor: { kind: "api_key", keyId: key.id },
      action: "api-key.refused",
      outcome: "denied",
      target: { type: "api-key", ref: key.id },
      requestId: context.requestId,
      details: { reason: refusal },
    });
    throw new AppError("unauthorized", `The API key has ${refusal === "revoked" ? "been revoked" : "expired"}.`);
  }
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await getDb().apiKey.updateMany({ where: { id: key.id, shopId: key.shopId }, data: { lastUsedAt: now } });
  }
  const granted = (JSON.parse(key.permissions) as string[]).filter((permission): permission is Permission => (PERMISSIONS as readonly string[]).includes(permission));
  return { kind: "api_key", shop: key.shopId, keyId: key.id, permissions: granted };
}
