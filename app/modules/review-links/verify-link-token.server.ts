import { errors, jwtVerify } from "jose";

import { getEnv } from "~/modules/config/get-env.server";
import { AppError } from "~/modules/errors/app-error";

import type { LinkTokenClaims, LinkTokenPurpose } from "./link-token-purpose";

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/**
 * Checks a link token's signature, purpose and expiry. A forged, tampered or foreign token is
 * a 400; an expired one a 410 — both with a message safe to show to the customer.
 */
export async function verifyLinkToken(token: string, purpose: LinkTokenPurpose): Promise<LinkTokenClaims> {
  try {
    const { payload } = await jwtVerify(token, getEnv().LINK_SIGNING_KEY, { algorithms: ["HS256"], audience: purpose });
    const shop = typeof payload.shop === "string" ? payload.shop : "";
    if (!SHOP_DOMAIN.test(shop) || !payload.sub || typeof payload.exp !== "number") {
      throw new AppError("bad_request", "This link is not valid.");
    }
    return { shop, reviewRequestId: payload.sub, purpose, expiresAt: new Date(payload.exp * 1000) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof errors.JWTExpired) throw new AppError("gone", "This link has expired.");
    throw new AppError("bad_request", "This link is not valid.");
  }
}
