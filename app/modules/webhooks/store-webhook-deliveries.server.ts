import type { DirectConnection } from "~/db/direct-connection.server";
import { postgresTimestamp, sqliteTimestamp } from "~/db/sql-timestamps";

import type { WebhookEventMentions } from "./list-webhook-event-mentions";

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
  /** Whom the event names (`listWebhookEventMentions`), stored beside it for lookups by customer. */
  mentions: WebhookEventMentions;
  outbox: { jobName: string; payload: string };
}

const DELIVERY_COLUMNS = ["id", "shopId", "webhookId", "topic", "apiVersion", "triggeredAt", "receivedAt", "event", "customerRef", "emailRef"] as const;
const ORDER_COLUMNS = ["shopId", "webhookDeliveryId", "orderId", "receivedAt"] as const;
const OUTBOX_COLUMNS = ["id", "shopId", "jobName", "payload", "createdAt", "attempts"] as const;

const quoted = (columns: readonly string[]) => columns.map((column) => `"${column}"`).join(", ");

function placeholders(dialect: DirectConnection["dialect"], rows: number, columns: number, first = 1): string {
  let next = first;
  const row = () => `(${Array.from({ length: columns }, () => (dialect === "postgresql" ? `$${next++}` : "?")).join(", ")})`;
  return Array.from({ length: rows }, row).join(", ");
}

function insertDeliveries(dialect: DirectConnection["dialect"], count: number, returning: readonly string[]): string {
  return `INSERT INTO "WebhookDelivery" (${quoted(DELIVERY_COLUMNS)}) VALUES ${placeholders(dialect, count, DELIVERY_COLUMNS.length)}
   ON CONFLICT ("shopId", "webhookId") DO NOTHING RETURNING ${quoted(returning)}`;
}

function deliveryParameters(delivery: NewWebhookDelivery, timestamp: (date: Date | null) => string | null) {
  return [
    delivery.id,
    delivery.shopId,
    delivery.webhookId,
    delivery.topic,
    delivery.apiVersion,
    timestamp(delivery.triggeredAt),
    timestamp(delivery.receivedAt),
    delivery.event,
    delivery.mentions.customerRef,
    delivery.mentions.emailRef,
  ];
}

/** One row per order each delivery names. */
const orderRows = (deliveries: NewWebhookDelivery[]) =>
  deliveries.flatMap((delivery) => delivery.mentions.orderIds.map((orderId) => ({ delivery, orderId })));

/**
 * PostgreSQL: one statement (one round trip, atomic on its own) inserts the new deliveries,
 * the orders they name and their outbox messages — only for the rows actually inserted — and
 * the relayed marks.
 */
async function storeOnPostgres(pool: import("pg").Pool, deliveries: NewWebhookDelivery[], relayedIds: string[]): Promise<Set<string>> {
  let next = deliveries.length * DELIVERY_COLUMNS.length + 1;
  const owedValues = deliveries.map(() => `($${next++}::text, $${next++}::text, $${next++}::text)`).join(", ");
  const relayedAt = next++;
  const relayed = next++;
  const namedDeliveries = next++;
  const namedOrders = next++;
  const orders = orderRows(deliveries);
  const { rows } = await pool.query<{ id: string }>({
    // Named, so each connection parses and plans the statement once per batch size.
    name: `candor-webhook-intake-${deliveries.length}`,
    text: `WITH inserted AS (${insertDeliveries("postgresql", deliveries.length, ["id", "shopId", "receivedAt"])}),
          owed ("id", "jobName", "payload") AS (VALUES ${owedValues}),
          marked AS (UPDATE "OutboxMessage" SET "relayedAt" = $${relayedAt}::timestamp(3)
                     WHERE "id" = ANY($${relayed}::text[]) AND "relayedAt" IS NULL),
          named AS (INSERT INTO "WebhookDeliveryOrder" (${quoted(ORDER_COLUMNS)})
                    SELECT inserted."shopId", inserted."id", mention."orderId", inserted."receivedAt"
                    FROM inserted JOIN unnest($${namedDeliveries}::text[], $${namedOrders}::text[]) AS mention ("deliveryId", "orderId")
                      ON mention."deliveryId" = inserted."id")
     INSERT INTO "OutboxMessage" (${quoted(OUTBOX_COLUMNS)})
     SELECT inserted."id", inserted."shopId", owed."jobName", owed."payload", inserted."receivedAt", 0
     FROM inserted JOIN owed ON owed."id" = inserted."id"
     RETURNING "id"`,
    values: [
      ...deliveries.flatMap((delivery) => deliveryParameters(delivery, postgresTimestamp)),
      ...deliveries.flatMap((delivery) => [delivery.id, delivery.outbox.jobName, delivery.outbox.payload]),
      postgresTimestamp(new Date()),
      relayedIds,
      orders.map((row) => row.delivery.id),
      orders.map((row) => row.orderId),
    ],
  });
  return new Set(rows.map((row) => row.id));
}

type SqliteStatements = {
  insertDeliveries: import("better-sqlite3").Statement;
  insertOutbox: import("better-sqlite3").Statement;
  insertOrder: import("better-sqlite3").Statement;
  markRelayed: import("better-sqlite3").Statement;
};

/** Compiled statements per connection and batch size (at most MAX_BATCH of each). */
const sqliteStatements = new WeakMap<import("better-sqlite3").Database, Map<number, SqliteStatements>>();

function statementsFor(sqlite: import("better-sqlite3").Database, count: number): SqliteStatements {
  let byCount = sqliteStatements.get(sqlite);
  if (!byCount) sqliteStatements.set(sqlite, (byCount = new Map()));
  let statements = byCount.get(count);
  if (!statements) {
    statements = {
      insertDeliveries: sqlite.prepare(insertDeliveries("sqlite", count, ["id"])),
      insertOutbox: sqlite.prepare(`INSERT INTO "OutboxMessage" (${quoted(OUTBOX_COLUMNS)}) VALUES ${placeholders("sqlite", count, OUTBOX_COLUMNS.length)}`),
      insertOrder: sqlite.prepare(`INSERT OR IGNORE INTO "WebhookDeliveryOrder" (${quoted(ORDER_COLUMNS)}) VALUES ${placeholders("sqlite", 1, ORDER_COLUMNS.length)}`),
      markRelayed: sqlite.prepare(
        `UPDATE "OutboxMessage" SET "relayedAt" = ? WHERE "relayedAt" IS NULL AND "id" IN (SELECT value FROM json_each(?))`,
      ),
    };
    byCount.set(count, statements);
  }
  return statements;
}

/** SQLite: the same writes in one transaction (it has no data-changing CTEs). */
function storeOnSqlite(sqlite: import("better-sqlite3").Database, deliveries: NewWebhookDelivery[], relayedIds: string[]): Set<string> {
  return sqlite.transaction(() => {
    const inserted = statementsFor(sqlite, deliveries.length)
      .insertDeliveries.all(...deliveries.flatMap((delivery) => deliveryParameters(delivery, sqliteTimestamp))) as { id: string }[];
    const insertedIds = new Set(inserted.map((row) => row.id));
    const owed = deliveries.filter((delivery) => insertedIds.has(delivery.id));
    if (owed.length > 0) {
      statementsFor(sqlite, owed.length).insertOutbox.run(
        ...owed.flatMap((delivery) => [delivery.id, delivery.shopId, delivery.outbox.jobName, delivery.outbox.payload, sqliteTimestamp(delivery.receivedAt), 0]),
      );
      const insertOrder = statementsFor(sqlite, 1).insertOrder;
      for (const { delivery, orderId } of orderRows(owed)) insertOrder.run(delivery.shopId, delivery.id, orderId, sqliteTimestamp(delivery.receivedAt));
    }
    if (relayedIds.length > 0) {
      statementsFor(sqlite, 1).markRelayed.run(sqliteTimestamp(new Date()), JSON.stringify(relayedIds));
    }
    return insertedIds;
  })();
}

/**
 * Writes a batch of deliveries, the orders they name and their outbox messages atomically
 * (group commit: concurrent webhooks share one durable write). A delivery whose (shop, webhook
 * id) is already stored is skipped, and so are its order rows and outbox message. The same
 * commit marks `relayedIds` (messages of earlier batches that reached the queue) as relayed,
 * so that bookkeeping costs no commit of its own. Returns the ids written.
 */
export async function storeWebhookDeliveries(
  connection: DirectConnection,
  deliveries: NewWebhookDelivery[],
  relayedIds: string[] = [],
): Promise<Set<string>> {
  if (deliveries.length === 0) return new Set();
  return connection.dialect === "postgresql"
    ? storeOnPostgres(connection.pool, deliveries, relayedIds)
    : storeOnSqlite(connection.sqlite, deliveries, relayedIds);
}
