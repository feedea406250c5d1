import type { ApiCaller } from "~/modules/api/run-api-route.server";
import { AppError } from "~/modules/errors/app-error";
import { authenticate } from "~/shopify.server";

import { recordAuditEntry } from "~/modules/audit-log/record-audit-entry.server";

import { actorHasPermission, type StaffActor } from "./actor";
import type { Permission } from "./permissions";
import { resolveStaffMember } from "./resolve-staff-member.server";

type AdminContext = Awaited<ReturnType<typeof authenticate.admin>>;

/** What an admin loader or action gets once the guard let it through. */
export type AdminAccess = AdminContext & { shop: string; actor: StaffActor };

const forbiddenMessage = (permission: Permission) =>
  `Your role in Candor does not allow this (it needs “${permission}”). The shop's owner or an admin can change your role.`;

/** The guard's refusal, in the JSON API's error shape; the admin's error boundary shows its message. */
export function forbiddenResponse(permission: Permission): Response {
  return Response.json({ error: { code: "forbidden", message: forbiddenMessage(permission), details: { permission } } }, { status: 403 });
}

/** The raw session token the SDK just accepted: App Bridge's `Authorization: Bearer`, or `id_token` on a document request. */
function sessionTokenOf(request: Request): string | null {
  const bearer = /^Bearer (\S+)$/.exec(request.headers.get("Authorization") ?? "")?.[1];
  return bearer ?? new URL(request.url).searchParams.get("id_token");
}

/**
 * The guard of every admin loader and action and every API route. An admin request is
 * authenticated (Shopify's session token; the SDK's redirects and 401s pass through), its
 * staff member resolved from the token's `sub`, and a 403 Response thrown when the role lacks
 * the permission. An API caller (already authenticated by `runApiRoute`) gets an AppError
 * `forbidden`, answered as JSON 403.
 */
export async function requirePermission(request: Request, permission: Permission): Promise<AdminAccess>;
export async function requirePermission(caller: ApiCaller, permission: Permission): Promise<ApiCaller>;
export async function requirePermission(source: Request | ApiCaller, permission: Permission): Promise<AdminAccess | ApiCaller> {
  if (!(source instanceof Request)) {
    if (!actorHasPermission(source.actor, permission)) {
      // A refused API call is evidence of a misconfigured or misused key: it goes in the audit log.
      await recordAuditEntry(source.shop, {
        actor: source.actor.kind === "api_key" ? { kind: "api_key", keyId: source.actor.keyId } : { kind: "staff", userId: source.actor.userId },
        action: "access.denied",
        outcome: "denied",
        target: { type: "route", ref: new URL(source.request.url).pathname },
        requestId: source.requestId,
        details: { permission },
      });
      throw new AppError("forbidden", forbiddenMessage(permission), { permission });
    }
    return source;
  }
  const context = await authenticate.admin(source);
  const shop = context.session.shop;
  const userId = context.sessionToken?.sub;
  const token = sessionTokenOf(source);
  if (!userId || !token) {
    throw Response.json({ error: { code: "unauthorized", message: "The session token names no staff member." } }, { status: 401 });
  }
  const actor = await resolveStaffMember(shop, { userId: String(userId), sessionToken: token });
  if (!actorHasPermission(actor, permission)) throw forbiddenResponse(permission);
  return { ...context, shop, actor };
}
