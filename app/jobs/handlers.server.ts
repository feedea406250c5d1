import type { JobContext } from "./job-context";
import { processWebhook } from "./process-webhook.handler.server";
import { planRetentionPurge, purgeShopData } from "./retention-purge.handler.server";
import { sendReviewReminder, sendReviewRequest } from "./send-review-email.handler.server";

export type JobHandler = (payload: never, context: JobContext) => Promise<unknown>;

/** Job name (without version) → handler. Every definition in definitions.ts has one. */
export const JOB_HANDLERS: Record<string, JobHandler> = {
  "process-webhook": processWebhook as JobHandler,
  "send-review-request": sendReviewRequest as JobHandler,
  "send-review-reminder": sendReviewReminder as JobHandler,
  "plan-retention-purge": planRetentionPurge as JobHandler,
  "purge-expired-data": purgeShopData as JobHandler,
};
