import { createBatcher } from "~/modules/runtime/create-batcher";

import { scheduleReviewRequestBatch, type ScheduleOutcome, type ShipmentToSchedule } from "./schedule-review-request-batch.server";
import type { Shipment } from "./shipment";

/** Enough to amortise the statements over many orders, small enough to keep each transaction short. */
const MAX_SHIPMENTS_PER_BATCH = 100;

const scheduleInBatch = createBatcher<ShipmentToSchedule, ScheduleOutcome>(scheduleReviewRequestBatch, { maxBatch: MAX_SHIPMENTS_PER_BATCH });

/**
 * Records the review requests a shipment calls for, each with its delayed send job written
 * to the outbox in the same transaction. Shipments of webhooks processed at the same time
 * (of any shop) are planned and written together (`scheduleReviewRequestBatch`); a batch that
 * fails is redone one shipment at a time, so only the failing one's job is retried. Safe to
 * run twice and against concurrent events of the same order: a product is requested at most
 * once per order (a unique key), so a replay or an `orders/fulfilled` after its
 * `fulfillments/create` adds nothing.
 */
export function scheduleReviewRequests(
  shopId: string,
  shipment: Shipment,
  fulfilledAt: Date,
): Promise<ScheduleOutcome> {
  return scheduleInBatch({ shopId, shipment, fulfilledAt });
}
