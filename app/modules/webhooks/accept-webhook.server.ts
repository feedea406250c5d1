import { randomUUID } from "node:crypto";

import { getDb, getDatabaseDialect } from "~/db.server";
import { processWebhookJob } from "~/jobs/definitions";
import { getEnv } from "~/modules/config/get-env.server";
import { AppError } from "~/modules/errors/app-error";
import { getLogger } from "~/modules/observability/logger.server";
import { jobNameFor } from "~/modules/queue/define-job";
import { getJobProducer } from "~/modules/queue/get-job-producer.server";
import { sanitizeShopDomain, validateWebhookSignature } from "~/shopify.server";

import { minimiseWebhookEvent, WebhookPayloadError } from "./minimise-webhook-event.server";
import { parseJsonKeepingBigIntegers } from "./parse-json-keeping-big-integers";
import { readBodyWithLimit } from "./read-body-with-limit.server";
import { WebhookIntakeBatcher } from "./webhook-intake-batcher.server";
import { isKnownWebhookTopic } from "./webhook-topics";

/** Shopify's largest payloads (orders with hundreds of lines) stay far below this. */
export const WEBHOOK_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

export type WebhookOutcome = "accepted" | "duplicate" | "ignored";

const globalForBatcher = globalThis as unknown as { candorWebhookBatcher?: WebhookIntakeBatcher };

function getBatcher(): WebhookIntakeBatcher {
  globalForBatcher.candorWebhookBatcher ??= new WebhookIntakeBatcher(getDb(), getDatabaseDialect(), getJobProducer());
  return globalForBatcher.candorWebhookBatcher;
}

/**
 * The single intake path for every webhook topic: verify the HMAC, keep 64-bit ids exact,
 * reduce the payload to identifiers and blind indexes, write it durably with its outbox
 * message (a retried delivery id is a no-op), and hand it to the queue. Throws AppError
 * (400/401/413) before anything is written when the request is not a valid delivery.
 */
export async function acceptWebhook(
  request: Request,
  requestId?: string,
): Promise<{ outcome: WebhookOutcome; topic: string; shop: string }> {
  const rawBody = await readBodyWithLimit(request, WEBHOOK_BODY_LIMIT_BYTES);
  const check = await validateWebhookSignature(rawBody, request);
  if (!check.valid) {
    if (check.reason === "invalid_hmac") {
      throw new AppError("unauthorized", "Webhook HMAC signature is invalid");
    }
    const missing = "missingHeaders" in check ? (check.missingHeaders as string[]).join(", ") : "X-Shopify-Hmac-Sha256";
    throw new AppError("bad_request", `Webhook is missing required headers: ${missing}`);
  }

  const shop = sanitizeShopDomain(check.domain);
  if (!shop) throw new AppError("bad_request", "X-Shopify-Shop-Domain is not a myshopify.com domain");
  const logger = getLogger().child({ requestId, shop, topic: check.topic, webhookId: check.webhookId });

  if (!isKnownWebhookTopic(check.topic)) {
    logger.warn("webhook for a topic Candor does not subscribe to; ignored");
    return { outcome: "ignored", topic: check.topic, shop };
  }

  let event: Record<string, unknown>;
  try {
    event = minimiseWebhookEvent(check.topic, parseJsonKeepingBigIntegers(rawBody), {
      shopId: shop,
      blindIndexKey: getEnv().BLIND_INDEX_KEY,
    });
  } catch (error) {
    if (error instanceof SyntaxError) throw new AppError("bad_request", "Webhook body is not valid JSON");
    if (error instanceof WebhookPayloadError) throw new AppError("bad_request", error.message);
    throw error;
  }

  const triggeredAt = request.headers.get("x-shopify-triggered-at");
  const deliveryId = randomUUID();
  const outcome = await getBatcher().submit({
    id: deliveryId,
    shopId: shop,
    webhookId: check.webhookId,
    topic: check.topic,
    apiVersion: check.apiVersion ?? null,
    triggeredAt: triggeredAt && !Number.isNaN(Date.parse(triggeredAt)) ? new Date(triggeredAt) : null,
    receivedAt: new Date(),
    event: JSON.stringify(event),
    outbox: {
      jobName: jobNameFor(processWebhookJob),
      payload: JSON.stringify({ shop, deliveryId }),
    },
  });
  logger.info({ outcome }, "webhook received");
  return { outcome, topic: check.topic, shop };
}
