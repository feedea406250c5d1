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

function placeholders(dialect: DatabaseDialect, rows: number, columns: number): string {
  let next = 1;
  const row = () =>
    `(${Array.from({ length: columns }, () => (dialect === "postgresql" ? `$${next++}` : "?")).join(", ")})`;
  return Array.from({ length: rows }, row).join(", ");
}

const quoted = (columns: readonly string[]) => columns.map((column) => `"${column}"`).join(", ");

/**
 * Writes a batch of deliveries and their outbox messages in one transaction (group commit:
 * concurrent webhooks share one durable write). A delivery whose (shop, webhook id) is
 * already stored is skipped, and so is its outbox message. Returns the ids written.
 */
export async function storeWebhookDeliveries(
  db: Db,
  dialect: DatabaseDialect,
  deliveries: NewWebhookDelivery[],
): Promise<Set<string>> {
  if (deliveries.length === 0) return new Set();
  return db.$transaction(async (tx) => {
    const inserted = await tx.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO "WebhookDelivery" (${quoted(DELIVERY_COLUMNS)}) VALUES ${placeholders(dialect, deliveries.length, DELIVERY_COLUMNS.length)}
       ON CONFLICT ("shopId", "webhookId") DO NOTHING RETURNING "id"`,
      ...deliveries.flatMap((delivery) => [
        delivery.id,
        delivery.shopId,
        delivery.webhookId,
        delivery.topic,
        delivery.apiVersion,
        delivery.triggeredAt,
        delivery.receivedAt,
        delivery.event,
      ]),
    );
    const insertedIds = new Set(inserted.map((row) => row.id));
    const owed = deliveries.filter((delivery) => insertedIds.has(delivery.id));
    if (owed.length > 0) {
      await tx.$executeRawUnsafe(
        `INSERT INTO "OutboxMessage" (${quoted(OUTBOX_COLUMNS)}) VALUES ${placeholders(dialect, owed.length, OUTBOX_COLUMNS.length)}`,
        ...owed.flatMap((delivery) => [
          delivery.id,
          delivery.shopId,
          delivery.outbox.jobName,
          delivery.outbox.payload,
          delivery.receivedAt,
          0,
        ]),
      );
    }
    return insertedIds;
  });
}
