import { randomUUID } from "node:crypto";

import { getDb } from "~/db.server";
import { getDirectConnection } from "~/db/direct-connection.server";
import { processWebhookJob } from "~/jobs/definitions";
import { getEnv } from "~/modules/config/get-env.server";
import { AppError } from "~/modules/errors/app-error";
import { getLogger } from "~/modules/observability/logger.server";
import { jobNameFor } from "~/modules/queue/define-job";
import { getJobProducer } from "~/modules/queue/get-job-producer.server";

import { listWebhookEventMentions } from "./list-webhook-event-mentions";
import { minimiseWebhookEvent, WebhookPayloadError } from "./minimise-webhook-event.server";
import { parseJsonKeepingBigIntegers } from "./parse-json-keeping-big-integers";
import { WebhookIntakeBatcher } from "./webhook-intake-batcher.server";
import { verifyWebhookRequest, type WebhookHeaders } from "./verify-webhook-request.server";
import { WEBHOOK_TOPICS } from "./webhook-topics";

export type WebhookOutcome = "accepted" | "duplicate" | "ignored";

const globalForBatcher = globalThis as unknown as { candorWebhookBatcher?: WebhookIntakeBatcher };

function getBatcher(): WebhookIntakeBatcher {
  globalForBatcher.candorWebhookBatcher ??= new WebhookIntakeBatcher(getDirectConnection(), getDb(), getJobProducer());
  return globalForBatcher.candorWebhookBatcher;
}

/**
 * The single intake path for every webhook topic: verify the HMAC, keep 64-bit ids exact,
 * reduce the payload to identifiers and blind indexes, write it durably with its outbox
 * message (a retried delivery id is a no-op), and hand it to the queue. Throws AppError
 * (400/401) before anything is written when the request is not a valid delivery.
 */
export async function acceptWebhook(delivery: {
  headers: WebhookHeaders;
  rawBody: string;
  requestId?: string;
}): Promise<{ outcome: WebhookOutcome; topic: string; shop: string }> {
  const { rawBody, requestId } = delivery;
  const env = getEnv();
  const webhook = verifyWebhookRequest(delivery.headers, rawBody, env.SHOPIFY_API_SECRET);
  const { shop } = webhook;
  const topic = WEBHOOK_TOPICS[webhook.topic as keyof typeof WEBHOOK_TOPICS];
  const logContext = { requestId, shop, topic: webhook.topic, webhookId: webhook.webhookId };

  if (!topic) {
    getLogger().warn(logContext, "webhook for a topic Candor does not subscribe to; ignored");
    return { outcome: "ignored", topic: webhook.topic, shop };
  }

  let event: Record<string, unknown>;
  try {
    event = minimiseWebhookEvent(topic, parseJsonKeepingBigIntegers(rawBody), {
      shopId: shop,
      blindIndexKey: env.BLIND_INDEX_KEY,
    });
  } catch (error) {
    if (error instanceof SyntaxError) throw new AppError("bad_request", "Webhook body is not valid JSON");
    if (error instanceof WebhookPayloadError) throw new AppError("bad_request", error.message);
    throw error;
  }

  const deliveryId = randomUUID();
  const outcome = await getBatcher().submit({
    id: deliveryId,
    shopId: shop,
    webhookId: webhook.webhookId,
    topic,
    apiVersion: webhook.apiVersion,
    triggeredAt: webhook.triggeredAt,
    receivedAt: new Date(),
    event: JSON.stringify(event),
    mentions: listWebhookEventMentions(event),
    outbox: {
      jobName: jobNameFor(processWebhookJob),
      payload: JSON.stringify({ shop, deliveryId }),
    },
  });
  getLogger().info({ ...logContext, outcome }, "webhook received");
  return { outcome, topic: webhook.topic, shop };
}
