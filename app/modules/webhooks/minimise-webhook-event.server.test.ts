import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { computeBlindIndex } from "~/modules/crypto/compute-blind-index.server";

import { minimiseWebhookEvent, WebhookPayloadError } from "./minimise-webhook-event.server";
import { parseJsonKeepingBigIntegers } from "./parse-json-keeping-big-integers";
import { WEBHOOK_TOPICS, type WebhookTopic } from "./webhook-topics";

const fixture = (topic: string) =>
  readFileSync(new URL(`../../../tests/fixtures/shopify-webhooks/${topic}.json`, import.meta.url), "utf8");

const context = { shopId: "demo.myshopify.com", blindIndexKey: randomBytes(32) };

/** Every string value of a payload that is personal data: names, emails, phones, addresses. */
function personalValues(text: string): string[] {
  const values = new Set<string>();
  const walk = (value: unknown, key = ""): void => {
    if (Array.isArray(value)) value.forEach((item) => walk(item, key));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, k);
    else if (typeof value === "string" && value.length > 2 && /email|name|phone|address|city|zip|province|latitude|longitude|note|ip/.test(key) && !/^(source_name|name)$/.test(key)) {
      values.add(value);
    }
  };
  walk(JSON.parse(text));
  return [...values];
}

const fixtures: [string, WebhookTopic][] = Object.entries(WEBHOOK_TOPICS).filter(([topic]) => topic !== "app/scopes_update");

describe("minimiseWebhookEvent", () => {
  it.each(fixtures)("keeps no personal data of Shopify's %s sample", (topic, storageTopic) => {
    const text = fixture(topic);
    const event = JSON.stringify(minimiseWebhookEvent(storageTopic, parseJsonKeepingBigIntegers(text), context));
    const personal = personalValues(text);
    for (const value of personal) expect(event, `${topic} kept ${value}`).not.toContain(value);
    expect(event).not.toMatch(/@example\.com|@biller\.com|@supertoys\.com/);
  });

  it("keeps the order, its products and keyed references to the customer", () => {
    const event = minimiseWebhookEvent("ORDERS_FULFILLED", parseJsonKeepingBigIntegers(fixture("orders/fulfilled")), context) as {
      orderId: string;
      customerRef: string;
      emailRef: string;
      test: boolean;
      tags: string[];
      lineItems: { productId: string | null; quantity: number }[];
    };
    expect(event.orderId).toBe("gid://shopify/Order/820982911946154508");
    expect(event.customerRef).toBe(computeBlindIndex(context.blindIndexKey, context.shopId, "customer", "gid://shopify/Customer/115310627314723954"));
    expect(event.emailRef).toBe(computeBlindIndex(context.blindIndexKey, context.shopId, "email", "john@example.com"));
    expect(event.test).toBe(true);
    expect(event.tags).toEqual(["tag1", "tag2"]);
    expect(event.lineItems[0]).toMatchObject({ productId: "gid://shopify/Product/788032119674292900", quantity: 1 });
  });

  it("references the same customer from the redact request as from their orders", () => {
    const redact = minimiseWebhookEvent("CUSTOMERS_REDACT", parseJsonKeepingBigIntegers(fixture("customers/redact")), context) as {
      customerRef: string;
      orderIds: string[];
    };
    expect(redact.customerRef).toBe(computeBlindIndex(context.blindIndexKey, context.shopId, "customer", "gid://shopify/Customer/191167"));
    expect(redact.orderIds).toEqual(["gid://shopify/Order/299938", "gid://shopify/Order/280263", "gid://shopify/Order/220458"]);
  });

  it("rejects a payload that does not fit its topic, naming the fields", () => {
    expect(() => minimiseWebhookEvent("REFUNDS_CREATE", { id: 1 }, context)).toThrow(WebhookPayloadError);
    expect(() => minimiseWebhookEvent("REFUNDS_CREATE", { id: 1 }, context)).toThrow(/order_id/);
  });
});
