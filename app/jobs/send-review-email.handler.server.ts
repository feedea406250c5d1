import { UnrecoverableError } from "bullmq";

import type { JobPayload } from "~/modules/queue/define-job";
import { sendReviewEmail, type ReviewEmailKind } from "~/modules/review-requests/send-review-email.server";
import { getCostLimiter } from "~/modules/shopify-admin/get-cost-limiter.server";

import type { sendReviewRequestJob } from "./definitions";
import type { JobContext } from "./job-context";

/**
 * Maps a send's outcome onto the queue: a throttled Admin API or a not-yet-due request puts
 * the job back without spending an attempt; a transient failure throws (BullMQ retries with
 * exponential backoff); a permanent one stops at once. Messages carry codes, never addresses.
 */
function handlerFor(kind: ReviewEmailKind) {
  return async (payload: JobPayload<typeof sendReviewRequestJob>, context: JobContext): Promise<string> => {
    const result = await sendReviewEmail(payload.shop, kind, payload, {
      limiter: getCostLimiter(),
      isFinalAttempt: context.isFinalAttempt,
    });
    switch (result.outcome) {
      case "delay":
        context.logger.info({ shop: payload.shop, kind, until: result.until.toISOString() }, "review email delayed");
        return context.delayUntil(result.until);
      case "retry":
        throw new Error(`review email not sent yet (${result.code})`);
      case "failed":
        context.logger.warn({ shop: payload.shop, kind, code: result.code }, "review email failed");
        throw new UnrecoverableError(`review email failed (${result.code})`);
      case "cancelled":
        context.logger.info({ shop: payload.shop, kind, reason: result.reason }, "review email not sent");
        return `cancelled:${result.reason}`;
      case "skipped":
        return `skipped:${result.reason}`;
      case "sent":
        context.logger.info({ shop: payload.shop, kind }, "review email sent");
        return "sent";
    }
  };
}

export const sendReviewRequest = handlerFor("request");
export const sendReviewReminder = handlerFor("reminder");
