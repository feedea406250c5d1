import { randomUUID } from "node:crypto";

import { getDb } from "~/db.server";
import { reviewEmailJobId, sendReviewRequestJob } from "~/jobs/definitions";
import { isCustomerSuppressed } from "~/modules/consent/is-customer-suppressed.server";
import { matchCustomerRefs } from "~/modules/consent/customer-refs";
import { dispatchOutboxMessages, type OutboxMessageToDispatch } from "~/modules/outbox/dispatch-outbox-messages.server";
import { jobNameFor } from "~/modules/queue/define-job";
import { getJobProducer } from "~/modules/queue/get-job-producer.server";
import { createReviewLink } from "~/modules/review-links/create-review-link.server";
import { getCachedShopSettings } from "~/modules/settings/get-cached-shop-settings.server";

import { planReviewRequests, type SkipReason } from "./plan-review-requests";
import type { Shipment } from "./shipment";

const DAY_MS = 24 * 3_600_000;
const ACTIVE_STATUSES = ["scheduled", "sending", "sent"];

/**
 * Records the review requests a shipment calls for, each with its delayed send job written
 * to the outbox in the same transaction. Safe to run twice and against concurrent events of
 * the same order: a product is requested at most once per order (a unique key), so a replay
 * or an `orders/fulfilled` after its `fulfillments/create` adds nothing.
 */
export async function scheduleReviewRequests(
  shopId: string,
  shipment: Shipment,
  fulfilledAt: Date,
): Promise<{ scheduled: number; skipped: SkipReason | null }> {
  const db = getDb();
  const settings = await getCachedShopSettings(shopId);
  if (await isCustomerSuppressed(shopId, shipment, shipment.orderPlacedAt)) return { scheduled: 0, skipped: "suppressed" };

  const alreadyRequested = new Set(
    (await db.requestedProduct.findMany({ where: { shopId, orderId: shipment.orderId }, select: { productId: true } })).map((row) => row.productId),
  );
  const sameCustomer = matchCustomerRefs(shipment);
  if (sameCustomer.length > 0) {
    // At most one request per customer and product, across orders.
    const earlier = await db.reviewRequest.findMany({
      where: { shopId, OR: sameCustomer, status: { in: ACTIVE_STATUSES } },
      select: { productIds: true },
    });
    for (const row of earlier) for (const productId of JSON.parse(row.productIds) as string[]) alreadyRequested.add(productId);
  }

  const plan = planReviewRequests(shipment, settings, fulfilledAt, alreadyRequested);
  if (plan.kind === "skip") return { scheduled: 0, skipped: plan.reason };

  const rows = await Promise.all(
    plan.requests.map(async (request) => {
      const id = randomUUID();
      // A late event can be due already: the link's validity starts no earlier than now.
      const validFrom = Math.max(request.dueAt.getTime(), Date.now());
      const reviewLink = await createReviewLink(shopId, id, new Date(validFrom + settings.reviewLinkValidDays * DAY_MS));
      const payload = { shop: shopId, orderId: shipment.orderId, productIds: request.productIds, reviewLink };
      return { id, request, outbox: { id: reviewEmailJobId("request", id), payload: JSON.stringify(sendReviewRequestJob.payload.parse(payload)) } };
    }),
  );

  // A concurrent event of the same order that claimed one of these products first makes this
  // transaction fail on the unique key; the job is retried and then plans only what is left.
  await db.$transaction(
    rows.flatMap(({ id, request, outbox }) => [
      db.reviewRequest.create({
        data: {
          id,
          shopId,
          orderId: shipment.orderId,
          groupKey: request.groupKey,
          productIds: JSON.stringify(request.productIds),
          customerRef: shipment.customerRef,
          emailRef: shipment.emailRef,
          status: "scheduled",
          dueAt: request.dueAt,
        },
      }),
      db.requestedProduct.createMany({
        data: request.productIds.map((productId) => ({ id: randomUUID(), shopId, orderId: shipment.orderId, productId, reviewRequestId: id })),
      }),
      db.outboxMessage.create({
        data: { id: outbox.id, shopId, jobName: jobNameFor(sendReviewRequestJob), payload: outbox.payload, availableAt: request.dueAt },
      }),
    ]),
  );

  const messages: OutboxMessageToDispatch[] = rows.map(({ request, outbox }) => ({
    id: outbox.id,
    shopId,
    jobName: jobNameFor(sendReviewRequestJob),
    payload: outbox.payload,
    availableAt: request.dueAt,
  }));
  await dispatchOutboxMessages(db, getJobProducer(), messages);
  return { scheduled: rows.length, skipped: null };
}
