/**
 * Every webhook topic Candor subscribes to (shopify.app.toml declares the same list; a test
 * keeps the two in step). Keys are the header form, values the storage form Shopify's SDK
 * reports (`orders/fulfilled` → `ORDERS_FULFILLED`).
 */
export const WEBHOOK_TOPICS = {
  "app/uninstalled": "APP_UNINSTALLED",
  "app/scopes_update": "APP_SCOPES_UPDATE",
  "orders/fulfilled": "ORDERS_FULFILLED",
  "orders/cancelled": "ORDERS_CANCELLED",
  "fulfillments/create": "FULFILLMENTS_CREATE",
  "fulfillments/update": "FULFILLMENTS_UPDATE",
  "fulfillment_events/create": "FULFILLMENT_EVENTS_CREATE",
  "refunds/create": "REFUNDS_CREATE",
  "customers_email_marketing_consent/update": "CUSTOMERS_EMAIL_MARKETING_CONSENT_UPDATE",
  "customers/data_request": "CUSTOMERS_DATA_REQUEST",
  "customers/redact": "CUSTOMERS_REDACT",
  "shop/redact": "SHOP_REDACT",
} as const;

export type WebhookTopic = (typeof WEBHOOK_TOPICS)[keyof typeof WEBHOOK_TOPICS];
