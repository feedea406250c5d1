import { getDb } from "~/db.server";
import { getEnv } from "~/modules/config/get-env.server";
import { decryptSecret } from "~/modules/crypto/decrypt-secret.server";
import { isAppError } from "~/modules/errors/app-error";
import { getLogger } from "~/modules/observability/logger.server";

import { REVIEW_STATUSES, type ReviewStatus } from "./review-status";

export interface ReviewListItem {
  id: string;
  /** Product GID. */
  productId: string;
  rating: number;
  title: string | null;
  body: string;
  /** The name the customer chose to show; null when it can no longer be decrypted. */
  displayName: string | null;
  status: string;
  moderationReason: string | null;
  submittedAt: string;
  verifiedBuyer: boolean;
}

export interface ReviewFilters {
  status?: ReviewStatus;
  rating?: number;
  /** Product GID. */
  productId?: string;
  limit?: number;
}

/**
 * One shop's reviews, newest first, for moderation: the review as written and the display
 * name decrypted, never the order or anything else about the customer. `counts` gives the
 * reviews per status among those matching the rating and product filters, so the status
 * filter can show what each choice holds.
 */
export async function listReviews(
  shopId: string,
  filters: ReviewFilters = {},
): Promise<{ items: ReviewListItem[]; counts: Record<ReviewStatus, number> }> {
  const db = getDb();
  const narrowed = {
    shopId,
    ...(filters.rating !== undefined ? { rating: filters.rating } : {}),
    ...(filters.productId !== undefined ? { productId: filters.productId } : {}),
  };
  const [rows, grouped] = await Promise.all([
    db.review.findMany({
      where: { ...narrowed, ...(filters.status ? { status: filters.status } : {}) },
      orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
      take: Math.max(1, Math.min(filters.limit ?? 50, 200)),
      select: {
        id: true,
        productId: true,
        rating: true,
        title: true,
        body: true,
        displayName: true,
        status: true,
        moderationReason: true,
        submittedAt: true,
        verifiedBuyer: true,
      },
    }),
    db.review.groupBy({ by: ["status"], where: narrowed, _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(REVIEW_STATUSES.map((status) => [status, 0])) as Record<ReviewStatus, number>;
  for (const row of grouped) {
    if (row.status in counts) counts[row.status as ReviewStatus] = row._count._all;
  }
  const keyring = getEnv().ENCRYPTION_KEYS;
  return {
    counts,
    items: rows.map((row) => ({
      id: row.id,
      productId: row.productId,
      rating: row.rating,
      title: row.title,
      body: row.body,
      displayName: readDisplayName(shopId, row.id, row.displayName, keyring),
      status: row.status,
      moderationReason: row.moderationReason,
      submittedAt: row.submittedAt.toISOString(),
      verifiedBuyer: row.verifiedBuyer,
    })),
  };
}

/** A name that cannot be decrypted (its key retired) shows as unknown rather than breaking the list. */
function readDisplayName(shopId: string, reviewId: string, stored: string, keyring: ReturnType<typeof getEnv>["ENCRYPTION_KEYS"]): string | null {
  try {
    return decryptSecret(stored, keyring, { table: "Review", column: "displayName", rowId: reviewId });
  } catch (error) {
    if (!isAppError(error) || error.code !== "decryption_failed") throw error;
    getLogger().warn({ shop: shopId, reviewId, err: error.message }, "review display name could not be decrypted");
    return null;
  }
}
