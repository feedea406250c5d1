import { randomUUID } from "node:crypto";

import { getDb } from "~/db.server";
import { getEnv } from "~/modules/config/get-env.server";
import { encryptSecret } from "~/modules/crypto/encrypt-secret.server";
import { AppError } from "~/modules/errors/app-error";
import { getShopSettings } from "~/modules/settings/get-shop-settings.server";

import { resolveReviewLink } from "./resolve-review-link.server";
import { reviewSubmissionSchema } from "./review-submission-schema";

export interface SubmittedReview {
  reviewId: string;
  status: "pending" | "published";
  productId: string;
  /** Products of the same request still waiting for a review (1-based indexes). */
  remainingProductIndexes: number[];
}

/**
 * Stores one verified-buyer review from the storefront form. The link must be valid for this
 * shop and name a sent request; the product must be one of that request's, not yet reviewed.
 * Bad input is a 422 naming the fields (as codes) and writes nothing. Published at once only
 * at or above the shop's auto-publish rating, otherwise pending moderation.
 */
export async function submitReview(
  shop: string,
  input: { token: string; productIndex: number; fields: Record<string, unknown>; locale: string | null },
): Promise<SubmittedReview> {
  const link = await resolveReviewLink(shop, input.token);
  const productId = link.productIds[input.productIndex - 1];
  if (!productId) throw new AppError("bad_request", "This product is not part of the order.");
  if (link.reviewedProductIds.has(productId)) throw new AppError("conflict", "This product has already been reviewed.");

  const parsed = reviewSubmissionSchema.safeParse(input.fields);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => (issue.path[0] === "title" ? "title_long" : issue.message)))];
    throw new AppError("unprocessable", "Some fields need attention.", { fields });
  }
  const settings = await getShopSettings(shop);
  const publish = settings.autoPublishMinRating !== null && parsed.data.rating >= settings.autoPublishMinRating;
  const id = randomUUID();
  const now = new Date();
  try {
    await getDb().review.create({
      data: {
        id,
        shopId: shop,
        reviewRequestId: link.reviewRequestId,
        orderId: link.orderId,
        productId,
        rating: parsed.data.rating,
        title: parsed.data.title,
        body: parsed.data.body,
        displayName: encryptSecret(parsed.data.displayName, getEnv().ENCRYPTION_KEYS, { table: "Review", column: "displayName", rowId: id }),
        locale: input.locale,
        status: publish ? "published" : "pending",
        publishedAt: publish ? now : null,
        submittedAt: now,
      },
    });
  } catch (error) {
    // The same form sent twice at once: the unique key keeps one.
    if ((error as { code?: unknown }).code === "P2002") {
      throw new AppError("conflict", "This product has already been reviewed.");
    }
    throw error;
  }
  const remainingProductIndexes = link.productIds
    .map((candidate, index) => ({ candidate, index: index + 1 }))
    .filter(({ candidate }) => candidate !== productId && !link.reviewedProductIds.has(candidate))
    .map(({ index }) => index);
  return { reviewId: id, status: publish ? "published" : "pending", productId, remainingProductIndexes };
}
