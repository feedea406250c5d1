/**
 * Every action the audit log records, written once. Names are `<area>.<verb>`; a new kind of
 * event is added here first, so the admin's filter and the CSV know it.
 */
export const AUDIT_ACTIONS = [
  "customer-data.viewed",
  "customer-data.exported",
  "customer-data.erased",
  "data-request.received",
  "data-request.completed",
  "settings.changed",
  "role.changed",
  "api-key.created",
  "api-key.revoked",
  "api-key.refused",
  "access.denied",
  "access-review.completed",
  "audit-log.exported",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "customer-data.viewed": "Viewed a customer's data",
  "customer-data.exported": "Exported a customer's data",
  "customer-data.erased": "Erased a customer's data",
  "data-request.received": "Data request received",
  "data-request.completed": "Data request completed",
  "settings.changed": "Changed settings",
  "role.changed": "Changed a staff role",
  "api-key.created": "Created an API key",
  "api-key.revoked": "Revoked an API key",
  "api-key.refused": "API key refused",
  "access.denied": "Access denied",
  "access-review.completed": "Completed an access review",
  "audit-log.exported": "Exported the audit log",
};

/** Who acted: a staff member or an API key by id (never a name), Shopify (webhooks), or Candor itself. */
export type AuditActor =
  | { kind: "staff"; userId: string }
  | { kind: "api_key"; keyId: string }
  | { kind: "shopify" }
  | { kind: "system" };

export type AuditTargetType = "customer" | "data-request" | "review" | "staff-member" | "api-key" | "settings" | "audit-log" | "route";

export function describeAuditActor(actorKind: string, actorId: string | null): string {
  if (actorKind === "staff") return `Staff member ${actorId ?? "(unknown)"}`;
  if (actorKind === "api_key") return `API key ${actorId ?? "(unknown)"}`;
  if (actorKind === "shopify") return "Shopify";
  return "Candor";
}
