import { z } from "zod";

import { defineJob, jobNameFor, type JobDefinition } from "~/modules/queue/define-job";

const shopDomain = z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "a myshopify.com domain");

/** Applies one accepted webhook delivery: the payload names the stored, minimised event. */
export const processWebhookJob = defineJob({
  name: "process-webhook",
  version: 1,
  queue: "webhooks",
  payload: z.strictObject({ shop: shopDomain, deliveryId: z.uuid() }),
  attempts: 8,
  backoffMs: 2_000,
});

const gid = (type: string) => z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`), `a Shopify ${type} GID`);

/**
 * The whole of a review email's job: the order, its products and the review link — nothing
 * about the customer. `strictObject` refuses any other key, on enqueue and again on run.
 */
const reviewEmailPayload = z.strictObject({
  shop: shopDomain,
  orderId: gid("Order"),
  productIds: z.array(gid("Product")).min(1).max(10),
  reviewLink: z.url({ protocol: /^https$/ }),
});

export type ReviewEmailPayload = z.output<typeof reviewEmailPayload>;

/** Sends a review request at its due time (delayed job; id `review-request-<request id>`). */
export const sendReviewRequestJob = defineJob({
  name: "send-review-request",
  version: 1,
  queue: "review-emails",
  payload: reviewEmailPayload,
  attempts: 8,
  backoffMs: 30_000,
});

/** The single optional reminder (id `review-reminder-<request id>`). */
export const sendReviewReminderJob = defineJob({
  name: "send-review-reminder",
  version: 1,
  queue: "review-emails",
  payload: reviewEmailPayload,
  attempts: 8,
  backoffMs: 30_000,
});

export const JOB_DEFINITIONS: readonly JobDefinition[] = [processWebhookJob, sendReviewRequestJob, sendReviewReminderJob];

/** Deterministic job ids: a replayed schedule or relay cannot queue a second send. */
export const reviewEmailJobId = (kind: "request" | "reminder", reviewRequestId: string) => `review-${kind}-${reviewRequestId}`;

const byJobName = new Map(JOB_DEFINITIONS.map((definition) => [jobNameFor(definition), definition]));

/** Resolves a stored or queued job name (`name@vN`) to its definition. */
export function findJobDefinition(jobName: string): JobDefinition | undefined {
  return byJobName.get(jobName);
}

export const QUEUE_NAMES = [...new Set(JOB_DEFINITIONS.map((definition) => definition.queue))];
