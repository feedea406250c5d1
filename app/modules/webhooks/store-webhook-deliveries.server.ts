import type { Db, DatabaseDialect } from "~/db.server";

export interface NewWebhookDelivery {
  id: string;
  shopId: string;
  webhookId: string;
  topic: string;
  apiVersion: string | null;
  triggeredAt: Date | null;
  receivedAt: Date;
  /** JSON of the minimised event. */
  event: string;
  outbox: { jobName: string; payload: string };
}

const DELIVERY_COLUMNS = ["id", "shopId", "webhookId", "topic", "apiVersion", "triggeredAt", "receivedAt", "event"] as const;
const OUTBOX_COLUMNS = ["id", "shopId", "jobName", "payload", "createdAt", "attempts"] as const;

const quoted = (columns: readonly string[]) => columns.map((column) => `"${column}"`).join(", ");

function valuesClause(dialect: DatabaseDialect, rows: number, columns: number): string {
  let next = 1;
  const row = () => `(${Array.from({ length: columns }, () => (dialect === "postgresql" ? `$${next++}` : "?")).join(", ")})`;
  return Array.from({ length: rows }, row).join(", ");
}

const deliveryParameters = (delivery: NewWebhookDelivery) => [
  delivery.id,
  delivery.shopId,
  delivery.webhookId,
  delivery.topic,
  delivery.apiVersion,
  delivery.triggeredAt,
  delivery.receivedAt,
  delivery.event,
];

const insertDeliveries = (dialect: DatabaseDialect, count: number, returning: readonly string[]) =>
  `INSERT INTO "WebhookDelivery" (${quoted(DELIVERY_COLUMNS)}) VALUES ${valuesClause(dialect, count, DELIVERY_COLUMNS.length)}
   ON CONFLICT ("shopId", "webhookId") DO NOTHING RETURNING ${quoted(returning)}`;

/**
 * PostgreSQL: one statement (one round trip, atomic on its own) inserts the new deliveries
 * and, from exactly the rows that were inserted, their outbox messages.
 */
async function storeOnPostgres(db: Db, deliveries: NewWebhookDelivery[], relayedIds: string[]): Promise<Set<string>> {
  let next = deliveries.length * DELIVERY_COLUMNS.length + 1;
  const owedValues = deliveries.map(() => `($${next++}::text, $${next++}::text, $${next++}::text)`).join(", ");
  const relayedParameter = next;
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `WITH inserted AS (${insertDeliveries("postgresql", deliveries.length, ["id", "shopId", "receivedAt"])}),
          owed ("id", "jobName", "payload") AS (VALUES ${owedValues}),
          relayed AS (UPDATE "OutboxMessage" SET "relayedAt" = now()
                      WHERE "id" = ANY($${relayedParameter}::text[]) AND "relayedAt" IS NULL)
     INSERT INTO "OutboxMessage" (${quoted(OUTBOX_COLUMNS)})
     SELECT inserted."id", inserted."shopId", owed."jobName", owed."payload", inserted."receivedAt", 0
     FROM inserted JOIN owed ON owed."id" = inserted."id"
     RETURNING "id"`,
    ...deliveries.flatMap(deliveryParameters),
    ...deliveries.flatMap((delivery) => [delivery.id, delivery.outbox.jobName, delivery.outbox.payload]),
    relayedIds,
  );
  return new Set(rows.map((row) => row.id));
}

/**
 * SQLite has no data-changing CTEs: two statements in one (non-interactive) transaction. The
 * outbox rows are taken from the deliveries that exist under the fresh ids just written, so a
 * duplicate delivery, whose fresh id was never inserted, gets no outbox message.
 */
async function storeOnSqlite(db: Db, deliveries: NewWebhookDelivery[], relayedIds: string[]): Promise<Set<string>> {
  const owedValues = deliveries.map(() => "(?, ?, ?)").join(", ");
  const markRelayed =
    relayedIds.length > 0
      ? [
          db.$executeRawUnsafe(
            `UPDATE "OutboxMessage" SET "relayedAt" = ? WHERE "relayedAt" IS NULL AND "id" IN (${relayedIds.map(() => "?").join(", ")})`,
            new Date(),
            ...relayedIds,
          ),
        ]
      : [];
  const [inserted] = await db.$transaction([
    db.$queryRawUnsafe<{ id: string }[]>(
      insertDeliveries("sqlite", deliveries.length, ["id"]),
      ...deliveries.flatMap(deliveryParameters),
    ),
    db.$executeRawUnsafe(
      `WITH owed ("id", "jobName", "payload") AS (VALUES ${owedValues})
       INSERT INTO "OutboxMessage" (${quoted(OUTBOX_COLUMNS)})
       SELECT delivery."id", delivery."shopId", owed."jobName", owed."payload", delivery."receivedAt", 0
       FROM owed JOIN "WebhookDelivery" delivery ON delivery."id" = owed."id"`,
      ...deliveries.flatMap((delivery) => [delivery.id, delivery.outbox.jobName, delivery.outbox.payload]),
    ),
    ...markRelayed,
  ]);
  return new Set(inserted.map((row) => row.id));
}

/**
 * Writes a batch of deliveries and their outbox messages atomically (group commit: concurrent
 * webhooks share one durable write). A delivery whose (shop, webhook id) is already stored is
 * skipped, and so is its outbox message. The same commit marks `relayedIds` (messages of
 * earlier batches that reached the queue) as relayed, so that bookkeeping costs no commit of
 * its own. Returns the ids written.
 */
export async function storeWebhookDeliveries(
  db: Db,
  dialect: DatabaseDialect,
  deliveries: NewWebhookDelivery[],
  relayedIds: string[] = [],
): Promise<Set<string>> {
  if (deliveries.length === 0) return new Set();
  return dialect === "postgresql"
    ? storeOnPostgres(db, deliveries, relayedIds)
    : storeOnSqlite(db, deliveries, relayedIds);
}
