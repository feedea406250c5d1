import { z } from "zod";

import { AUDIT_ACTIONS } from "./audit-actions";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .optional()
  .or(z.literal("").transform(() => undefined));

/** The audit log's filters, as the admin's query string and the CSV export take them. */
export const auditLogFiltersSchema = z.object({
  action: z.enum(AUDIT_ACTIONS).optional().or(z.literal("").transform(() => undefined)),
  actor: z.string().trim().max(100).optional().transform((value) => value || undefined),
  outcome: z.enum(["allowed", "denied"]).optional().or(z.literal("").transform(() => undefined)),
  from: day,
  to: day,
});

export type AuditLogFilters = z.output<typeof auditLogFiltersSchema>;
