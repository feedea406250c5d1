import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { computeBlindIndex } from "~/modules/crypto/compute-blind-index.server";

import { listWebhookEventMentions } from "./list-webhook-event-mentions";
import { minimiseWebhookEvent } from "./minimise-webhook-event.server";
import { parseJsonKeepingBigIntegers } from "./parse-json-keeping-big-integers";
import type { WebhookTopic } from "./webhook-topics";

const context = { shopId: "demo.myshopify.com", blindIndexKey: randomBytes(32) };
const customerGidRef = (gid: string) => computeBlindIndex(context.blindIndexKey, context.shopId, "customer", gid);
const customerRef = (id: number) => customerGidRef(`gid://shopify/Customer/${id}`);
const emailRef = (email: string) => computeBlindIndex(context.blindIndexKey, context.shopId, "email", email);

function mentionsOf(fixture: string, topic: WebhookTopic) {
  const text = readFileSync(new URL(`../../../tests/fixtures/shopify-webhooks/${fixture}.json`, import.meta.url), "utf8");
  const payload = parseJsonKeepingBigIntegers(text) as Record<string, unknown>;
  return { payload, mentions: listWebhookEventMentions(minimiseWebhookEvent(topic, payload, context)) };
}

describe("listWebhookEventMentions", () => {
  it("names the customer and the one order of an order event", () => {
    const { payload, mentions } = mentionsOf("orders/fulfilled", "ORDERS_FULFILLED");
    const customer = payload.customer as { admin_graphql_api_id: string; email: string };
    expect(mentions).toEqual({
      customerRef: customerGidRef(customer.admin_graphql_api_id),
      emailRef: emailRef(customer.email),
      orderIds: [payload.admin_graphql_api_id],
    });
  });

  it("names every order a compliance request lists", () => {
    const { payload, mentions } = mentionsOf("customers/redact", "CUSTOMERS_REDACT");
    const customer = payload.customer as { id: number; email: string };
    expect(mentions.customerRef).toBe(customerRef(Number(customer.id)));
    expect(mentions.emailRef).toBe(emailRef(customer.email));
    expect(mentions.orderIds).toEqual((payload.orders_to_redact as number[]).map((id) => `gid://shopify/Order/${id}`));
    expect(mentions.orderIds.length).toBeGreaterThan(1);
  });

  it("names only the order of a fulfilment event, which carries no customer", () => {
    const { payload, mentions } = mentionsOf("fulfillment_events/create", "FULFILLMENT_EVENTS_CREATE");
    expect(mentions).toEqual({ customerRef: null, emailRef: null, orderIds: [`gid://shopify/Order/${payload.order_id}`] });
  });

  it("names nobody in a shop-wide event", () => {
    expect(mentionsOf("app/uninstalled", "APP_UNINSTALLED").mentions).toEqual({ customerRef: null, emailRef: null, orderIds: [] });
  });

  it("ignores values that are not identifiers and names an order once", () => {
    expect(listWebhookEventMentions({ customerRef: 7, emailRef: "", orderId: "gid://shopify/Order/1", orderIds: ["gid://shopify/Order/1", null] })).toEqual({
      customerRef: null,
      emailRef: null,
      orderIds: ["gid://shopify/Order/1"],
    });
  });
});
