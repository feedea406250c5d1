import jwt from "jsonwebtoken";

import { getLinkSigningKey } from "./get-link-signing-key.server";
import type { LinkTokenPurpose } from "./link-token-purpose";

/**
 * An HMAC-signed (HS256) token naming the shop, the review request and what it may be used
 * for, valid until `expiresAt`. It carries no personal data: a forwarded link reveals nothing.
 */
export async function signLinkToken(
  shop: string,
  input: { reviewRequestId: string; purpose: LinkTokenPurpose; expiresAt: Date },
): Promise<string> {
  return jwt.sign(
    { shop, sub: input.reviewRequestId, aud: input.purpose, exp: Math.floor(input.expiresAt.getTime() / 1000) },
    getLinkSigningKey(),
    { algorithm: "HS256", noTimestamp: true },
  );
}
