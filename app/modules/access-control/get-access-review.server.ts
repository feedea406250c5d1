import { getDb } from "~/db.server";
import { listApiKeys } from "~/modules/api-keys/list-api-keys.server";

import { isAccessReviewDue } from "./access-review-due";
import { listStaffMembers } from "./list-staff-members.server";

/** Everything an access review goes through: who holds which role, which keys exist, their last activity, and when the shop last reviewed. */
export async function getAccessReview(shop: string, now: Date = new Date()) {
  const db = getDb();
  const [staff, keys, last, installed] = await Promise.all([
    listStaffMembers(shop),
    listApiKeys(shop, now),
    db.accessReview.findFirst({ where: { shopId: shop }, orderBy: { reviewedAt: "desc" } }),
    db.shop.findUnique({ where: { id: shop }, select: { installedAt: true } }),
  ]);
  return {
    staff,
    keys,
    lastReview: last ? { reviewedAt: last.reviewedAt.toISOString(), reviewedBy: last.reviewedBy } : null,
    due: isAccessReviewDue(last?.reviewedAt ?? null, installed?.installedAt ?? null, now),
  };
}
