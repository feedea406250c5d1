import { getDb } from "~/db.server";
import { isAccessReviewDue } from "~/modules/access-control/access-review-due";

import { getRetentionPurgeStatus, type RetentionPurgeStatus } from "~/modules/retention/get-retention-purge-status.server";

import { getReviewRequestActivity, type ReviewRequestActivityDay } from "./get-review-request-activity.server";
import { getReviewStats, type ReviewStats } from "./get-review-stats.server";

export interface ShopOverview {
  shop: string;
  installedAt: string | null;
  webhooksLast24h: { topic: string; received: number; processed: number }[];
  outbox: { owed: number; oldestOwedAt: string | null };
  /** Review requests by status, all time. */
  reviewRequests: Record<string, number>;
  /** The next request due, if any is scheduled. */
  nextDueAt: string | null;
  /** Review requests scheduled, sent, failed and cancelled per UTC day, the last 30 days. */
  activity: ReviewRequestActivityDay[];
  /** Reviews received, their average rating and reviews per request sent, per UTC day, the last 30 days. */
  reviews: ReviewStats;
  /** Customers' data requests not yet answered: how many, how many past their legal due date, and the nearest due date. */
  dataRequests: { open: number; overdue: number; nextDueAt: string | null };
  /** When staff roles and API keys were last reviewed, and whether a review is due (every 90 days). */
  accessReview: { lastReviewedAt: string | null; due: boolean };
  /** The retention purge: the shop's last run (counts per record type) and when the next starts. */
  retentionPurge: RetentionPurgeStatus;
}

const ACTIVITY_DAYS = 30;

/**
 * Outbox messages are handed to the queue within milliseconds and marked relayed shortly
 * after; only those still owed after this long mean the queue is unreachable.
 */
const OWED_AFTER_MS = 30_000;

/** What the overview shows one shop about its own installation and intake. */
export async function getShopOverview(shopId: string): Promise<ShopOverview> {
  const db = getDb();
  const since = new Date(Date.now() - 24 * 3_600_000);
  const stuck = { shopId, relayedAt: null, createdAt: { lt: new Date(Date.now() - OWED_AFTER_MS) } };
  const unanswered = { shopId, status: { not: "completed" } };
  const [shop, received, processed, owed, oldestOwed, requests, nextDue, activity, reviews, openRequests, overdueRequests, nearestRequest, retentionPurge] = await Promise.all([
    db.shop.findUnique({ where: { id: shopId }, select: { installedAt: true } }),
    db.webhookDelivery.groupBy({ by: ["topic"], where: { shopId, receivedAt: { gte: since } }, _count: { _all: true } }),
    db.webhookDelivery.groupBy({
      by: ["topic"],
      where: { shopId, receivedAt: { gte: since }, processedAt: { not: null } },
      _count: { _all: true },
    }),
    db.outboxMessage.count({ where: stuck }),
    db.outboxMessage.findFirst({ where: stuck, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    db.reviewRequest.groupBy({ by: ["status"], where: { shopId }, _count: { _all: true } }),
    db.reviewRequest.findFirst({ where: { shopId, status: "scheduled" }, orderBy: { dueAt: "asc" }, select: { dueAt: true } }),
    getReviewRequestActivity(shopId, { days: ACTIVITY_DAYS }),
    getReviewStats(shopId, { days: ACTIVITY_DAYS }),
    db.dataRequest.count({ where: unanswered }),
    db.dataRequest.count({ where: { ...unanswered, dueAt: { lt: new Date() } } }),
    db.dataRequest.findFirst({ where: unanswered, orderBy: { dueAt: "asc" }, select: { dueAt: true } }),
    getRetentionPurgeStatus(shopId),
  ]);
  const lastAccessReview = await db.accessReview.findFirst({ where: { shopId }, orderBy: { reviewedAt: "desc" }, select: { reviewedAt: true } });
  const processedByTopic = new Map(processed.map((row) => [row.topic, row._count._all]));
  return {
    shop: shopId,
    installedAt: shop?.installedAt.toISOString() ?? null,
    webhooksLast24h: received
      .map((row) => ({ topic: row.topic, received: row._count._all, processed: processedByTopic.get(row.topic) ?? 0 }))
      .sort((a, b) => a.topic.localeCompare(b.topic)),
    outbox: { owed, oldestOwedAt: oldestOwed?.createdAt.toISOString() ?? null },
    reviewRequests: Object.fromEntries(requests.map((row) => [row.status, row._count._all])),
    nextDueAt: nextDue?.dueAt.toISOString() ?? null,
    activity,
    reviews,
    dataRequests: { open: openRequests, overdue: overdueRequests, nextDueAt: nearestRequest?.dueAt.toISOString() ?? null },
    accessReview: {
      lastReviewedAt: lastAccessReview?.reviewedAt.toISOString() ?? null,
      due: isAccessReviewDue(lastAccessReview?.reviewedAt ?? null, shop?.installedAt ?? null),
    },
    retentionPurge,
  };
}
