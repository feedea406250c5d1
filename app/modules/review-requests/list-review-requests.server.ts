import { getDb } from "~/db.server";

import { REVIEW_REQUEST_STATUSES, type ReviewRequestStatus } from "./review-request-status";

export interface ReviewRequestListItem {
  id: string;
  orderId: string;
  productCount: number;
  status: string;
  statusReason: string | null;
  dueAt: string;
  sentAt: string | null;
  cancelledAt: string | null;
  reminderDueAt: string | null;
  reminderSentAt: string | null;
}

/**
 * One shop's review requests, newest due first, without any customer data: the blind indexes
 * stay in the database, the list shows orders, counts, statuses and dates.
 */
export async function listReviewRequests(
  shopId: string,
  options: { status?: ReviewRequestStatus; limit?: number } = {},
): Promise<{ items: ReviewRequestListItem[]; counts: Record<ReviewRequestStatus, number> }> {
  const db = getDb();
  const [rows, grouped] = await Promise.all([
    db.reviewRequest.findMany({
      where: { shopId, ...(options.status ? { status: options.status } : {}) },
      orderBy: { dueAt: "desc" },
      take: Math.min(options.limit ?? 50, 200),
      select: {
        id: true,
        orderId: true,
        productIds: true,
        status: true,
        statusReason: true,
        dueAt: true,
        sentAt: true,
        cancelledAt: true,
        reminderDueAt: true,
        reminderSentAt: true,
      },
    }),
    db.reviewRequest.groupBy({ by: ["status"], where: { shopId }, _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(REVIEW_REQUEST_STATUSES.map((status) => [status, 0])) as Record<ReviewRequestStatus, number>;
  for (const row of grouped) {
    if (row.status in counts) counts[row.status as ReviewRequestStatus] = row._count._all;
  }
  return {
    counts,
    items: rows.map((row) => ({
      id: row.id,
      orderId: row.orderId,
      productCount: (JSON.parse(row.productIds) as string[]).length,
      status: row.status,
      statusReason: row.statusReason,
      dueAt: row.dueAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
      cancelledAt: row.cancelledAt?.toISOString() ?? null,
      reminderDueAt: row.reminderDueAt?.toISOString() ?? null,
      reminderSentAt: row.reminderSentAt?.toISOString() ?? null,
    })),
  };
}
