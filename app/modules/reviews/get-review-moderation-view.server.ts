import { auditActorFromRequester } from "~/modules/audit-log/audit-actor-from-requester";
import { recordAuditEntry } from "~/modules/audit-log/record-audit-entry.server";
import { getShopSettings } from "~/modules/settings/get-shop-settings.server";

import { composeReviewDisclosure, DISCLOSURE_LANGUAGES, type DisclosureLanguage } from "./compose-review-disclosure";
import { listReviews, type ReviewFilters, type ReviewListItem } from "./list-reviews.server";
import type { ReviewStatus } from "./review-status";

export interface ReviewModerationView {
  items: ReviewListItem[];
  counts: Record<ReviewStatus, number>;
  /** The shop's auto-publish rating (null: every review is held for moderation). */
  autoPublishMinRating: number | null;
  /** The storefront disclosure in each language, written from the shop's settings. */
  disclosures: Record<DisclosureLanguage, string>;
}

/**
 * Everything the Reviews screen shows one shop: its reviews, and how they are collected. The
 * list names reviewers (their chosen display names), so each view is recorded in the audit log.
 */
export async function getReviewModerationView(
  shopId: string,
  filters: ReviewFilters,
  viewer: { requestedBy: string; requestId?: string | null },
): Promise<ReviewModerationView> {
  const [list, settings] = await Promise.all([listReviews(shopId, filters), getShopSettings(shopId)]);
  await recordAuditEntry(shopId, {
    actor: auditActorFromRequester(viewer.requestedBy),
    action: "customer-data.viewed",
    target: { type: "review", ref: "moderation-list" },
    requestId: viewer.requestId,
    details: { reviews: list.items.length },
  });
  return {
    ...list,
    autoPublishMinRating: settings.autoPublishMinRating,
    disclosures: Object.fromEntries(
      DISCLOSURE_LANGUAGES.map((language) => [language, composeReviewDisclosure(settings, language)]),
    ) as Record<DisclosureLanguage, string>,
  };
}
