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

export const JOB_DEFINITIONS: readonly JobDefinition[] = [processWebhookJob];

const byJobName = new Map(JOB_DEFINITIONS.map((definition) => [jobNameFor(definition), definition]));

/** Resolves a stored or queued job name (`name@vN`) to its definition. */
export function findJobDefinition(jobName: string): JobDefinition | undefined {
  return byJobName.get(jobName);
}

export const QUEUE_NAMES = [...new Set(JOB_DEFINITIONS.map((definition) => definition.queue))];
