import type { Role } from "~/modules/data-map/roles";

import { ROLE_PERMISSIONS, type Permission } from "./permissions";

/** A staff member of the shop, signed in to Shopify admin (session token). */
export interface StaffActor {
  kind: "staff";
  shop: string;
  /** Shopify's user id (the session token's `sub`), as a string: ids can exceed 2^53. */
  userId: string;
  role: Role;
  permissions: readonly Permission[];
}

/** Support tooling calling `/api/v1/` with an API key: the permissions the key was given. */
export interface ApiKeyActor {
  kind: "api_key";
  shop: string;
  keyId: string;
  permissions: readonly Permission[];
}

/** Who is calling. Every caller carries the permissions it holds, so the guard checks them the same way whatever the kind. */
export type Actor = StaffActor | ApiKeyActor;

export function staffActor(shop: string, userId: string, role: Role): StaffActor {
  return { kind: "staff", shop, userId, role, permissions: ROLE_PERMISSIONS[role] };
}

export function actorHasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.includes(permission);
}

/** How an actor is written where a record says who acted (e.g. a data request's `requestedBy`): never a name or email. */
export function describeActor(actor: Actor): string {
  return actor.kind === "api_key" ? `api-key:${actor.keyId}` : `staff:${actor.userId}`;
}
