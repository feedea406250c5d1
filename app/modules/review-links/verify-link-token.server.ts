import jwt from "jsonwebtoken";

import { AppError } from "~/modules/errors/app-error";

import { getLinkSigningKey } from "./get-link-signing-key.server";
import type { LinkTokenClaims, LinkTokenPurpose } from "./link-token-purpose";

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/**
 * Checks a link token's signature, purpose and expiry. A forged, tampered or foreign token is
 * a 400; an expired one a 410 — both with a message safe to show to the customer. The
 * signature is checked before anything else, so the claims of an expired token are genuine.
 */
export async function verifyLinkToken(token: string, purpose: LinkTokenPurpose): Promise<LinkTokenClaims> {
  let payload: jwt.JwtPayload;
  try {
    const verified = jwt.verify(token, getLinkSigningKey(), { algorithms: ["HS256"], audience: purpose });
    if (typeof verified === "string") throw new AppError("bad_request", "This link is not valid.");
    payload = verified;
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof jwt.TokenExpiredError) throw new AppError("gone", "This link has expired.");
    throw new AppError("bad_request", "This link is not valid.");
  }
  const shop = typeof payload.shop === "string" ? payload.shop : "";
  if (!SHOP_DOMAIN.test(shop) || !payload.sub || typeof payload.exp !== "number") {
    throw new AppError("bad_request", "This link is not valid.");
  }
  return { shop, reviewRequestId: payload.sub, purpose, expiresAt: new Date(payload.exp * 1000) };
}
