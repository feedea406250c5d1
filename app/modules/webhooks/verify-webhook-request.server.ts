import { createHmac, timingSafeEqual } from "node:crypto";

import { AppError } from "~/modules/errors/app-error";

/** Lower-case header lookup: a Fetch `Headers` or anything shaped like it. */
export interface WebhookHeaders {
  get(name: string): string | null;
}

export interface VerifiedWebhookHeaders {
  /** As Shopify names it in the header: `orders/fulfilled`. */
  topic: string;
  shop: string;
  webhookId: string;
  apiVersion: string;
  triggeredAt: Date | null;
}

const MYSHOPIFY_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/**
 * Checks a webhook the way Shopify signs it: base64 HMAC-SHA256 of the exact raw body with
 * the app's secret, compared in constant time. Missing headers → 400; a wrong signature →
 * 401. Done here rather than through the SDK's request adapter because it runs on every
 * delivery and needs nothing but the body and five headers.
 */
export function verifyWebhookRequest(headers: WebhookHeaders, rawBody: string, apiSecret: string): VerifiedWebhookHeaders {
  const hmac = headers.get("x-shopify-hmac-sha256");
  const required = {
    "X-Shopify-Hmac-Sha256": hmac,
    "X-Shopify-Topic": headers.get("x-shopify-topic"),
    "X-Shopify-Shop-Domain": headers.get("x-shopify-shop-domain"),
    "X-Shopify-Webhook-Id": headers.get("x-shopify-webhook-id"),
    "X-Shopify-API-Version": headers.get("x-shopify-api-version"),
  };
  const missing = Object.entries(required).filter(([, value]) => !value).map(([name]) => name);
  if (missing.length > 0) {
    throw new AppError("bad_request", `Webhook is missing required headers: ${missing.join(", ")}`);
  }

  const expected = createHmac("sha256", apiSecret).update(rawBody, "utf8").digest();
  const received = Buffer.from(hmac!, "base64");
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    throw new AppError("unauthorized", "Webhook HMAC signature is invalid");
  }

  const shop = required["X-Shopify-Shop-Domain"]!.trim().toLowerCase();
  if (!MYSHOPIFY_DOMAIN.test(shop)) {
    throw new AppError("bad_request", "X-Shopify-Shop-Domain is not a myshopify.com domain");
  }
  const webhookId = required["X-Shopify-Webhook-Id"]!.trim();
  if (webhookId.length > 255) throw new AppError("bad_request", "X-Shopify-Webhook-Id is too long");
  const triggeredAt = headers.get("x-shopify-triggered-at");
  return {
    topic: required["X-Shopify-Topic"]!.trim(),
    shop,
    webhookId,
    apiVersion: required["X-Shopify-API-Version"]!.trim().slice(0, 20),
    triggeredAt: triggeredAt && !Number.isNaN(Date.parse(triggeredAt)) ? new Date(triggeredAt) : null,
  };
}
