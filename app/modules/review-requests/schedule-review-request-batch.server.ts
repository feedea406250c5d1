import { randomUUID } from "node:crypto";

import { getDb } from "~/db.server";
import { selectByCustomer, type CustomerTable } from "~/db/select-by-customer.server";
import { selectByShopAndKey } from "~/db/select-by-shop-and-key.server";
import { timestampFromDb } from "~/db/sql-timestamps";
import { reviewEmailJobId, sendReviewRequestJob } from "~/jobs/definitions";
import { dispatchOutboxMessages } from "~/modules/outbox/dispatch-outbox-messages.server";
import { isSameCustomer } from "~/modules/consent/is-same-customer";
import { listCustomerIndexes } from "~/modules/consent/list-customer-indexes";
import { suppressionCoversOrder } from "~/modules/consent/suppression-covers-order";
import { SUPPRESSION_ROWS } from "~/modules/consent/suppression-rows";
import { jobNameFor } from "~/modules/queue/define-job";
import { getJobProducer } from "~/modules/queue/get-job-producer.server";
import { createReviewLink } from "~/modules/review-links/create-review-link.server";
import { getCachedShopSettings } from "~/modules/settings/get-cached-shop-settings.server";
import type { ShopSettings } from "~/modules/settings/shop-settings-schema";

import { planReviewRequests, type SkipReason } from "./plan-review-requests";
import type { Shipment } from "./shipment";
import { writeScheduledRequests } from "./write-scheduled-requests.server";

const DAY_MS = 24 * 3_600_000;

export interface ShipmentToSchedule {
  shopId: string;
  shipment: Shipment;
  fulfilledAt: Date;
}

export interface ScheduleOutcome {
  scheduled: number;
  skipped: SkipReason | null;
}

interface RowWithRefs {
  shopId: string;
  customerRef: string | null;
  emailRef: string | null;
}

/** Same shop, and the same customer by either blind index. */
const sameCustomer = (row: RowWithRefs, entry: ShipmentToSchedule) => isSameCustomer(row, entry.shopId, [entry.shipment]);

const ACTIVE_REQUESTS: CustomerTable = {
  statement: "schedule-active-requests",
  name: "ReviewRequest",
  postgresColumns: `t."id", t."shopId", t."customerRef", t."emailRef", t."productIds"`,
  sqliteColumns: `t."id", t."shopId", t."customerRef", t."emailRef", t."productIds"`,
  condition: `t."status" IN ('scheduled', 'sending', 'sent')`,
};
const REQUESTED_PRODUCTS = {
  name: "candor-schedule-requested-products",
  postgres: `SELECT p."shopId", p."orderId", p."productId" FROM "RequestedProduct" p
    JOIN unnest($1::text[], $2::text[]) AS o ("shopId", "orderId") ON p."shopId" = o."shopId" AND p."orderId" = o."orderId"`,
  sqlite: `SELECT "shopId", "orderId", "productId" FROM "RequestedProduct" WHERE "shopId" = ? AND "orderId" = ?`,
};

/**
 * Records the review requests a batch of shipments calls for — of one shop or several — with
 * the same rules as one at a time (`planReviewRequests`), in a handful of statements: one read
 * each of suppressions, products already requested per order and active requests per
 * customer, then one transaction writing every request, requested product and delayed send
 * job (outbox), then one hand-over to the queue. Every query is scoped to each entry's shop.
 *
 * Entries are planned in order, each seeing what the entries before it planned, so two
 * events of one order or one customer in the same batch still ask once per product. Safe to
 * run twice: a product is requested at most once per order (a unique key), so a replay adds
 * nothing; a concurrent writer that claimed one of these products first makes the
 * transaction fail, and the caller retries.
 */
export async function scheduleReviewRequestBatch(entries: readonly ShipmentToSchedule[]): Promise<ScheduleOutcome[]> {
  if (entries.length === 0) return [];
  const settingsByShop = new Map<string, ShopSettings>();
  for (const shopId of new Set(entries.map((entry) => entry.shopId))) settingsByShop.set(shopId, await getCachedShopSettings(shopId));

  const customers = listCustomerIndexes(entries.map(({ shopId, shipment }) => ({ shopId, knownAs: [shipment] })));
  const orders = new Map<string, [string, string]>();
  for (const { shopId, shipment } of entries) orders.set(`${shopId}\n${shipment.orderId}`, [shopId, shipment.orderId]);
  const [byCustomer, requestedProducts] = await Promise.all([
    selectByCustomer<RowWithRefs & { id: string; appliesToOrdersBefore?: unknown; productIds?: string }>([SUPPRESSION_ROWS, ACTIVE_REQUESTS], customers),
    selectByShopAndKey<{ shopId: string; orderId: string; productId: string }>(REQUESTED_PRODUCTS, [...orders.values()]),
  ]);
  const suppressions = byCustomer.get(SUPPRESSION_ROWS.statement)!;
  const activeRequests = byCustomer.get(ACTIVE_REQUESTS.statement)!;

  // What each order and each customer has been asked about, growing as the batch is planned.
  const askedByOrder = new Map<string, Set<string>>();
  const orderKey = (shopId: string, orderId: string) => `${shopId}\n${orderId}`;
  for (const row of requestedProducts) {
    const key = orderKey(row.shopId, row.orderId);
    askedByOrder.set(key, (askedByOrder.get(key) ?? new Set()).add(row.productId));
  }
  const askedOfCustomers: Array<RowWithRefs & { productIds: string[] }> = activeRequests.map((row) => ({
    ...row,
    productIds: JSON.parse(row.productIds ?? "[]") as string[],
  }));

  const outcomes: ScheduleOutcome[] = [];
  const planned: Array<{ id: string; entry: ShipmentToSchedule; groupKey: string; productIds: string[]; dueAt: Date }> = [];
  for (const entry of entries) {
    const { shopId, shipment, fulfilledAt } = entry;
    if (
      suppressions.some(
        (row) => sameCustomer(row, entry) && suppressionCoversOrder({ appliesToOrdersBefore: timestampFromDb(row.appliesToOrdersBefore) }, shipment.orderPlacedAt),
      )
    ) {
      outcomes.push({ scheduled: 0, skipped: "suppressed" });
      continue;
    }
    const key = orderKey(shopId, shipment.orderId);
    const alreadyRequested = new Set(askedByOrder.get(key) ?? []);
    // At most one request per customer and product, across orders.
    for (const row of askedOfCustomers) if (sameCustomer(row, entry)) for (const productId of row.productIds) alreadyRequested.add(productId);
    const plan = planReviewRequests(shipment, settingsByShop.get(shopId)!, fulfilledAt, alreadyRequested);
    if (plan.kind === "skip") {
      outcomes.push({ scheduled: 0, skipped: plan.reason });
      continue;
    }
    const askedInOrder = askedByOrder.get(key) ?? new Set<string>();
    askedByOrder.set(key, askedInOrder);
    for (const request of plan.requests) {
      planned.push({ id: randomUUID(), entry, ...request });
      for (const productId of request.productIds) askedInOrder.add(productId);
      askedOfCustomers.push({ shopId, customerRef: shipment.customerRef, emailRef: shipment.emailRef, productIds: request.productIds });
    }
    outcomes.push({ scheduled: plan.requests.length, skipped: null });
  }
  if (planned.length === 0) return outcomes;

  const jobName = jobNameFor(sendReviewRequestJob);
  const rows = await Promise.all(
    planned.map(async ({ id, entry, productIds, dueAt }) => {
      const validDays = settingsByShop.get(entry.shopId)!.reviewLinkValidDays;
      // A late event can be due already: the link's validity starts no earlier than now.
      const validFrom = Math.max(dueAt.getTime(), Date.now());
      const reviewLink = await createReviewLink(entry.shopId, id, new Date(validFrom + validDays * DAY_MS));
      const payload = { shop: entry.shopId, orderId: entry.shipment.orderId, productIds, reviewLink };
      return { id: reviewEmailJobId("request", id), shopId: entry.shopId, jobName, payload: JSON.stringify(sendReviewRequestJob.payload.parse(payload)), availableAt: dueAt };
    }),
  );

  await writeScheduledRequests(
    planned.map(({ id, entry, groupKey, productIds, dueAt }) => ({
      id,
      shopId: entry.shopId,
      orderId: entry.shipment.orderId,
      groupKey,
      productIds,
      customerRef: entry.shipment.customerRef,
      emailRef: entry.shipment.emailRef,
      dueAt,
    })),
    rows,
  );

  await dispatchOutboxMessages(getDb(), getJobProducer(), rows);
  return outcomes;
}
