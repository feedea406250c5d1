/** A review's moderation states: held for the merchant, shown on the storefront, or refused with a reason. */
export const REVIEW_STATUSES = ["pending", "published", "rejected"] as const;

export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Longest reason a merchant may give for rejecting a review. */
export const MODERATION_REASON_MAX = 500;
