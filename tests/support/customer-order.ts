/**
 * An orders/fulfilled body in Shopify's REST shape carrying a customer's personal data, with
 * ids above 2^53 written as raw digits (as Shopify sends them).
 */
export const PERSONAL_DATA = {
  email: "margot.vasseur.candor@example.org",
  firstName: "Margot",
  lastName: "Vasseur-Quillet",
  phone: "+33 6 55 01 23 45",
  address1: "17 rue des Tanneurs",
  city: "Besançonville",
  zip: "25999",
} as const;

export function orderFulfilledBody(ids: { order: string; customer: string; product: string; lineItem: string }): string {
  const p = PERSONAL_DATA;
  const address = `{"first_name":"${p.firstName}","last_name":"${p.lastName}","address1":"${p.address1}","city":"${p.city}","zip":"${p.zip}","phone":"${p.phone}","country_code":"FR","name":"${p.firstName} ${p.lastName}"}`;
  return `{"id":${ids.order},"admin_graphql_api_id":"gid://shopify/Order/${ids.order}","email":"${p.email}","contact_email":"${p.email}","phone":"${p.phone}","test":false,"source_name":"web","tags":"vip, repeat","cancelled_at":null,"fulfillment_status":"fulfilled","financial_status":"paid","customer_locale":"fr","processed_at":"2026-11-20T10:00:00Z","total_price":"129.00","note":"Merci ${p.firstName}","customer":{"id":${ids.customer},"admin_graphql_api_id":"gid://shopify/Customer/${ids.customer}","email":"${p.email}","first_name":"${p.firstName}","last_name":"${p.lastName}","phone":"${p.phone}","default_address":${address}},"billing_address":${address},"shipping_address":${address},"line_items":[{"id":${ids.lineItem},"admin_graphql_api_id":"gid://shopify/LineItem/${ids.lineItem}","product_id":${ids.product},"variant_id":${ids.product}1,"quantity":2,"fulfillment_status":"fulfilled","gift_card":false,"name":"Linen shirt","price":"64.50"}]}`;
}
