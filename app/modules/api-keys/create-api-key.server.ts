import { z } from "zod";

import { getDb } from "~/db.server";
import type { StaffActor } from "~/modules/access-control/actor";
import { recordAuditEntry } from "~/modules/audit-log/record-audit-entry.server";
import { AppError } from "~/modules/errors/app-error";

import { API_KEY_MAX_DAYS, API_KEY_PERMISSIONS } from "./api-key-permissions";
import { hashApiKeyToken, mintApiKeyToken } from "./api-key-token";

const DAY_MS = 86_400_000;

export const newApiKeySchema = z.strictObject({
  label: z.string().trim().min(1, "Name the key after the tool that will use it").max(80),
  permissions: z.array(z.enum(API_KEY_PERMISSIONS)).min(1, "Choose at least one permission").max(API_KEY_PERMISSIONS.length),
  expiresInDays: z.coerce.number().int().min(1).max(API_KEY_MAX_DAYS),
});

/**
 * Creates an API key with the chosen permissions and expiry. The key is returned once and
 * never again: only its hash is stored. Staff can only hand a key permissions they hold.
 */
export async function createApiKey(shopId: string, input: unknown, creator: StaffActor, context: { requestId?: string | null } = {}) {
  const parsed = newApiKeySchema.parse(input);
  const beyondCreator = parsed.permissions.filter((permission) => !creator.permissions.includes(permission));
  if (beyondCreator.length > 0) {
    throw new AppError("forbidden", `You cannot give a key permissions your role does not have: ${beyondCreator.join(", ")}.`, { permissions: beyondCreator });
  }
  const { id, token } = mintApiKeyToken();
  const expiresAt = new Date(Date.now() + parsed.expiresInDays * DAY_MS);
  const permissions = [...new Set(parsed.permissions)];
  await getDb().$transaction(async (tx) => {
    await tx.apiKey.create({
      data: { id, shopId, label: parsed.label, secretHash: hashApiKeyToken(token), permissions: JSON.stringify(permissions), createdBy: creator.userId, expiresAt },
    });
    await recordAuditEntry(
      shopId,
      { actor: { kind: "staff", userId: creator.userId }, action: "api-key.created", target: { type: "api-key", ref: id }, requestId: context.requestId, details: { permissions, expiresInDays: parsed.expiresInDays } },
      tx,
    );
  });
  return { id, token, label: parsed.label, permissions, expiresAt: expiresAt.toISOString() };
}
