/** Singular and plural words for each store of the data map, as a merchant reads them. */
const NOUNS: Record<string, readonly [string, string]> = {
  ReviewRequest: ["review request", "review requests"],
  RequestedProduct: ["requested product", "requested products"],
  SendAttempt: ["send attempt", "send attempts"],
  Review: ["review", "reviews"],
  Suppression: ["do-not-ask entry", "do-not-ask entries"],
  ConsentEntry: ["consent record", "consent records"],
  DataRequest: ["data request register entry", "data request register entries"],
  OutboxMessage: ["outbox message", "outbox messages"],
  WebhookDelivery: ["store event", "store events"],
  "send-review-request": ["queued review email", "queued review emails"],
  "send-review-reminder": ["queued reminder", "queued reminders"],
};

/** "2 review requests", "1 store event": a store's name with a count, for lists and receipts. */
export function describeDataStore(store: string, count: number): string {
  const [one, many] = NOUNS[store] ?? [store, store];
  return `${count} ${count === 1 ? one : many}`;
}
