import { getBatchSql } from "~/db/get-batch-sql.server";
import { postgresTimestamp, sqliteTimestamp } from "~/db/sql-timestamps";
import { createGroupCommit } from "~/modules/runtime/create-group-commit";

const POSTGRES_MARK = `UPDATE "WebhookDelivery" d SET "processedAt" = $3::timestamp(3)
  FROM unnest($1::text[], $2::text[]) AS done ("shopId", "id")
  WHERE d."shopId" = done."shopId" AND d."id" = done."id" AND d."processedAt" IS NULL`;
const SQLITE_MARK = `UPDATE "WebhookDelivery" SET "processedAt" = ? WHERE "shopId" = ? AND "id" = ? AND "processedAt" IS NULL`;

/** One statement for the group (`getBatchSql`), each delivery matched on its shop and id together. */
const markProcessed = createGroupCommit<{ shopId: string; deliveryId: string }>(async (deliveries) => {
  const now = new Date();
  const sql = getBatchSql();
  if (sql.dialect === "postgresql") {
    await sql.pool.query({
      name: "candor-mark-webhooks-processed",
      text: POSTGRES_MARK,
      values: [deliveries.map((delivery) => delivery.shopId), deliveries.map((delivery) => delivery.deliveryId), postgresTimestamp(now)],
    });
    return;
  }
  await sql.db.$transaction(async (tx) => {
    for (const delivery of deliveries) await tx.$executeRawUnsafe(SQLITE_MARK, sqliteTimestamp(now), delivery.shopId, delivery.deliveryId);
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
