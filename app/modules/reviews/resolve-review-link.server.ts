import { getDb } from "~/db.server";
import { AppError } from "~/modules/errors/app-error";
import { verifyLinkToken } from "~/modules/review-links/verify-link-token.server";

export interface ResolvedReviewLink {
  reviewRequestId: string;
  orderId: string;
  /** The request's products, in the email's order (the form's `product` is a 1-based index). */
  productIds: string[];
  /** Products of this request already reviewed: each link works once per product. */
  reviewedProductIds: Set<string>;
}

/**
 * Checks a review link against the shop the storefront request came from: valid signature,
 * not expired, for this shop, naming a request that was actually sent. Writes nothing.
 */
export async function resolveReviewLink(shop: string, token: string): Promise<ResolvedReviewLink> {
  const claims = await verifyLinkToken(token, "review");
  if (claims.shop !== shop) throw new AppError("bad_request", "This link is not valid.");
  const db = getDb();
  const request = await db.reviewRequest.findFirst({
    // "sending": the email can reach the customer a moment before its outcome is recorded.
    where: { id: claims.reviewRequestId, shopId: shop, status: { in: ["sending", "sent"] } },
    select: { id: true, orderId: true, productIds: true },
  });
  if (!request) throw new AppError("not_found", "This review request no longer exists.");
  const reviewed = await db.review.findMany({ where: { shopId: shop, reviewRequestId: request.id }, select: { productId: true } });
  return {
    reviewRequestId: request.id,
    orderId: request.orderId,
    productIds: JSON.parse(request.productIds) as string[],
    reviewedProductIds: new Set(reviewed.map((row) => row.productId)),
  };
}
