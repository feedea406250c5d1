import { getDb } from "~/db.server";
import { reviewEmailJobId, reviewRequestIdOfJob, sendReviewRequestJob } from "~/jobs/definitions";
import { getEnv } from "~/modules/config/get-env.server";
import { decryptSecret } from "~/modules/crypto/decrypt-secret.server";
import { computeRecordDeletionDate } from "~/modules/data-map/compute-deletion-date";
import { DATA_MAP_REGISTRY } from "~/modules/data-map/data-map-registry";
import { listDataMap, type ResolvedDataMapEntry } from "~/modules/data-map/list-data-map";
import type { RecordValues } from "~/modules/data-map/retention-window";
import { getLogger } from "~/modules/observability/logger.server";
import { getJobProducer } from "~/modules/queue/get-job-producer.server";
import { getShopSettings } from "~/modules/settings/get-shop-settings.server";

import type { CustomerLookup } from "./customer-lookup";
import { findCustomerRecords } from "./find-customer-records.server";
import { requireKnownCustomer } from "./require-known-customer.server";
import { resolveCustomerTarget } from "./resolve-customer-target.server";

export interface InventoryRecord {
  id: string;
  /** The record's values as stored (encrypted ones decrypted for the customer's own copy). */
  data: Record<string, unknown>;
  /**
   * The earliest date the retention purge (or shop/redact) deletes this record or one of its
   * personal fields; null when no date applies yet (see the store's retention).
   */
  deletionDate: string | null;
}

export interface InventoryStore {
  store: string;
  kind: ResolvedDataMapEntry["kind"];
  description: string;
  location: ResolvedDataMapEntry["location"];
  fields: ResolvedDataMapEntry["fields"];
  records: InventoryRecord[];
}

export interface CustomerInventory {
  shop: string;
  generatedAt: string;
  lookup: "customerId" | "email" | "orderId";
  /** False when Shopify could not be asked for the customer's other key: records keyed only by it may be missing. */
  complete: boolean;
  stores: InventoryStore[];
  /** Services that receive data without Candor storing it (email provider, Shopify Flow, Shopify as the source). */
  processors: ResolvedDataMapEntry[];
  total: number;
}

function plain(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]));
}

/**
 * Everything Candor holds about one customer of one shop, in every store — database rows,
 * queued jobs — each with what the data map says about it (purpose, legal basis, location,
 * who may see it) and its exact deletion date. Reads only.
 */
export async function buildCustomerInventory(shopId: string, lookup: CustomerLookup): Promise<CustomerInventory> {
  const resolved = await resolveCustomerTarget(shopId, lookup);
  const { target, complete } = resolved;
  const [records, settings, shop] = await Promise.all([
    findCustomerRecords(shopId, target),
    getShopSettings(shopId),
    getDb().shop.findUnique({ where: { id: shopId }, select: { uninstalledAt: true } }),
  ]);
  const env = getEnv();
  const map = listDataMap(settings, env);
  const entryOf = (name: string) => map.entries.find((entry) => entry.name === name);
  const registryOf = (name: string) => DATA_MAP_REGISTRY.find((entry) => entry.name === name);

  const uninstalledAt = shop?.uninstalledAt ?? null;
  const recordDeletionDate = (store: string, row: Record<string, unknown>, reviewRequestDeletionDate?: Date | null): Date | null => {
    const registry = registryOf(store);
    if (!registry) return null;
    const values: RecordValues = { uninstalledAt };
    for (const [field, value] of Object.entries(row)) if (value instanceof Date || typeof value === "string" || value === null) values[field] = value;
    return computeRecordDeletionDate(registry, values, settings.retentionDays, { reviewRequestDeletionDate });
  };
  // Rows of a review request go with it, so their date depends on the request's.
  const requestDeletionDates = new Map(records.reviewRequests.map((request) => [request.id, recordDeletionDate("ReviewRequest", request)]));
  const deletionDate = (store: string, row: Record<string, unknown>): string | null => {
    const requestId = typeof row.reviewRequestId === "string" ? row.reviewRequestId : reviewRequestIdOfJob(String(row.id));
    const date = recordDeletionDate(store, row, requestId ? requestDeletionDates.get(requestId) : null);
    return date?.toISOString() ?? null;
  };
  const store = (name: string, rows: Array<Record<string, unknown> & { id: string }>): InventoryStore => {
    const entry = entryOf(name)!;
    return {
      store: name,
      kind: entry.kind,
      description: entry.description,
      location: entry.location,
      fields: entry.fields,
      records: rows.map((row) => ({ id: row.id, data: plain(row), deletionDate: deletionDate(name, row) })),
    };
  };

  const reviews = records.reviews.map((review) => ({
    ...review,
    displayName: decryptSecret(review.displayName, env.ENCRYPTION_KEYS, { table: "Review", column: "displayName", rowId: review.id }),
  }));
  const stores = [
    store("ReviewRequest", records.reviewRequests),
    store("RequestedProduct", records.requestedProducts),
    store("SendAttempt", records.sendAttempts),
    store("Review", reviews),
    store("Suppression", records.suppressions),
    store("ConsentEntry", records.consentEntries),
    store("DataRequest", records.dataRequests),
    store("OutboxMessage", records.outboxMessages),
    store("WebhookDelivery", records.webhookDeliveries),
  ];

  // Queued jobs live in Redis until they run: list those that still exist.
  const jobs: Array<{ id: string; job: string; state: string; payload: unknown }> = [];
  try {
    const queue = getJobProducer().queue(sendReviewRequestJob.queue);
    const jobIds = records.reviewRequests.flatMap((request) => [reviewEmailJobId("request", request.id), reviewEmailJobId("reminder", request.id)]);
    // All at once: a repeat buyer has dozens of requests, and one round trip each adds up.
    const found = (await Promise.all(jobIds.map((jobId) => queue.getJob(jobId)))).filter((job) => job !== undefined && job !== null);
    const states = await Promise.all(found.map((job) => job.getState()));
    found.forEach((job, index) => jobs.push({ id: job.id!, job: job.name, state: states[index]!, payload: job.data }));
  } catch (error) {
    getLogger().warn({ shop: shopId, reason: (error as Error).message }, "queued jobs could not be listed for the inventory");
  }
  const jobStores = ["send-review-request", "send-review-reminder"].map((name) => ({
    ...store(name, []),
    records: jobs
      .filter((job) => job.job.startsWith(`${name}@`))
      .map((job) => ({ id: job.id, data: { state: job.state, payload: job.payload }, deletionDate: null })),
  }));

  const allStores = [...stores, ...jobStores].filter((entry) => entry.records.length > 0);
  const total = allStores.reduce((sum, entry) => sum + entry.records.length, 0);
  await requireKnownCustomer(shopId, lookup, resolved, total);
  return {
    shop: shopId,
    generatedAt: new Date().toISOString(),
    lookup: "customerId" in lookup ? "customerId" : "email" in lookup ? "email" : "orderId",
    complete,
    stores: allStores,
    processors: map.entries.filter((entry) => entry.kind === "processor" || entry.kind === "source"),
    total,
  };
}
