import { z } from "zod";

/**
 * How a merchant, a support agent or a DSAR tool names the customer: Shopify customer id (GID
 * or the bare number — kept as text, so ids above 2^53 stay exact), email, or an order.
 */
export const customerLookupSchema = z.union([
  z.strictObject({
    customerId: z
      .string()
      .trim()
      .regex(/^(gid:\/\/shopify\/Customer\/)?\d{1,20}$/, "must be a Shopify customer id or GID")
      .transform((value) => (value.startsWith("gid://") ? value : `gid://shopify/Customer/${value}`)),
  }),
  z.strictObject({ email: z.email("must be an email address").trim().max(320) }),
  z.strictObject({
    orderId: z
      .string()
      .trim()
      .regex(/^(gid:\/\/shopify\/Order\/)?\d{1,20}$/, "must be a Shopify order id or GID")
      .transform((value) => (value.startsWith("gid://") ? value : `gid://shopify/Order/${value}`)),
  }),
]);

export type CustomerLookup = z.output<typeof customerLookupSchema>;
