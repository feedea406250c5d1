import { createHmac, randomUUID } from "node:crypto";

export interface WebhookToSend {
  appUrl: string;
  topic: string;
  shop: string;
  body: string;
  apiSecret: string;
  webhookId?: string;
  headers?: Record<string, string>;
}

/** Posts a webhook signed the way Shopify signs it (base64 HMAC-SHA256 of the raw body). */
export function postSignedWebhook(webhook: WebhookToSend): Promise<Response> {
  const hmac = createHmac("sha256", webhook.apiSecret).update(webhook.body, "utf8").digest("base64");
  return fetch(`${webhook.appUrl}/webhooks`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Hmac-Sha256": hmac,
      "X-Shopify-Topic": webhook.topic,
      "X-Shopify-Shop-Domain": webhook.shop,
      "X-Shopify-Webhook-Id": webhook.webhookId ?? randomUUID(),
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Triggered-At": new Date().toISOString(),
      ...webhook.headers,
    },
    body: webhook.body,
  });
}
