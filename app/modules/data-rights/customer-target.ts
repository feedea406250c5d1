import type { CustomerRefs } from "~/modules/consent/customer-refs";

/**
 * Everything that identifies one customer's records in Candor: the blind indexes of their
 * customer GID and email, and orders named by the request (Shopify's `orders_to_redact`).
 */
export interface CustomerTarget extends CustomerRefs {
  orderIds: string[];
}
