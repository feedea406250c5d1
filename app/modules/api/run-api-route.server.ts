import { z } from "zod";

import type { Actor } from "~/modules/access-control/actor";
import { resolveStaffMember } from "~/modules/access-control/resolve-staff-member.server";
import { looksLikeApiKey } from "~/modules/api-keys/api-key-token";
import { authenticateApiKey } from "~/modules/api-keys/authenticate-api-key.server";
import { AppError, isAppError } from "~/modules/errors/app-error";
import { getLogger } from "~/modules/observability/logger.server";
import { requestIdOf } from "~/modules/observability/request-id-of";
import { getDb } from "~/db.server";
import { verifySessionToken } from "~/shopify.server";

export interface ApiCaller {
  shop: string;
  /** Who calls, with the permissions they hold; the route checks them with `requirePermission`. */
  actor: Actor;
  request: Request;
  /** The web server's id of this request, for the audit log. */
  requestId: string | null;
}

const errorBody = (code: string, message: string, details?: Record<string, unknown>) => ({ error: { code, message, ...(details ? { details } : {}) } });

/**
 * Who calls: a staff member by Shopify session token, or support tooling by API key (both as
 * `Authorization: Bearer`). Answers a 401 Response when neither holds.
 */
async function authenticateCaller(request: Request, bearer: string): Promise<{ shop: string; actor: () => Promise<Actor> } | Response> {
  const requestId = requestIdOf(request);
  if (looksLikeApiKey(bearer)) {
    try {
      const actor = await authenticateApiKey(bearer, { requestId });
      return { shop: actor.shop, actor: async () => actor };
    } catch (error) {
      if (isAppError(error)) return Response.json(errorBody(error.code, error.message), { status: error.status });
      throw error;
    }
  }
  let token: { shop: string; userId: string | null };
  try {
    token = await verifySessionToken(bearer);
  } catch {
    return Response.json(errorBody("unauthorized", "The session token is missing, invalid or expired."), { status: 401 });
  }
  const userId = token.userId;
  if (!userId) return Response.json(errorBody("unauthorized", "The session token names no staff member."), { status: 401 });
  return { shop: token.shop, actor: () => resolveStaffMember(token.shop, { userId, sessionToken: bearer }) };
}

/**
 * The frame of every `/api/v1/` route: authenticates the caller (a Shopify session token or
 * an API key, sent as `Authorization: Bearer`), runs the handler, and answers errors as
 * `{ "error": { "code", "message" } }` with the matching status — never a stack trace.
 */
export async function runApiRoute(request: Request, handler: (caller: ApiCaller) => Promise<Response | unknown>): Promise<Response> {
  const bearer = /^Bearer (\S+)$/.exec(request.headers.get("Authorization") ?? "")?.[1];
  if (!bearer) {
    return Response.json(errorBody("unauthorized", "Send a Shopify session token or an API key as Authorization: Bearer <token>."), { status: 401 });
  }
  const authenticated = await authenticateCaller(request, bearer);
  if (authenticated instanceof Response) return authenticated;
  // A valid token of a shop that is not (or no longer) installed opens nothing.
  const installed = await getDb().shop.findFirst({ where: { id: authenticated.shop, uninstalledAt: null }, select: { id: true } });
  if (!installed) return Response.json(errorBody("unauthorized", "The app is not installed on this shop."), { status: 401 });
  try {
    const caller: ApiCaller = { shop: authenticated.shop, actor: await authenticated.actor(), request, requestId: requestIdOf(request) };
    const result = await handler(caller);
    return result instanceof Response ? result : Response.json(result);
  } catch (error) {
    if (isAppError(error)) return Response.json(errorBody(error.code, error.message, error.details), { status: error.status });
    if (error instanceof z.ZodError) {
      const fields = error.issues.map((issue) => issue.path.join(".") || "(request)");
      return Response.json(errorBody("unprocessable", error.issues.map((issue) => `${issue.path.join(".") || "request"}: ${issue.message}`).join("; "), { fields }), {
        status: 422,
      });
    }
    getLogger().error({ err: error, shop: authenticated.shop }, "api request failed");
    return Response.json(errorBody("internal", "Something went wrong; nothing was changed."), { status: 500 });
  }
}

/** Query parameters or a JSON body, validated; a bad one is a 422 naming the field. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}

export async function readJsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("bad_request", "The body must be JSON.");
  }
}
