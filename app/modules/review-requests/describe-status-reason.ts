/** Why a request was not sent, in the merchant's words. Codes are what the database keeps. */
const REASONS: Record<string, string> = {
  order_cancelled: "The order was cancelled.",
  order_refunded: "Every requested product was refunded.",
  order_not_found: "The order no longer exists in Shopify.",
  customer_not_found: "The customer no longer exists in Shopify.",
  test_order: "Test order.",
  point_of_sale_order: "Point-of-sale order (excluded in settings).",
  suppressed: "The customer is on the do-not-ask list.",
  unsubscribed: "The customer unsubscribed.",
  no_products_left: "No product left to ask about (deleted or excluded by tag).",
  already_requested: "The customer was already asked about these products.",
  consent_not_subscribed: "The customer is not subscribed to email marketing, and consent is required for them.",
  consent_withdrawn: "The customer withdrew consent (unsubscribed from email marketing) before the email was due.",
  // Codes of requests recorded before the consent ledger; kept so old rows still read well.
  no_marketing_consent: "The customer is not subscribed to email marketing (consent required).",
  customer_opted_out: "The customer opted out of email marketing.",
  no_email_address: "No email address in Shopify for this customer.",
  customer_cap_reached: "The customer reached the limit of requests per 30 days.",
  shop_uninstalled: "Candor was uninstalled from the shop.",
  link_expired: "The review link expired before the email could be sent.",
  channel_not_email: "The shop sends through Shopify Flow, not email.",
  flow_trigger_refused: "Shopify Flow refused the trigger.",
  address_rejected: "The customer's mail server refused the address.",
  retries_exhausted: "Sending failed repeatedly; no further attempt.",
  outcome_unknown: "Sending was interrupted; not retried, to avoid a duplicate email.",
};

export function describeStatusReason(code: string | null): string {
  if (!code) return "";
  return REASONS[code] ?? code.replaceAll("_", " ");
}
