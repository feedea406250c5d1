import { signLinkToken } from "./sign-link-token.server";

/** The storefront path of the review form, served through the app proxy. */
export const REVIEW_FORM_PROXY_PATH = "/apps/candor/review";

/**
 * The link a customer follows to review the products of one request: on the shop's own
 * domain (through the app proxy), carrying a signed token that names shop and request.
 */
export async function createReviewLink(shop: string, reviewRequestId: string, expiresAt: Date): Promise<string> {
  const token = await signLinkToken(shop, { reviewRequestId, purpose: "review", expiresAt });
  const link = new URL(`https://${shop}${REVIEW_FORM_PROXY_PATH}`);
  link.searchParams.set("token", token);
  return link.toString();
}
