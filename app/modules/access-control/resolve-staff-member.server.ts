import { randomUUID } from "node:crypto";

import { getDb } from "~/db.server";
import { ROLES, type Role } from "~/modules/data-map/roles";
import { fetchAccountOwnership } from "~/shopify.server";

import { staffActor, type StaffActor } from "./actor";

/** How stale `lastSeenAt` may get before a request writes it again. */
const LAST_SEEN_PRECISION_MS = 5 * 60_000;

export interface StaffIdentity {
  /** The session token's `sub`. */
  userId: string;
  /** The session token itself, used once, on first sight, to ask Shopify whether the user owns the shop. */
  sessionToken: string;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

const asRole = (value: string): Role => ((ROLES as readonly string[]).includes(value) ? (value as Role) : "viewer");

/**
 * The staff member behind a session token, as an actor with their role. On first sight Shopify
 * is asked (online token exchange) whether the user owns the shop: the owner becomes `owner`,
 * everyone else `viewer` until an owner or admin assigns a role. Afterwards only the stored row
 * is read, and `lastSeenAt` is written at most every few minutes.
 */
export async function resolveStaffMember(shop: string, identity: StaffIdentity): Promise<StaffActor> {
  const db = getDb();
  const known = await db.staffMember.findUnique({ where: { shopId_userId: { shopId: shop, userId: identity.userId } } });
  if (known) {
    const now = new Date();
    if (now.getTime() - known.lastSeenAt.getTime() > LAST_SEEN_PRECISION_MS) {
      await db.staffMember.updateMany({ where: { id: known.id, shopId: shop }, data: { lastSeenAt: now } });
    }
    return staffActor(shop, known.userId, asRole(known.role));
  }

  const accountOwner = await fetchAccountOwnership(shop, identity.sessionToken);
  const role: Role = accountOwner ? "owner" : "viewer";
  try {
    await db.staffMember.create({ data: { id: randomUUID(), shopId: shop, userId: identity.userId, role, accountOwner } });
    return staffActor(shop, identity.userId, role);
  } catch (error) {
    // Two first requests at once: the other one wrote the row; its role stands.
    if (!isUniqueViolation(error)) throw error;
    const written = await db.staffMember.findUniqueOrThrow({ where: { shopId_userId: { shopId: shop, userId: identity.userId } } });
    return staffActor(shop, written.userId, asRole(written.role));
  }
}
