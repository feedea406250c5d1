import type { AuditActor } from "./audit-actions";

/**
 * The actor of an audit entry from the `requestedBy` the data-request register keeps:
 * "shopify", "staff:<user id>", "api-key:<key id>" or "staff" (a staff member whose id the
 * session did not carry).
 */
export function auditActorFromRequester(requestedBy: string): AuditActor {
  if (requestedBy === "shopify") return { kind: "shopify" };
  const staff = /^staff:(.+)$/.exec(requestedBy);
  if (staff) return { kind: "staff", userId: staff[1]! };
  const key = /^api-key:(.+)$/.exec(requestedBy);
  if (key) return { kind: "api_key", keyId: key[1]! };
  if (requestedBy === "staff") return { kind: "staff", userId: "unknown" };
  return { kind: "system" };
}
