import { randomUUID } from "node:crypto";

import { getDb } from "~/db.server";
import { reviewEmailJobId, sendReviewRequestJob } from "~/jobs/definitions";
import { dispatchOutboxMessages } from "~/modules/outbox/dispatch-outbox-messages.server";
import { suppressionCoversOrder } from "~/modules/consent/suppression-covers-order";
import { jobNameFor } from "~/modules/queue/define-job";
import { getJobProducer } from "~/modules/queue/get-job-producer.server";
import { createReviewLink } from "~/modules/review-links/create-review-link.server";
import { getCachedShopSettings } from "~/modules/settings/get-cached-shop-settings.server";
import type { ShopSettings } from "~/modules/settings/shop-settings-schema";

import { planReviewRequests, type SkipReason } from "./plan-review-requests";
import type { Shipment } from "./shipment";

const DAY_MS = 24 * 3_600_000;
const ACTIVE_STATUSES = ["scheduled", "sending", "sent"];

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
const sameCustomer = (row: RowWithRefs, entry: ShipmentToSchedule) =>
  row.shopId === entry.shopId &&
  ((row.customerRef !== null && row.customerRef === entry.shipment.customerRef) || (row.emailRef !== null && row.emailRef === entry.shipment.emailRef));

/** Per shop, the blind indexes the batch names, as one `OR` clause each, scoped to its shop. */
function customersByShop(entries: readonly ShipmentToSchedule[]) {
  const byShop = new Map<string, { customerRefs: Set<string>; emailRefs: Set<string> }>();
  for (const { shopId, shipment } of entries) {
    const refs = byShop.get(shopId) ?? { customerRefs: new Set<string>(), emailRefs: new Set<string>() };
    if (shipment.customerRef) refs.customerRefs.add(shipment.customerRef);
    if (shipment.emailRef) refs.emailRefs.add(shipment.emailRef);
    byShop.set(shopId, refs);
  }
  return [...byShop]
    .filter(([, refs]) => refs.customerRefs.size + refs.emailRefs.size > 0)
    .map(([shopId, refs]) => ({
      shopId,
      OR: [
        ...(refs.customerRefs.size > 0 ? [{ customerRef: { in: [...refs.customerRefs] } }] : []),
        ...(refs.emailRefs.size > 0 ? [{ emailRef: { in: [...refs.emailRefs] } }] : []),
      ],
    }));
}

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
  const db = getDb();
  const settingsByShop = new Map<string, ShopSettings>();
  for (const shopId of new Set(entries.map((entry) => entry.shopId))) settingsByShop.set(shopId, await getCachedShopSettings(shopId));

  const customers = customersByShop(entries);
  const ordersByShop = new Map<string, Set<string>>();
  for (const { shopId, shipment } of entries) ordersByShop.set(shopId, (ordersByShop.get(shopId) ?? new Set()).add(shipment.orderId));
  const [suppressions, requestedProducts, activeRequests] = await Promise.all([
    customers.length > 0
      ? db.suppression.findMany({ where: { OR: customers }, select: { shopId: true, customerRef: true, emailRef: true, appliesToOrdersBefore: true } })
      : [],
    db.requestedProduct.findMany({
      where: { OR: [...ordersByShop].map(([shopId, orderIds]) => ({ shopId, orderId: { in: [...orderIds] } })) },
      select: { shopId: true, orderId: true, productId: true },
    }),
    customers.length > 0
      ? db.reviewRequest.findMany({
          where: { status: { in: ACTIVE_STATUSES }, OR: customers },
          select: { shopId: true, customerRef: true, emailRef: true, productIds: true },
        })
      : [],
  ]);

  // What each order and each customer has been asked about, growing as the batch is planned.
  const askedByOrder = new Map<string, Set<string>>();
  const orderKey = (shopId: string, orderId: string) => `${shopId}\n${orderId}`;
  for (const row of requestedProducts) {
    const key = orderKey(row.shopId, row.orderId);
    askedByOrder.set(key, (askedByOrder.get(key) ?? new Set()).add(row.productId));
  }
  const askedOfCustomers: Array<RowWithRefs & { productIds: string[] }> = activeRequests.map((row) => ({
    ...row,
    productIds: JSON.parse(row.productIds) as string[],
  }));

  const outcomes: ScheduleOutcome[] = [];
  const planned: Array<{ id: string; entry: ShipmentToSchedule; groupKey: string; productIds: string[]; dueAt: Date }> = [];
  for (const entry of entries) {
    const { shopId, shipment, fulfilledAt } = entry;
    if (suppressions.some((row) => sameCustomer(row, entry) && suppressionCoversOrder(row, shipment.orderPlacedAt))) {
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

  // An interactive transaction rather than a batch of three: the ORM keeps a query plan per
  // statement shape, and a batch's shape is the combination of its three row counts.
  await db.$transaction(async (tx) => {
    await tx.reviewRequest.createMany({
      data: planned.map(({ id, entry, groupKey, productIds, dueAt }) => ({
        id,
        shopId: entry.shopId,
        orderId: entry.shipment.orderId,
        groupKey,
        productIds: JSON.stringify(productIds),
        customerRef: entry.shipment.customerRef,
        emailRef: entry.shipment.emailRef,
        status: "scheduled",
        dueAt,
      })),
    });
    await tx.requestedProduct.createMany({
      data: planned.flatMap(({ id, entry, productIds }) =>
        productIds.map((productId) => ({ id: randomUUID(), shopId: entry.shopId, orderId: entry.shipment.orderId, productId, reviewRequestId: id })),
      ),
    });
    await tx.outboxMessage.createMany({ data: rows });
  });

  await dispatchOutboxMessages(db, getJobProducer(), rows);
  return outcomes;
}
