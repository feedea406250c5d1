import { z } from "zod";

import { customerLookupSchema, type CustomerLookup } from "./customer-lookup";

/** The ways the admin's lookup form can name a customer. */
export const CUSTOMER_LOOKUP_KINDS = ["customerId", "email", "orderId"] as const;
export type CustomerLookupKind = (typeof CUSTOMER_LOOKUP_KINDS)[number];

const formSchema = z.object({
  by: z.enum(CUSTOMER_LOOKUP_KINDS).catch("customerId"),
  value: z.string().max(1_000).catch(""),
});

const HINTS: Record<CustomerLookupKind, string> = {
  customerId: "Enter the customer's ID: the number at the end of their admin address (gid://shopify/Customer/… works too).",
  email: "Enter the customer's email address.",
  orderId: "Enter the order's ID: the number at the end of its admin address, not the order name such as #1001.",
};

export type ParsedCustomerLookupForm =
  | { ok: true; by: CustomerLookupKind; value: string; lookup: CustomerLookup }
  | { ok: false; by: CustomerLookupKind; value: string; message: string };

/**
 * The admin form's two fields (`by`: customerId | email | orderId, and `value`) as a
 * validated customer lookup, or the hint to show beside the field. Pure; ids stay text.
 */
export function parseCustomerLookupForm(input: Record<string, unknown>): ParsedCustomerLookupForm {
  const { by, value } = formSchema.parse({ by: input.by, value: input.value });
  const trimmed = value.trim();
  const parsed = customerLookupSchema.safeParse({ [by]: trimmed });
  if (trimmed === "" || !parsed.success) return { ok: false, by, value: trimmed, message: HINTS[by] };
  return { ok: true, by, value: trimmed, lookup: parsed.data };
}
