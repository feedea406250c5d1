import { randomUUID } from "node:crypto";

import { getBatchSql } from "~/db/get-batch-sql.server";
import { postgresTimestamp, sqliteTimestamp } from "~/db/sql-timestamps";
import type { OutboxMessageToDispatch } from "~/modules/outbox/dispatch-outbox-messages.server";

export interface RequestToWrite {
  id: string;
  shopId: string;
  orderId: string;
  groupKey: string;
  productIds: string[];
  customerRef: string | null;
  emailRef: string | null;
  dueAt: Date;
}

/** PostgreSQL: one statement, atomic on its own: the requests, their products and their send jobs. */
const POSTGRES_WRITE = `WITH requests AS (
    INSERT INTO "ReviewRequest" ("id", "shopId", "orderId", "groupKey", "productIds", "customerRef", "emailRef", "status", "dueAt", "createdAt", "updatedAt")
    SELECT r."id", r."shopId", r."orderId", r."groupKey", r."productIds", r."customerRef", r."emailRef", 'scheduled', r."dueAt"::timestamp(3), $19::timestamp(3), $19::timestamp(3)
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
      AS r ("id", "shopId", "orderId", "groupKey", "productIds", "customerRef", "emailRef", "dueAt")
  ), products AS (
    INSERT INTO "RequestedProduct" ("id", "shopId", "orderId", "productId", "reviewRequestId", "createdAt")
    SELECT p."id", p."shopId", p."orderId", p."productId", p."reviewRequestId", $19::timestamp(3)
    FROM unnest($9::text[], $10::text[], $11::text[], $12::text[], $13::text[]) AS p ("id", "shopId", "orderId", "productId", "reviewRequestId")
  )
  INSERT INTO "OutboxMessage" ("id", "shopId", "jobName", "payload", "createdAt", "attempts", "availableAt")
  SELECT o."id", o."shopId", o."jobName", o."payload", $19::timestamp(3), 0, o."availableAt"::timestamp(3)
  FROM unnest($14::text[], $15::text[], $16::text[], $17::text[], $18::text[]) AS o ("id", "shopId", "jobName", "payload", "availableAt")`;

const SQLITE_REQUEST = `INSERT INTO "ReviewRequest" ("id", "shopId", "orderId", "groupKey", "productIds", "customerRef", "emailRef", "status", "dueAt", "createdAt", "updatedAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?, ?)`;
const SQLITE_PRODUCT = `INSERT INTO "RequestedProduct" ("id", "shopId", "orderId", "productId", "reviewRequestId", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`;
const SQLITE_OUTBOX = `INSERT INTO "OutboxMessage" ("id", "shopId", "jobName", "payload", "createdAt", "attempts", "availableAt") VALUES (?, ?, ?, ?, ?, 0, ?)`;

/**
 * Writes scheduled review requests, one row per requested product, and their delayed send jobs
 * (outbox) atomically, in fixed statements (`getBatchSql`). A product already requested for the
 * same order breaks the unique key and nothing is written; the caller retries, and then
 * plans around what is there.
 */
export async function writeScheduledRequests(requests: readonly RequestToWrite[], outbox: readonly OutboxMessageToDispatch[]): Promise<void> {
  if (requests.length === 0) return;
  const now = new Date();
  const products = requests.flatMap((request) => request.productIds.map((productId) => ({ id: randomUUID(), request, productId })));
  const sql = getBatchSql();
  if (sql.dialect === "postgresql") {
    await sql.pool.query({
      name: "candor-write-scheduled-requests",
      text: POSTGRES_WRITE,
      values: [
        requests.map((request) => request.id),
        requests.map((request) => request.shopId),
        requests.map((request) => request.orderId),
        requests.map((request) => request.groupKey),
        requests.map((request) => JSON.stringify(request.productIds)),
        requests.map((request) => request.customerRef),
        requests.map((request) => request.emailRef),
        requests.map((request) => postgresTimestamp(request.dueAt)),
        products.map((product) => product.id),
        products.map((product) => product.request.shopId),
        products.map((product) => product.request.orderId),
        products.map((product) => product.productId),
        products.map((product) => product.request.id),
        outbox.map((message) => message.id),
        outbox.map((message) => message.shopId),
        outbox.map((message) => message.jobName),
        outbox.map((message) => message.payload),
        outbox.map((message) => postgresTimestamp(message.availableAt ?? null)),
        postgresTimestamp(now),
      ],
    });
    return;
  }
  const at = sqliteTimestamp(now);
  await sql.db.$transaction(async (tx) => {
    for (const request of requests) {
      await tx.$executeRawUnsafe(
        SQLITE_REQUEST,
        request.id,
        request.shopId,
        request.orderId,
        request.groupKey,
        JSON.stringify(request.productIds),
        request.customerRef,
        request.emailRef,
        sqliteTimestamp(request.dueAt),
        at,
        at,
      );
    }
    for (const product of products) {
      await tx.$executeRawUnsafe(SQLITE_PRODUCT, product.id, product.request.shopId, product.request.orderId, product.productId, product.request.id, at);
    }
    for (const message of outbox) {
      await tx.$executeRawUnsafe(SQLITE_OUTBOX, message.id, message.shopId, message.jobName, message.payload, at, sqliteTimestamp(message.availableAt ?? null));
    }
  });
}
