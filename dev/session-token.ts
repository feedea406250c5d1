/**
 * Session tokens (ID tokens) exactly as Shopify admin hands them to an embedded app via
 * App Bridge: HS256, signed with the app's API secret. Tests use them as
 * `Authorization: Bearer …` and as the subject token of a token exchange.
 */
import { randomBytes, randomUUID } from "node:crypto";

import { SignJWT } from "jose";

export interface MintSessionTokenOptions {
  apiKey: string;
  apiSecret: string;
  /** "{name}.myshopify.com" */
  shop: string;
  /** Staff user id (`sub`); Shopify sends it as a string of digits. */
  userId?: string;
  expiresInSeconds?: number;
  /** Seconds added to "now" for iat/nbf/exp, to mint tokens from the past or future. */
  clockSkewSeconds?: number;
}

export async function mintSessionToken(options: MintSessionTokenOptions): Promise<string> {
  const { apiKey, apiSecret, shop, userId = "1", expiresInSeconds = 60, clockSkewSeconds = 0 } = options;
  const now = Math.floor(Date.now() / 1000) + clockSkewSeconds;
  return new SignJWT({
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: apiKey,
    sub: userId,
    exp: now + expiresInSeconds,
    nbf: now,
    iat: now,
    jti: randomUUID(),
    sid: randomBytes(16).toString("hex"),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(apiSecret));
}
