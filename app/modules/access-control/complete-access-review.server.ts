import { randomUUID } from "node:crypto";

import { getDb } from "~/db.server";
import { recordAuditEntry } from "~/modules/audit-log/record-audit-entry.server";

import type { StaffActor } from "./actor";

/** Records that an owner or admin went through the shop's roles and keys and confirmed them. */
export async function completeAccessReview(shop: string, reviewer: StaffActor, context: { requestId?: string | null } = {}): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const [staffCount, activeKeys] = await Promise.all([
      tx.staffMember.count({ where: { shopId: shop } }),
      tx.apiKey.count({ where: { shopId: shop, revokedAt: null, expiresAt: { gt: new Date() } } }),
    ]);
    await tx.accessReview.create({ data: { id: randomUUID(), shopId: shop, reviewedBy: reviewer.userId, staffCount, activeKeys } });
    await recordAuditEntry(
      shop,
      { actor: { kind: "staff", userId: reviewer.userId }, action: "access-review.completed", target: { type: "staff-member", ref: "all" }, requestId: context.requestId, details: { staffCount, activeKeys } },
      tx,
    );
  });
}
