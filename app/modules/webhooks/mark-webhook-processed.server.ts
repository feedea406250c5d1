import { getDirectConnection } from "~/db/direct-connection.server";
import { prepareSqliteStatement } from "~/db/prepare-sqlite-statement";
import { postgresTimestamp, sqliteTimestamp } from "~/db/sql-timestamps";
import { createGroupCommit } from "~/modules/runtime/create-group-commit";

const POSTGRES_MARK = `UPDATE "WebhookDelivery" d SET "processedAt" = $3::timestamp(3)
  FROM unnest($1::text[], $2::text[]) AS done ("shopId", "id")
  WHERE d."shopId" = done."shopId" AND d."id" = done."id" AND d."processedAt" IS NULL`;
const SQLITE_MARK = `UPDATE "WebhookDelivery" SET "processedAt" = ? WHERE "shopId" = ? AND "id" = ? AND "processedAt" IS NULL`;

/** One statement for the group, each delivery matched on its shop and id together, on the plain driver connection. */
const markProcessed = createGroupCommit<{ shopId: string; deliveryId: string }>(async (deliveries) => {
  const now = new Date();
  const connection = getDirectConnection();
  if (connection.dialect === "postgresql") {
    await connection.pool.query({
      name: "candor-mark-webhooks-processed",
      text: POSTGRES_MARK,
      values: [deliveries.map((delivery) => delivery.shopId), deliveries.map((delivery) => delivery.deliveryId), postgresTimestamp(now)],
    });
    return;
  }
  const mark = prepareSqliteStatement(connection.sqlite, SQLITE_MARK);
  connection.sqlite.transaction(() => {
    for (const delivery of deliveries) mark.run(sqliteTimestamp(now), delivery.shopId, delivery.deliveryId);
  })();
});

/**
 * Records that a delivery's effects are applied, so a replay of its job changes nothing. The
 * deliveries of jobs finishing together share one UPDATE (a group commit); the promise
 * settles once this one is written.
 */
export function markWebhookProcessed(shopId: string, deliveryId: string): Promise<void> {
  return markProcessed([{ shopId, deliveryId }]);
}
