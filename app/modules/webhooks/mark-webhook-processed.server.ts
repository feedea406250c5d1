import { getDb } from "~/db.server";
import { createGroupCommit } from "~/modules/runtime/create-group-commit";

/**
 * One clause per shop, its ids as one list: the statement's shape then depends on how many
 * shops the group spans, not on how many deliveries, so the ORM compiles and keeps a handful
 * of query plans rather than one per group size.
 */
const markProcessed = createGroupCommit<{ shopId: string; deliveryId: string }>((deliveries) => {
  const idsByShop = new Map<string, string[]>();
  for (const { shopId, deliveryId } of deliveries) {
    const ids = idsByShop.get(shopId) ?? [];
    ids.push(deliveryId);
    idsByShop.set(shopId, ids);
  }
  return getDb().webhookDelivery.updateMany({
    where: { processedAt: null, OR: [...idsByShop].map(([shopId, ids]) => ({ shopId, id: { in: ids } })) },
    data: { processedAt: new Date() },
  });
});

/**
 * Records that a delivery's effects are applied, so a replay of its job changes nothing. The
 * deliveries of jobs finishing together share one UPDATE (a group commit); the promise
 * settles once this one is written.
 */
export function markWebhookProcessed(shopId: string, deliveryId: string): Promise<void> {
  return markProcessed([{ shopId, deliveryId }]);
}
