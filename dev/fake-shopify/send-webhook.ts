/**
 * Delivers a webhook to the app the way Shopify does: the raw body, signed with the app's
 * API secret (base64 HMAC-SHA256 in X-Shopify-Hmac-Sha256), with Shopify's headers.
 */
import { createHmac, randomUUID } from "node:crypto";

export interface SendWebhookOptions {
  /** Origin of the app, e.g. "http://127.0.0.1:3000". */
  appUrl: string;
  /** Path the webhook is subscribed to, e.g. "/webhooks". */
  path: string;
  topic: string;
  shop: string;
  /** Sent byte for byte; the signature covers exactly this text. */
  body: string;
  apiSecret: string;
  /** Shopify's delivery id; reuse one to simulate a retry of the same delivery. */
  webhookId?: string;
  apiVersion?: string;
  eventId?: string;
  triggeredAt?: string;
  /** Override the signature, e.g. to test rejection of a forged webhook. */
  hmac?: string;
  signal?: AbortSignal;
}

export function signWebhookBody(body: string, apiSecret: string): string {
  return createHmac("sha256", apiSecret).update(body, "utf8").digest("base64");
}

export function webhookHeaders(options: SendWebhookOptions): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "X-Shopify-Topic": options.topic,
    "X-Shopify-Shop-Domain": options.shop,
    "X-Shopify-Hmac-Sha256": options.hmac ?? signWebhookBody(options.body, options.apiSecret),
    "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
    "X-Shopify-API-Version": options.apiVersion ?? "2026-10",
    "X-Shopify-Event-Id": options.eventId ?? randomUUID(),
    "X-Shopify-Triggered-At": options.triggeredAt ?? new Date().toISOString(),
  };
}

export function sendWebhook(options: SendWebhookOptions): Promise<Response> {
  const url = new URL(options.path, options.appUrl);
  return fetch(url, {
    method: "POST",
    headers: webhookHeaders(options),
    body: options.body,
    signal: options.signal,
  });
}
