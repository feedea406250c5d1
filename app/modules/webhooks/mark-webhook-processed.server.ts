import { getDb } from "~/db.server";
import { createGroupCommit } from "~/modules/runtime/create-group-commit";

const markProcessed = createGroupCommit<{ shopId: string; deliveryId: string }>((deliveries) =>
  getDb().webhookDelivery.updateMany({
    where: { processedAt: null, OR: deliveries.map(({ shopId, deliveryId }) => ({ id: deliveryId, shopId })) },
    data: { processedAt: new Date() },
  }),
);

/**
 * Records that a delivery's effects are applied, so a replay of its job changes nothing. The
 * deliveries of jobs finishing together share one UPDATE (a group commit); the promise
 * settles once this one is written.
 */
export function markWebhookProcessed(shopId: string, deliveryId: string): Promise<void> {
  return markProcessed([{ shopId, deliveryId }]);
}
