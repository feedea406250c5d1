import type { MinimisedWebhookEvent } from "./minimise-webhook-event.server";

/** Whom a minimised webhook event is about, as stored beside it for lookups by customer. */
export interface WebhookEventMentions {
  customerRef: string | null;
  emailRef: string | null;
  /** Order GIDs, without repeats: one for order, fulfilment and refund topics, a list for compliance requests. */
  orderIds: string[];
}

const textOrNull = (value: unknown) => (typeof value === "string" && value.length > 0 ? value : null);

/**
 * The customer (blind indexes) and the orders a minimised event names. Reads the same keys
 * the database migration backfilled from older events: `customerRef`, `emailRef`, `orderId`
 * and the compliance topics' `orderIds`.
 */
export function listWebhookEventMentions(event: MinimisedWebhookEvent): WebhookEventMentions {
  const orderIds = new Set<string>();
  const single = textOrNull(event.orderId);
  if (single) orderIds.add(single);
  if (Array.isArray(event.orderIds)) {
    for (const orderId of event.orderIds) {
      const text = textOrNull(orderId);
      if (text) orderIds.add(text);
    }
  }
  return { customerRef: textOrNull(event.customerRef), emailRef: textOrNull(event.emailRef), orderIds: [...orderIds] };
}
