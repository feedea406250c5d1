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

/**
 * Started by the repeating retention-purge schedule: queues one purge per shop. Holds no
 * identifiers at all.
 */
export const planRetentionPurgeJob = defineJob({
  name: "plan-retention-purge",
  version: 1,
  queue: "maintenance",
  payload: z.strictObject({}),
  attempts: 3,
  backoffMs: 60_000,
  removeWhenFinished: true,
});

/**
 * Applies the shop's retention windows (id `retention-purge-<shop>`, so two never run at once
 * for a shop). A failed attempt leaves its run "interrupted"; the retry, or the next hour's
 * run, carries it on.
 */
export const purgeExpiredDataJob = defineJob({
  name: "purge-expired-data",
  version: 1,
  queue: "maintenance",
  payload: z.strictObject({ shop: shopDomain }),
  attempts: 3,
  backoffMs: 60_000,
  removeWhenFinished: true,
});

export const JOB_DEFINITIONS: readonly JobDefinition[] = [
  processWebhookJob,
  sendReviewRequestJob,
  sendReviewReminderJob,
  planRetentionPurgeJob,
  purgeExpiredDataJob,
];

export const retentionPurgeJobId = (shop: string) => `retention-purge-${shop}`;

/** Deterministic job ids: a replayed schedule or relay cannot queue a second send. */
export const reviewEmailJobId = (kind: "request" | "reminder", reviewRequestId: string) => `review-${kind}-${reviewRequestId}`;

/** The review request a review email's job (or outbox message) id names; null for any other id. */
export function reviewRequestIdOfJob(jobId: string): string | null {
  return /^review-(?:request|reminder)-(.+)$/.exec(jobId)?.[1] ?? null;
}

const byJobName = new Map(JOB_DEFINITIONS.map((definition) => [jobNameFor(definition), definition]));

/** Resolves a stored or queued job name (`name@vN`) to its definition. */
export function findJobDefinition(jobName: string): JobDefinition | undefined {
  return byJobName.get(jobName);
}

export const QUEUE_NAMES = [...new Set(JOB_DEFINITIONS.map((definition) => definition.queue))];
