import { getDb } from "~/db.server";
import { getLogger } from "~/modules/observability/logger.server";
import { removePendingReviewJobs } from "~/modules/review-requests/remove-pending-review-jobs.server";

/**
 * `shop/redact` (48 hours after uninstall): every row of the shop, sessions included, in one
 * transaction. Returns the count per table for the log line; safe to repeat.
 */
export async function redactShop(shopId: string): Promise<Record<string, number>> {
  const db = getDb();
  const requestIds = (await db.reviewRequest.findMany({ where: { shopId }, select: { id: true } })).map((row) => row.id);
  const counts = await db.$transaction(async (tx) => ({
    reviews: (await tx.review.deleteMany({ where: { shopId } })).count,
    sendAttempts: (await tx.sendAttempt.deleteMany({ where: { shopId } })).count,
    requestedProducts: (await tx.requestedProduct.deleteMany({ where: { shopId } })).count,
    reviewRequests: (await tx.reviewRequest.deleteMany({ where: { shopId } })).count,
    suppressions: (await tx.suppression.deleteMany({ where: { shopId } })).count,
    consentEntries: (await tx.consentEntry.deleteMany({ where: { shopId } })).count,
    dataRequests: (await tx.dataRequest.deleteMany({ where: { shopId } })).count,
    outboxMessages: (await tx.outboxMessage.deleteMany({ where: { shopId } })).count,
    webhookDeliveries: (await tx.webhookDelivery.deleteMany({ where: { shopId } })).count,
    encryptionKeyRotations: (await tx.encryptionKeyRotation.deleteMany({ where: { shopId } })).count,
    auditEntries: (await tx.auditEntry.deleteMany({ where: { shopId } })).count,
    apiKeys: (await tx.apiKey.deleteMany({ where: { shopId } })).count,
    accessReviews: (await tx.accessReview.deleteMany({ where: { shopId } })).count,
    shopSettings: (await tx.shopSettings.deleteMany({ where: { shopId } })).count,
    staffMembers: (await tx.staffMember.deleteMany({ where: { shopId } })).count,
    sessions: (await tx.session.deleteMany({ where: { shop: shopId } })).count,
    shops: (await tx.shop.deleteMany({ where: { id: shopId } })).count,
  }));
  const queuedJobs = await removePendingReviewJobs(shopId, requestIds);
  getLogger().info({ shop: shopId, counts: { ...counts, queuedJobs } }, "shop data redacted");
  return { ...counts, queuedJobs };
}
