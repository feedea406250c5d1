import { getDb } from "~/db.server";
import { reviewEmailJobId } from "~/jobs/definitions";
import { matchCustomerRefs } from "~/modules/consent/customer-refs";

import type { CustomerTarget } from "./customer-target";

/**
 * The ids of every database row that belongs to one customer of one shop: their review
 * requests (by blind index or named order) and everything hanging off them, suppression
 * entries, consent ledger entries, data requests, and the webhook deliveries and outbox messages that mention them.
 */
export async function findCustomerRecords(shopId: string, target: CustomerTarget) {
  const db = getDb();
  const byRefs = matchCustomerRefs(target);
  const requestMatch = [...byRefs, ...(target.orderIds.length > 0 ? [{ orderId: { in: target.orderIds } }] : [])];
  const reviewRequests =
    requestMatch.length === 0 ? [] : await db.reviewRequest.findMany({ where: { shopId, OR: requestMatch }, orderBy: { createdAt: "asc" } });
  const requestIds = reviewRequests.map((request) => request.id);
  const orderIds = [...new Set([...target.orderIds, ...reviewRequests.map((request) => request.orderId)])];

  const [requestedProducts, sendAttempts, reviews, suppressions, consentEntries, dataRequests, outboxMessages] = await Promise.all([
    db.requestedProduct.findMany({ where: { shopId, reviewRequestId: { in: requestIds } } }),
    db.sendAttempt.findMany({ where: { shopId, reviewRequestId: { in: requestIds } }, orderBy: { startedAt: "asc" } }),
    db.review.findMany({ where: { shopId, reviewRequestId: { in: requestIds } } }),
    byRefs.length === 0 ? [] : db.suppression.findMany({ where: { shopId, OR: byRefs } }),
    byRefs.length === 0 ? [] : db.consentEntry.findMany({ where: { shopId, OR: byRefs }, orderBy: [{ occurredAt: "asc" }, { recordedAt: "asc" }] }),
    byRefs.length === 0 ? [] : db.dataRequest.findMany({ where: { shopId, OR: byRefs }, orderBy: { receivedAt: "asc" } }),
    db.outboxMessage.findMany({
      where: { shopId, id: { in: requestIds.flatMap((id) => [reviewEmailJobId("request", id), reviewEmailJobId("reminder", id)]) } },
    }),
  ]);
  // Minimised webhook events name the customer by the same blind indexes and the order by GID.
  const mentions = [target.customerRef, target.emailRef, ...orderIds].filter((value): value is string => Boolean(value));
  const webhookDeliveries =
    mentions.length === 0
      ? []
      : await db.webhookDelivery.findMany({
          where: { shopId, OR: mentions.map((value) => ({ event: { contains: `"${value}"` } })) },
          select: { id: true, topic: true, receivedAt: true, processedAt: true },
        });
  return { reviewRequests, requestedProducts, sendAttempts, reviews, suppressions, consentEntries, dataRequests, outboxMessages, webhookDeliveries };
}

export type CustomerRecords = Awaited<ReturnType<typeof findCustomerRecords>>;
