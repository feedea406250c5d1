import { UnrecoverableError } from "bullmq";

import type { JobPayload } from "~/modules/queue/define-job";
import { cancelOrderReviewRequests } from "~/modules/review-requests/cancel-order-review-requests.server";
import { cancelRefundedReviewRequests } from "~/modules/review-requests/cancel-refunded-review-requests.server";
import {
  fulfillmentCreatedEventSchema,
  fulfillmentEventSchema,
  orderEventSchema,
  refundEventSchema,
} from "~/modules/review-requests/order-event";
import { rescheduleOnDelivery } from "~/modules/review-requests/reschedule-on-delivery.server";
import { scheduleReviewRequests } from "~/modules/review-requests/schedule-review-requests.server";
import { shipmentFromFulfillmentEvent } from "~/modules/review-requests/shipment-from-fulfillment-event";
import { shipmentFromOrderEvent } from "~/modules/review-requests/shipment-from-order-event";
import { consentUpdateEventSchema, recordShopifyConsentUpdate } from "~/modules/consent/record-shopify-consent-update.server";
import { completeDataRequest } from "~/modules/data-rights/complete-data-request.server";
import { complianceEventSchema } from "~/modules/data-rights/compliance-event";
import { eraseCustomerData } from "~/modules/data-rights/erase-customer-data.server";
import { recordDataRequest } from "~/modules/data-rights/record-data-request.server";
import { redactShop } from "~/modules/data-rights/redact-shop.server";
import { markShopUninstalled } from "~/modules/shops/mark-shop-uninstalled.server";
import { updateGrantedScopes } from "~/modules/shops/update-granted-scopes.server";
import { findWebhookDeliveryToProcess } from "~/modules/webhooks/find-webhook-delivery-to-process.server";
import { markWebhookProcessed } from "~/modules/webhooks/mark-webhook-processed.server";

import type { processWebhookJob } from "./definitions";
import type { JobContext } from "./job-context";

export type { JobContext };

/**
 * Applies a stored webhook event once. The row is the source of truth (the job carries only
 * its id); `processedAt` makes a second run a no-op.
 */
export async function processWebhook(
  payload: JobPayload<typeof processWebhookJob>,
  { logger }: JobContext,
): Promise<string> {
  const delivery = await findWebhookDeliveryToProcess(payload.shop, payload.deliveryId);
  if (!delivery) {
    throw new UnrecoverableError("webhook delivery no longer exists (erased or purged)");
  }
  if (delivery.processedAt) return "already-processed";

  let result = "recorded";
  switch (delivery.topic) {
    case "APP_UNINSTALLED":
      result = await markShopUninstalled(delivery.shopId, delivery.triggeredAt ?? delivery.receivedAt);
      break;
    case "ORDERS_FULFILLED": {
      const order = orderEventSchema.parse(JSON.parse(delivery.event));
      const { scheduled, skipped } = await scheduleReviewRequests(delivery.shopId, shipmentFromOrderEvent(order), delivery.triggeredAt ?? delivery.receivedAt);
      result = skipped ? `skipped:${skipped}` : `scheduled:${scheduled}`;
      break;
    }
    case "FULFILLMENTS_CREATE":
    case "FULFILLMENTS_UPDATE": {
      const event = fulfillmentCreatedEventSchema.parse(JSON.parse(delivery.event));
      const shipment = shipmentFromFulfillmentEvent(event);
      if (!shipment) {
        result = `ignored:${event.status ?? "no-status"}`;
        break;
      }
      const shippedAt = event.createdAt && !Number.isNaN(Date.parse(event.createdAt)) ? new Date(event.createdAt) : delivery.receivedAt;
      const { scheduled, skipped } = await scheduleReviewRequests(delivery.shopId, shipment, shippedAt);
      result = skipped ? `skipped:${skipped}` : `scheduled:${scheduled}`;
      if (event.shipmentStatus === "delivered") {
        result += `,rescheduled:${await rescheduleOnDelivery(delivery.shopId, event.orderId, delivery.triggeredAt ?? delivery.receivedAt)}`;
      }
      break;
    }
    case "REFUNDS_CREATE": {
      const refund = refundEventSchema.parse(JSON.parse(delivery.event));
      result = `cancelled:${await cancelRefundedReviewRequests(delivery.shopId, refund)}`;
      break;
    }
    case "ORDERS_CANCELLED": {
      const order = orderEventSchema.parse(JSON.parse(delivery.event));
      result = `cancelled:${await cancelOrderReviewRequests(delivery.shopId, order.orderId, "order_cancelled")}`;
      break;
    }
    case "FULFILLMENT_EVENTS_CREATE": {
      const event = fulfillmentEventSchema.parse(JSON.parse(delivery.event));
      if (event.status !== "delivered") {
        result = `ignored:${event.status ?? "no-status"}`;
        break;
      }
      const deliveredAt = event.happenedAt && !Number.isNaN(Date.parse(event.happenedAt)) ? new Date(event.happenedAt) : delivery.receivedAt;
      result = `rescheduled:${await rescheduleOnDelivery(delivery.shopId, event.orderId, deliveredAt)}`;
      break;
    }
    case "CUSTOMERS_DATA_REQUEST": {
      const event = complianceEventSchema.parse(JSON.parse(delivery.event));
      const entry = await recordDataRequest(delivery.shopId, event, {
        kind: "access",
        source: "shopify_webhook",
        requestedBy: "shopify",
        shopifyRequestId: event.dataRequestId,
        receivedAt: delivery.triggeredAt ?? delivery.receivedAt,
      });
      result = entry.created ? "data-request:recorded" : "data-request:known";
      break;
    }
    case "CUSTOMERS_REDACT": {
      const event = complianceEventSchema.parse(JSON.parse(delivery.event));
      const entry = await recordDataRequest(delivery.shopId, event, {
        kind: "erasure",
        source: "shopify_webhook",
        requestedBy: "shopify",
        receivedAt: delivery.triggeredAt ?? delivery.receivedAt,
      });
      // One transaction; a crash before it commits leaves everything for the retry to redo.
      const receipt = await eraseCustomerData(delivery.shopId, event, { requestedBy: "shopify", keepDeliveryId: delivery.id });
      await completeDataRequest(delivery.shopId, entry.id, receipt);
      result = `erased:${receipt.counts.reviewRequests}`;
      break;
    }
    case "SHOP_REDACT": {
      const counts = await redactShop(delivery.shopId);
      result = `shop-redacted:${Object.values(counts).reduce((total, count) => total + count, 0)}`;
      // The delivery row itself went with the shop's data.
      logger.info({ topic: delivery.topic, result }, "webhook processed");
      return result;
    }
    case "CUSTOMERS_EMAIL_MARKETING_CONSENT_UPDATE": {
      const event = consentUpdateEventSchema.parse(JSON.parse(delivery.event));
      result = `consent:${await recordShopifyConsentUpdate(delivery.shopId, event, { id: delivery.id, sentAt: delivery.triggeredAt ?? delivery.receivedAt })}`;
      break;
    }
    case "APP_SCOPES_UPDATE":
      result = await updateGrantedScopes(delivery.shopId, (JSON.parse(delivery.event) as { scopes: string[] }).scopes);
      break;
    default:
      // Topics whose effects later features add (sending, consent, data requests) are kept
      // as minimised events until those handlers exist.
      break;
  }

  await markWebhookProcessed(delivery.shopId, delivery.id);
  logger.info({ topic: delivery.topic, result }, "webhook processed");
  return result;
}
