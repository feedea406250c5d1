import { join, sqltag } from "@prisma/client/runtime/client";

import type { Db } from "~/db.server";
import { reviewEmailJobId } from "~/jobs/definitions";
import { getEnv } from "~/modules/config/get-env.server";
import { encryptSecret } from "~/modules/crypto/encrypt-secret.server";
import { DATA_MAP_MODELS, type Retention } from "~/modules/data-map/data-map-registry";
import { expiredRecordsWhere, resolveRetentionWindow } from "~/modules/data-map/retention-window";
import { ANONYMISED_DISPLAY_NAME } from "~/modules/data-rights/erase-customer-data.server";
import type { ShopSettings } from "~/modules/settings/shop-settings-schema";

/** The client of one short transaction. */
export type PurgeTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface PurgeBatchContext {
  shopId: string;
  retentionDays: ShopSettings["retentionDays"];
  now: Date;
  limit: number;
}

export interface PurgeBatchResult {
  /** Expired records the batch found (at most `limit`); fewer than `limit` means none are left. */
  found: number;
  /** Rows deleted or anonymised, per record type (dependent rows included). */
  counts: Record<string, number>;
}

/**
 * Removes or anonymises one kind of expired record. `purgeBatch` handles at most `limit`
 * records with their dependent rows inside the transaction it is given, so a batch is
 * all-or-nothing; it re-checks expiry in every write, so running it twice is harmless.
 *
 * To purge a new kind of data (the consent ledger, the audit log): describe its model in the
 * data map with its retention window, then add one entry here — `deleteExpiredRows(...)`
 * covers a table without dependent rows.
 */
export interface RetentionPurger {
  /** Names the purger in logs and errors. */
  name: string;
  purgeBatch(tx: PurgeTransaction, context: PurgeBatchContext): Promise<PurgeBatchResult>;
}

/** A batch deleted fewer rows than it found: something changed them meanwhile; the batch is rolled back and tried again. */
export class PurgeBatchConflict extends Error {
  constructor(purger: string) {
    super(`rows of ${purger} changed during the batch`);
    this.name = "PurgeBatchConflict";
  }
}

const NOTHING_LEFT: PurgeBatchResult = { found: 0, counts: {} };

function retentionOf(model: string, field?: string): Retention {
  const entry = DATA_MAP_MODELS.find((candidate) => candidate.name === model);
  const retention = field ? entry?.fields[field]?.retention : entry?.retention;
  if (!retention) throw new Error(`the data map gives ${model}${field ? `.${field}` : ""} no retention rule`);
  return retention;
}

/** The expired-records filter of a model (or one of its fields), straight from the data map's rule. */
function expiredWhere(model: string, context: PurgeBatchContext, field?: string) {
  const window = resolveRetentionWindow(retentionOf(model, field), context.retentionDays);
  if (!window) throw new Error(`the retention rule of ${model}${field ? `.${field}` : ""} is not a window`);
  return expiredRecordsWhere(context.shopId, window, context.now);
}

interface IdRows {
  findMany(args: { where: Record<string, unknown>; select: { id: true }; take: number }): Promise<Array<{ id: string }>>;
  deleteMany(args: { where: Record<string, unknown> }): Promise<{ count: number }>;
}

/** A purger for a table whose rows have no dependants: find expired ids, delete them. */
export function deleteExpiredRows(model: string, rows: (tx: PurgeTransaction) => unknown, countKey: string): RetentionPurger {
  return {
    name: model,
    async purgeBatch(tx, context) {
      const table = rows(tx) as IdRows;
      const where = expiredWhere(model, context);
      const ids = (await table.findMany({ where, select: { id: true }, take: context.limit })).map((row) => row.id);
      if (ids.length === 0) return NOTHING_LEFT;
      const deleted = await table.deleteMany({ where: { ...where, id: { in: ids } } });
      if (deleted.count !== ids.length) throw new PurgeBatchConflict(model);
      return { found: ids.length, counts: { [countKey]: deleted.count } };
    },
  };
}

/** A settled review request past its window goes with its products, send log and outbox messages. */
const reviewRequests: RetentionPurger = {
  name: "ReviewRequest",
  async purgeBatch(tx, context) {
    const { shopId } = context;
    const where = expiredWhere("ReviewRequest", context);
    const ids = (await tx.reviewRequest.findMany({ where, select: { id: true }, take: context.limit })).map((row) => row.id);
    if (ids.length === 0) return NOTHING_LEFT;
    const jobIds = ids.flatMap((id) => [reviewEmailJobId("request", id), reviewEmailJobId("reminder", id)]);
    const requestedProducts = await tx.requestedProduct.deleteMany({ where: { shopId, reviewRequestId: { in: ids } } });
    const sendAttempts = await tx.sendAttempt.deleteMany({ where: { shopId, reviewRequestId: { in: ids } } });
    const outboxMessages = await tx.outboxMessage.deleteMany({ where: { shopId, id: { in: jobIds } } });
    const requests = await tx.reviewRequest.deleteMany({ where: { ...where, id: { in: ids } } });
    // A request re-opened since it was found would lose its rows while it stays: roll back.
    if (requests.count !== ids.length) throw new PurgeBatchConflict("ReviewRequest");
    return {
      found: ids.length,
      counts: {
        reviewRequests: requests.count,
        requestedProducts: requestedProducts.count,
        sendAttempts: sendAttempts.count,
        outboxMessages: outboxMessages.count,
      },
    };
  },
};

/**
 * The review stays (rating, title, text); the name the reviewer chose is replaced by a neutral
 * one, encrypted for its row like any display name. One statement sets every name of the
 * batch (a ciphertext per row, chosen by id), another marks them done: a row per statement
 * would hold the transaction open for as many round trips as the batch has rows.
 */
const reviewerDisplayNames: RetentionPurger = {
  name: "Review.displayName",
  async purgeBatch(tx, context) {
    const where = { ...expiredWhere("Review", context, "displayName"), displayNameRemovedAt: null };
    const ids = (await tx.review.findMany({ where, select: { id: true }, take: context.limit })).map((row) => row.id);
    if (ids.length === 0) return NOTHING_LEFT;
    const keys = getEnv().ENCRYPTION_KEYS;
    const names = ids.map((id) => sqltag`WHEN ${id} THEN ${encryptSecret(ANONYMISED_DISPLAY_NAME, keys, { table: "Review", column: "displayName", rowId: id })}`);
    await tx.$executeRaw(
      sqltag`UPDATE "Review" SET "displayName" = CASE "id" ${join(names, " ")} END WHERE "shopId" = ${context.shopId} AND "id" IN (${join(ids)}) AND "displayNameRemovedAt" IS NULL`,
    );
    const marked = await tx.review.updateMany({ where: { ...where, id: { in: ids } }, data: { displayNameRemovedAt: context.now } });
    if (marked.count !== ids.length) throw new PurgeBatchConflict("Review.displayName");
    return { found: ids.length, counts: { reviewerDisplayNames: marked.count } };
  },
};

/**
 * Every purger, in the order a run applies them. Review requests come first, so their send
 * log and outbox rows go with them; the tables' own windows then take what is left.
 */
/**
 * Orders named by webhook deliveries. The database removes them with their delivery (cascade),
 * so this finds rows only if a delivery outlived them; it keeps the rule true on its own.
 */
const webhookDeliveryOrders: RetentionPurger = {
  name: "WebhookDeliveryOrder",
  async purgeBatch(tx, context) {
    const where = expiredWhere("WebhookDeliveryOrder", context);
    const rows = await tx.webhookDeliveryOrder.findMany({ where, select: { webhookDeliveryId: true, orderId: true }, take: context.limit });
    if (rows.length === 0) return NOTHING_LEFT;
    const deleted = await tx.webhookDeliveryOrder.deleteMany({ where: { ...where, OR: rows } });
    if (deleted.count !== rows.length) throw new PurgeBatchConflict("WebhookDeliveryOrder");
    return { found: rows.length, counts: { webhookDeliveryOrders: deleted.count } };
  },
};

export const RETENTION_PURGERS: readonly RetentionPurger[] = [
  reviewRequests,
  deleteExpiredRows("SendAttempt", (tx) => tx.sendAttempt, "sendAttempts"),
  deleteExpiredRows("OutboxMessage", (tx) => tx.outboxMessage, "outboxMessages"),
  deleteExpiredRows("WebhookDelivery", (tx) => tx.webhookDelivery, "webhookDeliveries"),
  webhookDeliveryOrders,
  reviewerDisplayNames,
  deleteExpiredRows("DataRequest", (tx) => tx.dataRequest, "dataRequests"),
  deleteExpiredRows("PurgeRun", (tx) => tx.purgeRun, "purgeRuns"),
  deleteExpiredRows("ConsentEntry", (tx) => tx.consentEntry, "consentEntries"),
  deleteExpiredRows("AuditEntry", (tx) => tx.auditEntry, "auditEntries"),
];
