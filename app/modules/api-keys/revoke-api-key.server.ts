import { getDb } from "~/db.server";
import type { StaffActor } from "~/modules/access-control/actor";
import { recordAuditEntry } from "~/modules/audit-log/record-audit-entry.server";
import { AppError } from "~/modules/errors/app-error";

/** Revokes one of the shop's keys at once; revoking it again changes nothing. Another shop's key id is a 404. */
export async function revokeApiKey(shopId: string, keyId: string, revoker: StaffActor, context: { requestId?: string | null } = {}): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: keyId, shopId }, select: { revokedAt: true } });
    if (!key) throw new AppError("not_found", "No such API key in this shop.");
    if (key.revokedAt) return;
    await tx.apiKey.updateMany({ where: { id: keyId, shopId }, data: { revokedAt: new Date(), revokedBy: revoker.userId } });
    await recordAuditEntry(shopId, { actor: { kind: "staff", userId: revoker.userId }, action: "api-key.revoked", target: { type: "api-key", ref: keyId }, requestId: context.requestId }, tx);
  });
}
