/**
 * POST https://{shop}/admin/oauth/access_token, as used by @shopify/shopify-api 15:
 * token exchange (session token → offline/online access token), migration of a
 * non-expiring offline token to an expiring one, and refresh of expiring tokens.
 */
import { randomUUID, timingSafeEqual } from "node:crypto";

import { errors as joseErrors, jwtVerify, type JWTPayload } from "jose";

import type { FakeShopifyState, IssuedToken } from "./state";
import type { FakeStaffMember } from "./types";

export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
export const OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";
export const ONLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:online-access-token";

const EXPIRING_OFFLINE_SECONDS = 60 * 60;
const REFRESH_TOKEN_SECONDS = 90 * 24 * 60 * 60;
const ONLINE_TOKEN_SECONDS = 24 * 60 * 60 - 1;
/** Shopify tolerates small clock drift between admin and the app (the SDK uses 10 s). */
const CLOCK_TOLERANCE_SECONDS = 10;

export interface TokenEndpointContext {
  apiKey: string;
  apiSecret: string;
  state: FakeShopifyState;
  autoCreateShops: boolean;
}

export interface JsonReply {
  status: number;
  body: unknown;
}

function oauthError(status: number, error: string, description: string): JsonReply {
  return { status, body: { error, error_description: description } };
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function handleAccessTokenRequest(
  shop: string,
  form: Record<string, string>,
  context: TokenEndpointContext,
): Promise<JsonReply> {
  const { apiKey, apiSecret, state } = context;
  if (form.client_id !== apiKey || !sameSecret(form.client_secret, apiSecret)) {
    return oauthError(401, "invalid_client", "Client authentication failed: unknown client_id or wrong client_secret.");
  }
  if (!context.autoCreateShops && !state.shop(shop)) {
    return { status: 404, body: { errors: "Not Found" } };
  }

  switch (form.grant_type) {
    case TOKEN_EXCHANGE_GRANT:
      return form.subject_token_type === OFFLINE_TOKEN_TYPE
        ? migrateToExpiringToken(shop, form, state)
        : exchangeSessionToken(shop, form, context);
    case "refresh_token":
      return refreshAccessToken(shop, form, state);
    default:
      return oauthError(400, "unsupported_grant_type", `The grant type '${form.grant_type ?? ""}' is not supported.`);
  }
}

async function verifySessionToken(token: string, shop: string, apiKey: string, apiSecret: string): Promise<JWTPayload | string> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(apiSecret), {
      algorithms: ["HS256"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return "Session token has expired.";
    return "Session token could not be verified.";
  }
  if (payload.aud !== apiKey) return "Session token audience does not match the client_id.";
  if (payload.dest !== `https://${shop}`) return "Session token destination does not match the shop.";
  if (payload.iss !== `https://${shop}/admin`) return "Session token issuer does not match the shop.";
  if (payload.exp === undefined) return "Session token has no expiry.";
  return payload;
}

async function exchangeSessionToken(shop: string, form: Record<string, string>, context: TokenEndpointContext): Promise<JsonReply> {
  if (!form.subject_token) return oauthError(400, "missing_subject_token", "The subject_token parameter is required.");
  if (form.subject_token_type !== ID_TOKEN_TYPE) {
    return oauthError(400, "invalid_request", `Unsupported subject_token_type '${form.subject_token_type ?? ""}'.`);
  }
  const verified = await verifySessionToken(form.subject_token, shop, context.apiKey, context.apiSecret);
  if (typeof verified === "string") return oauthError(400, "invalid_subject_token", verified);

  const { state } = context;
  if (form.requested_token_type === OFFLINE_TOKEN_TYPE) {
    return form.expiring === "1" ? offlineReply(issueExpiringOffline(state, shop)) : offlineReply(nonExpiringOffline(state, shop));
  }
  if (form.requested_token_type === ONLINE_TOKEN_TYPE) {
    if (typeof verified.sub !== "string") return oauthError(400, "invalid_subject_token", "Session token has no user (sub).");
    return onlineReply(state, shop, verified.sub);
  }
  return oauthError(400, "invalid_request", `Unsupported requested_token_type '${form.requested_token_type ?? ""}'.`);
}

function migrateToExpiringToken(shop: string, form: Record<string, string>, state: FakeShopifyState): JsonReply {
  const current = form.subject_token ? state.findActiveToken(shop, form.subject_token) : undefined;
  if (!current || current.kind !== "offline" || current.expiresAt !== null) {
    return oauthError(400, "invalid_subject_token", "The subject token is not a valid non-expiring offline access token.");
  }
  state.revoke(current);
  return offlineReply(issueExpiringOffline(state, shop));
}

function refreshAccessToken(shop: string, form: Record<string, string>, state: FakeShopifyState): JsonReply {
  const current = form.refresh_token ? state.findActiveRefreshToken(shop, form.refresh_token) : undefined;
  if (!current) return oauthError(400, "invalid_grant", "Token has been expired or revoked.");
  state.revoke(current);
  return offlineReply(issueExpiringOffline(state, shop));
}

/** Shopify keeps one non-expiring offline token per app and shop and hands it out again. */
function nonExpiringOffline(state: FakeShopifyState, shop: string): IssuedToken {
  const existing = state
    .shop(shop)
    ?.tokens.find((token) => token.kind === "offline" && token.expiresAt === null && token.revokedAt === null);
  if (existing && state.shop(shop)?.installed) return existing;
  return state.issueToken(shop, {
    kind: "offline", expiresAt: null, userId: null, refreshToken: null, refreshTokenExpiresAt: null,
  });
}

function secondsFromNow(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString();
}

function issueExpiringOffline(state: FakeShopifyState, shop: string): IssuedToken {
  return state.issueToken(shop, {
    kind: "offline",
    expiresAt: secondsFromNow(EXPIRING_OFFLINE_SECONDS),
    userId: null,
    refreshToken: `shprt_${randomUUID().replaceAll("-", "")}`,
    refreshTokenExpiresAt: secondsFromNow(REFRESH_TOKEN_SECONDS),
  });
}

function offlineReply(token: IssuedToken): JsonReply {
  if (token.expiresAt === null) return { status: 200, body: { access_token: token.accessToken, scope: token.scope } };
  return {
    status: 200,
    body: {
      access_token: token.accessToken,
      scope: token.scope,
      expires_in: EXPIRING_OFFLINE_SECONDS,
      refresh_token: token.refreshToken,
      refresh_token_expires_in: REFRESH_TOKEN_SECONDS,
    },
  };
}

function staffMember(state: FakeShopifyState, shop: string, userId: string): FakeStaffMember {
  const known = state.shop(shop)?.data.staff.find((member) => member.id === userId);
  return known ?? {
    id: userId, firstName: "Staff", lastName: userId, email: `staff-${userId}@example.com`, locale: "en", accountOwner: false,
  };
}

function onlineReply(state: FakeShopifyState, shop: string, userId: string): JsonReply {
  const token = state.issueToken(shop, {
    kind: "online",
    expiresAt: secondsFromNow(ONLINE_TOKEN_SECONDS),
    userId,
    refreshToken: null,
    refreshTokenExpiresAt: null,
  });
  const member = staffMember(state, shop, userId);
  return {
    status: 200,
    body: {
      access_token: token.accessToken,
      scope: token.scope,
      expires_in: ONLINE_TOKEN_SECONDS,
      associated_user_scope: token.scope,
      associated_user: {
        id: Number(member.id),
        first_name: member.firstName,
        last_name: member.lastName,
        email: member.email,
        account_owner: member.accountOwner,
        locale: member.locale,
        collaborator: false,
        email_verified: true,
      },
    },
  };
}
