import { SignJWT } from "jose";

import { getEnv } from "~/modules/config/get-env.server";

import type { LinkTokenPurpose } from "./link-token-purpose";

/**
 * An HMAC-signed (HS256) token naming the shop, the review request and what it may be used
 * for, valid until `expiresAt`. It carries no personal data: a forwarded link reveals nothing.
 */
export async function signLinkToken(
  shop: string,
  input: { reviewRequestId: string; purpose: LinkTokenPurpose; expiresAt: Date },
): Promise<string> {
  return new SignJWT({ shop })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(input.reviewRequestId)
    .setAudience(input.purpose)
    .setExpirationTime(Math.floor(input.expiresAt.getTime() / 1000))
    .sign(getEnv().LINK_SIGNING_KEY);
}
