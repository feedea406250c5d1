import { findRowsByShopAndId } from "~/db/find-rows-by-shop-and-id.server";
import { timestampFromDb } from "~/db/sql-timestamps";
import { createBatcher } from "~/modules/runtime/create-batcher";

/** What processing a stored webhook event needs of its row. */
export interface WebhookDeliveryToProcess {
  id: string;
  shopId: string;
  topic: string;
  triggeredAt: Date | null;
  receivedAt: Date;
  /** JSON of the minimised event. */
  event: string;
  processedAt: Date | null;
}

interface DeliveryToFind {
  shopId: string;
  id: string;
}

const POSTGRES_SELECT = `SELECT d."id", d."shopId", d."topic", d."event",
    d."triggeredAt" AT TIME ZONE 'UTC' AS "triggeredAt", d."receivedAt" AT TIME ZONE 'UTC' AS "receivedAt",
    d."processedAt" AT TIME ZONE 'UTC' AS "processedAt"
  FROM "WebhookDelivery" d
  JOIN unnest($1::text[], $2::text[]) AS wanted ("shopId", "id") ON d."shopId" = wanted."shopId" AND d."id" = wanted."id"`;
const SQLITE_SELECT = `SELECT "id", "shopId", "topic", "event", "triggeredAt", "receivedAt", "processedAt"
  FROM "WebhookDelivery" WHERE "shopId" = ? AND "id" = ?`;

type Row = Omit<WebhookDeliveryToProcess, "triggeredAt" | "receivedAt" | "processedAt"> & Record<"triggeredAt" | "receivedAt" | "processedAt", unknown>;

/** One statement for every delivery the jobs in flight process, each matched on shop and id together. */
function findDeliveries(entries: readonly DeliveryToFind[]): Promise<Array<WebhookDeliveryToProcess | null>> {
  return findRowsByShopAndId(
    { name: "candor-find-webhook-deliveries", postgres: POSTGRES_SELECT, sqlite: SQLITE_SELECT },
    entries,
    (row: Row): WebhookDeliveryToProcess => ({
      ...row,
      triggeredAt: timestampFromDb(row.triggeredAt),
      receivedAt: timestampFromDb(row.receivedAt)!,
      processedAt: timestampFromDb(row.processedAt),
    }),
  );
}

const findInBatch = createBatcher(findDeliveries, { maxBatch: 100 });

/**
 * The stored webhook event a process-webhook job is about, in its shop; null when it is gone
 * (erased or purged). Jobs in flight at the same time share one fixed read (`getBatchSql`):
 * it is paid once per order at volume.
 */
export function findWebhookDeliveryToProcess(shopId: string, id: string): Promise<WebhookDeliveryToProcess | null> {
  return findInBatch({ shopId, id });
}
