import { UnrecoverableError } from "bullmq";
import type { Logger } from "pino";

import { getDb } from "~/db.server";
import type { JobPayload } from "~/modules/queue/define-job";
import { markShopUninstalled } from "~/modules/shops/mark-shop-uninstalled.server";
import { updateGrantedScopes } from "~/modules/shops/update-granted-scopes.server";

import type { processWebhookJob } from "./definitions";

export interface JobContext {
  logger: Logger;
  attempt: number;
}

/**
 * Applies a stored webhook event once. The row is the source of truth (the job carries only
 * its id); `processedAt` makes a second run a no-op.
 */
export async function processWebhook(
  payload: JobPayload<typeof processWebhookJob>,
  { logger }: JobContext,
): Promise<string> {
  const db = getDb();
  const delivery = await db.webhookDelivery.findFirst({
    where: { id: payload.deliveryId, shopId: payload.shop },
  });
  if (!delivery) {
    throw new UnrecoverableError("webhook delivery no longer exists (erased or purged)");
  }
  if (delivery.processedAt) return "already-processed";

  let result = "recorded";
  switch (delivery.topic) {
    case "APP_UNINSTALLED":
      result = await markShopUninstalled(delivery.shopId, delivery.triggeredAt ?? delivery.receivedAt);
      break;
    case "APP_SCOPES_UPDATE":
      result = await updateGrantedScopes(delivery.shopId, (JSON.parse(delivery.event) as { scopes: string[] }).scopes);
      break;
    default:
      // Topics whose effects later features add (review requests, consent, data requests)
      // are kept as minimised events until those handlers exist.
      break;
  }

  await db.webhookDelivery.updateMany({
    where: { id: delivery.id, shopId: delivery.shopId, processedAt: null },
    data: { processedAt: new Date() },
  });
  logger.info({ topic: delivery.topic, result }, "webhook processed");
  return result;
}
