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

  const [requestedProducts, sendAttempts, reviews, suppressions, consentEntries, dataRequests, outboxMessages, webhookDeliveries] = await Promise.all([
    db.requestedProduct.findMany({ where: { shopId, reviewRequestId: { in: requestIds } } }),
    db.sendAttempt.findMany({ where: { shopId, reviewRequestId: { in: requestIds } }, orderBy: { startedAt: "asc" } }),
    db.review.findMany({ where: { shopId, reviewRequestId: { in: requestIds } } }),
    byRefs.length === 0 ? [] : db.suppression.findMany({ where: { shopId, OR: byRefs } }),
    byRefs.length === 0 ? [] : db.consentEntry.findMany({ where: { shopId, OR: byRefs }, orderBy: [{ occurredAt: "asc" }, { recordedAt: "asc" }] }),
    byRefs.length === 0 ? [] : db.dataRequest.findMany({ where: { shopId, OR: byRefs }, orderBy: { receivedAt: "asc" } }),
    db.outboxMessage.findMany({
      where: { shopId, id: { in: requestIds.flatMap((id) => [reviewEmailJobId("request", id), reviewEmailJobId("reminder", id)]) } },
    }),
    findWebhookDeliveries(shopId, byRefs, orderIds),
  ]);
  return { reviewRequests, requestedProducts, sendAttempts, reviews, suppressions, consentEntries, dataRequests, outboxMessages, webhookDeliveries };
}

/**
 * Deliveries carry the blind indexes their minimised event names, and the orders it names in
 * WebhookDeliveryOrder (a compliance request lists several), both indexed by shop. Two lookups
 * rather than one `OR … IN (subquery)`, which PostgreSQL can only answer by scanning.
 */
async function findWebhookDeliveries(shopId: string, byRefs: ReturnType<typeof matchCustomerRefs>, orderIds: string[]) {
  const db = getDb();
  const byOrder =
    orderIds.length === 0
      ? []
      : await db.webhookDeliveryOrder.findMany({ where: { shopId, orderId: { in: orderIds } }, select: { webhookDeliveryId: true } });
  const match = [...byRefs, ...(byOrder.length > 0 ? [{ id: { in: [...new Set(byOrder.map((row) => row.webhookDeliveryId))] } }] : [])];
  if (match.length === 0) return [];
  return db.webhookDelivery.findMany({ where: { shopId, OR: match }, select: { id: true, topic: true, receivedAt: true, processedAt: true } });
}

export type CustomerRecords = Awaited<ReturnType<typeof findCustomerRecords>>;
