import { z } from "zod";

/** The stored, minimised `customers/data_request` and `customers/redact` events. */
export const complianceEventSchema = z.object({
  customerRef: z.string().nullable(),
  emailRef: z.string().nullable(),
  orderIds: z.array(z.string()),
  dataRequestId: z.union([z.string(), z.number()]).nullable().transform((value) => (value === null ? null : String(value))),
});
