import { z } from "zod";

import { getDb } from "~/db.server";
import { AppError } from "~/modules/errors/app-error";

import { MODERATION_REASON_MAX, type ReviewStatus } from "./review-status";

export type ModerationDecision = { action: "publish" } | { action: "reject"; reason: string };

const decisionSchema = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("publish") }),
  z.strictObject({ action: z.literal("reject"), reason: z.string().trim().min(1).max(MODERATION_REASON_MAX) }),
]);

export interface ModeratedReview {
  id: string;
  status: Extract<ReviewStatus, "published" | "rejected">;
  moderationReason: string | null;
  moderatedAt: string;
  publishedAt: string | null;
}

/**
 * Publishes or rejects one of the shop's reviews. A rejection needs the merchant's reason
 * (1 to 500 characters), kept with the review and shown in the list: reviews are rejected for
 * what they say (offensive content, personal data), never to hide a low rating. A review id
 * that is unknown or belongs to another shop is a 404 and nothing is written.
 */
export async function moderateReview(shopId: string, reviewId: string, decision: ModerationDecision): Promise<ModeratedReview> {
  const parsed = decisionSchema.safeParse(decision);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "action")))];
    throw new AppError("unprocessable", "Give a reason for rejecting this review (up to 500 characters).", { fields });
  }
  const db = getDb();
  const existing = await db.review.findFirst({ where: { id: reviewId, shopId }, select: { publishedAt: true, status: true } });
  if (!existing) throw new AppError("not_found", "Review not found.");

  const now = new Date();
  const changes =
    parsed.data.action === "publish"
      ? {
          status: "published" as const,
          moderationReason: null,
          moderatedAt: now,
          // Publishing an already published review keeps the day it first went live.
          publishedAt: existing.status === "published" && existing.publishedAt ? existing.publishedAt : now,
        }
      : { status: "rejected" as const, moderationReason: parsed.data.reason, moderatedAt: now, publishedAt: null };
  const { count } = await db.review.updateMany({ where: { id: reviewId, shopId }, data: changes });
  if (count === 0) throw new AppError("not_found", "Review not found.");
  return {
    id: reviewId,
    status: changes.status,
    moderationReason: changes.moderationReason,
    moderatedAt: now.toISOString(),
    publishedAt: changes.publishedAt?.toISOString() ?? null,
  };
}
