import { getDb } from "~/db.server";
import type { Role } from "~/modules/data-map/roles";
import { recordAuditEntry } from "~/modules/audit-log/record-audit-entry.server";
import { AppError } from "~/modules/errors/app-error";

import { actorHasPermission, describeActor, type StaffActor } from "./actor";

export interface RoleAssignment {
  /** The staff member's Shopify user id. */
  userId: string;
  role: Role;
}

/**
 * Gives a staff member of the shop a role. Only callers holding `roles:manage` may; only an
 * owner makes or unmakes an owner (an admin can neither demote an owner nor promote anyone to
 * owner); the last owner of a shop cannot lose the role. A user id Candor has not seen in this
 * shop is `not_found`. Returns the role now held.
 */
export async function assignStaffRole(
  shop: string,
  actor: StaffActor,
  assignment: RoleAssignment,
  context: { requestId?: string | null } = {},
): Promise<{ userId: string; role: Role }> {
  if (actor.shop !== shop) throw new AppError("not_found", "There is no such staff member.");
  if (!actorHasPermission(actor, "roles:manage")) throw new AppError("forbidden", "Your role does not allow changing roles.", { permission: "roles:manage" });
  return getDb().$transaction(async (tx) => {
    const member = await tx.staffMember.findUnique({ where: { shopId_userId: { shopId: shop, userId: assignment.userId } } });
    if (!member) throw new AppError("not_found", "There is no such staff member: they appear here once they have opened Candor.");
    if (member.role === assignment.role) return { userId: member.userId, role: assignment.role };
    const ownerInvolved = member.role === "owner" || assignment.role === "owner";
    if (ownerInvolved && actor.role !== "owner") {
      throw new AppError("forbidden", "Only an owner can give or take away the owner role.", { permission: "roles:manage" });
    }
    if (member.role === "owner") {
      const owners = await tx.staffMember.count({ where: { shopId: shop, role: "owner" } });
      if (owners <= 1) throw new AppError("conflict", "The shop's last owner keeps the owner role; make someone else owner first.");
    }
    await tx.staffMember.updateMany({
      where: { id: member.id, shopId: shop },
      data: { role: assignment.role, assignedBy: describeActor(actor) },
    });
    await recordAuditEntry(
      shop,
      {
        actor: { kind: "staff", userId: actor.userId },
        action: "role.changed",
        target: { type: "staff-member", ref: member.userId },
        requestId: context.requestId,
        details: { from: member.role, to: assignment.role },
      },
      tx,
    );
    return { userId: member.userId, role: assignment.role };
  });
}
