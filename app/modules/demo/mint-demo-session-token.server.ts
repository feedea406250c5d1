import { randomUUID } from "node:crypto";

import { SignJWT } from "jose";

import { getEnv } from "~/modules/config/get-env.server";
import { AppError } from "~/modules/errors/app-error";

import { isDemoEnabled } from "./is-demo-enabled.server";

/**
 * The staff member the demo acts as (Shopify user ids are numeric): the owner of the local fake
 * Shopify's stores, so the demo opens every screen. Other roles are tried by minting tokens for
 * other user ids and assigning them roles on the Staff screen.
 */
export const DEMO_STAFF_USER_ID = "90000000001";

/**
 * Demo only: signs the same HS256 session token Shopify admin gives an embedded app, so the
 * real authentication path (token validation, token exchange) runs outside the iframe.
 */
export async function mintDemoSessionToken(shop: string): Promise<string> {
  if (!isDemoEnabled()) throw new AppError("not_found", "Not found");
  const env = getEnv();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ dest: `https://${shop}`, sid: randomUUID() })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(`https://${shop}/admin`)
    .setAudience(env.SHOPIFY_API_KEY)
    .setSubject(DEMO_STAFF_USER_ID)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + 60)
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(env.SHOPIFY_API_SECRET));
}
