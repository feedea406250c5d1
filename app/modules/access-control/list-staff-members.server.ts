import { getDb } from "~/db.server";
import type { Role } from "~/modules/data-map/roles";

export interface StaffMemberView {
  userId: string;
  role: Role;
  accountOwner: boolean;
  assignedBy: string | null;
  createdAt: string;
  updatedAt: string;
  lastSeenAt: string;
}

/** The shop's staff who have opened Candor, owners first, then by when they were first seen. */
export async function listStaffMembers(shop: string): Promise<StaffMemberView[]> {
  const rows = await getDb().staffMember.findMany({ where: { shopId: shop }, orderBy: [{ accountOwner: "desc" }, { createdAt: "asc" }, { userId: "asc" }] });
  return rows.map((row) => ({
    userId: row.userId,
    role: row.role as Role,
    accountOwner: row.accountOwner,
    assignedBy: row.assignedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
  }));
}
