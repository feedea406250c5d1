import { randomUUID } from "node:crypto";

import { getDb } from "~/db.server";
import { getEnv } from "~/modules/config/get-env.server";
import { encryptSecret } from "~/modules/crypto/encrypt-secret.server";
import { getLogger } from "~/modules/observability/logger.server";
import { removePendingReviewJobs } from "~/modules/review-requests/remove-pending-review-jobs.server";
import { getShopSettings } from "~/modules/settings/get-shop-settings.server";

import type { CustomerTarget } from "./customer-target";
import { findCustomerRecords } from "./find-customer-records.server";

/** What an erasure removed, in counts: the proof it happened, holding no personal data. */
export interface ErasureReceipt {
  erasedAt: string;
  requestedBy: string;
  counts: {
    reviewRequests: number;
    requestedProducts: number;
    sendAttempts: number;
    reviewsDeleted: number;
    reviewsAnonymised: number;
    webhookDeliveries: number;
    outboxMessages: number;
    consentEntries: number;
    queuedJobs: number;
  };
  /** A suppression entry (blind indexes only) stops replayed webhooks bringing the customer back. */
  suppressionAdded: boolean;
}

/** Shown instead of the reviewer's chosen name once it is erased (kept reviews only). */
export const ANONYMISED_DISPLAY_NAME = "Verified buyer";

/**
 * Removes or anonymises every record of one customer in one transaction — review requests and
 * everything linked to them, reviews (per the shop's setting), consent ledger entries, webhook
 * deliveries and outbox messages naming them — adds a suppression entry, then takes their jobs out of the queue.
 * Safe to repeat: a second run finds nothing and returns zero counts.
 */
export async function eraseCustomerData(
  shopId: string,
  target: CustomerTarget,
  options: { requestedBy: string; keepDeliveryId?: string },
): Promise<ErasureReceipt> {
  const db = getDb();
  const settings = await getShopSettings(shopId);
  const records = await findCustomerRecords(shopId, target);
  const requestIds = records.reviewRequests.map((request) => request.id);
  const now = new Date();
  const anonymise = settings.reviewsOnErasure === "anonymise";

  const counts = await db.$transaction(async (tx) => {
    const requestedProducts = await tx.requestedProduct.deleteMany({ where: { shopId, reviewRequestId: { in: requestIds } } });
    const sendAttempts = await tx.sendAttempt.deleteMany({ where: { shopId, reviewRequestId: { in: requestIds } } });
    let reviewsDeleted = 0;
    let reviewsAnonymised = 0;
    if (anonymise) {
      // The review stays (rating, title, text) but no longer leads to a person or an order.
      for (const review of records.reviews) {
        await tx.review.updateMany({
          where: { id: review.id, shopId },
          data: {
            displayName: encryptSecret(ANONYMISED_DISPLAY_NAME, getEnv().ENCRYPTION_KEYS, { table: "Review", column: "displayName", rowId: review.id }),
            orderId: "erased",
            reviewRequestId: `erased-${review.id}`,
          },
        });
        reviewsAnonymised += 1;
      }
    } else {
      reviewsDeleted = (await tx.review.deleteMany({ where: { shopId, id: { in: records.reviews.map((review) => review.id) } } })).count;
    }
    const outboxMessages = await tx.outboxMessage.deleteMany({ where: { shopId, id: { in: records.outboxMessages.map((message) => message.id) } } });
    // Their WebhookDeliveryOrder rows go with them (ON DELETE CASCADE).
    const webhookDeliveries = await tx.webhookDelivery.deleteMany({
      where: { shopId, id: { in: records.webhookDeliveries.map((delivery) => delivery.id).filter((id) => id !== options.keepDeliveryId) } },
    });
    const reviewRequests = await tx.reviewRequest.deleteMany({ where: { shopId, id: { in: requestIds } } });
    const consentEntries = await tx.consentEntry.deleteMany({ where: { shopId, id: { in: records.consentEntries.map((entry) => entry.id) } } });
    if (target.customerRef || target.emailRef) {
      const existing = await tx.suppression.findFirst({
        where: { shopId, customerRef: target.customerRef, emailRef: target.emailRef, source: "erasure" },
        select: { id: true },
      });
      if (!existing) {
        await tx.suppression.create({
          data: {
            id: randomUUID(),
            shopId,
            customerRef: target.customerRef,
            emailRef: target.emailRef,
            source: "erasure",
            appliesToOrdersBefore: settings.askAgainAfterErasure ? now : null,
          },
        });
      }
    }
    return {
      reviewRequests: reviewRequests.count,
      requestedProducts: requestedProducts.count,
      sendAttempts: sendAttempts.count,
      reviewsDeleted,
      reviewsAnonymised,
      webhookDeliveries: webhookDeliveries.count,
      outboxMessages: outboxMessages.count,
      consentEntries: consentEntries.count,
    };
  });

  const queuedJobs = await removePendingReviewJobs(shopId, requestIds);
  const receipt: ErasureReceipt = {
    erasedAt: now.toISOString(),
    requestedBy: options.requestedBy,
    counts: { ...counts, queuedJobs },
    suppressionAdded: Boolean(target.customerRef || target.emailRef),
  };
  getLogger().info({ shop: shopId, counts: receipt.counts }, "customer data erased");
  return receipt;
}
