import { getEnv } from "~/modules/config/get-env.server";

import { signLinkToken } from "./sign-link-token.server";

/** Unsubscribe links outlive any sensible retention of the email itself. */
const UNSUBSCRIBE_LINK_VALID_DAYS = 3 * 365;

/**
 * The one-click unsubscribe URL of a request's emails (RFC 8058: POST unsubscribes, GET shows
 * a confirmation page). It works without cookies or a session: the signed token is the proof.
 */
export async function createUnsubscribeLink(shop: string, reviewRequestId: string, now = new Date()): Promise<string> {
  const expiresAt = new Date(now.getTime() + UNSUBSCRIBE_LINK_VALID_DAYS * 86_400_000);
  const token = await signLinkToken(shop, { reviewRequestId, purpose: "unsubscribe", expiresAt });
  return new URL(`/unsubscribe/${token}`, getEnv().SHOPIFY_APP_URL).toString();
}
