import { createHmac } from "node:crypto";

import { describe, expect, it } from "vitest";

import { verifyWebhookRequest } from "./verify-webhook-request.server";

const SECRET = "app-secret";
const body = '{"id":820982911946154508}';
const sign = (text: string, secret = SECRET) => createHmac("sha256", secret).update(text, "utf8").digest("base64");

function headers(overrides: Record<string, string | null> = {}): Headers {
  const values: Record<string, string | null> = {
    "X-Shopify-Hmac-Sha256": sign(body),
    "X-Shopify-Topic": "orders/fulfilled",
    "X-Shopify-Shop-Domain": "Demo-Shop.myshopify.com",
    "X-Shopify-Webhook-Id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
    "X-Shopify-API-Version": "2026-10",
    "X-Shopify-Triggered-At": "2026-11-29T10:00:00.000Z",
    ...overrides,
  };
  const result = new Headers();
  for (const [name, value] of Object.entries(values)) if (value !== null) result.set(name, value);
  return result;
}

describe("verifyWebhookRequest", () => {
  it("accepts Shopify's signature and reads the delivery headers", () => {
    expect(verifyWebhookRequest(headers(), body, SECRET)).toEqual({
      topic: "orders/fulfilled",
      shop: "demo-shop.myshopify.com",
      webhookId: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
      apiVersion: "2026-10",
      triggeredAt: new Date("2026-11-29T10:00:00.000Z"),
    });
  });

  it.each([
    ["another secret", headers({ "X-Shopify-Hmac-Sha256": sign(body, "other") })],
    ["a body changed by one byte", headers({ "X-Shopify-Hmac-Sha256": sign(body.replace("8}", "9}")) })],
    ["a truncated signature", headers({ "X-Shopify-Hmac-Sha256": sign(body).slice(0, 20) })],
    ["garbage", headers({ "X-Shopify-Hmac-Sha256": "not-base64!!" })],
  ])("answers 401 to %s", (_case, sent) => {
    expect(() => verifyWebhookRequest(sent, body, SECRET)).toThrow(expect.objectContaining({ status: 401 }));
  });

  it("answers 400 naming every missing header", () => {
    expect(() => verifyWebhookRequest(headers({ "X-Shopify-Topic": null, "X-Shopify-Webhook-Id": null }), body, SECRET)).toThrow(
      "Webhook is missing required headers: X-Shopify-Topic, X-Shopify-Webhook-Id",
    );
  });

  it("answers 400 to a shop that is not a myshopify.com domain, even when signed", () => {
    expect(() => verifyWebhookRequest(headers({ "X-Shopify-Shop-Domain": "evil.example.com" }), body, SECRET)).toThrow(
      expect.objectContaining({ status: 400 }),
    );
  });
});
