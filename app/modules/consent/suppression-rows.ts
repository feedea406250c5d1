import type { CustomerTable } from "~/db/select-by-customer.server";

/** Suppressions as the send-time and scheduling checks read them (`selectByCustomer`). */
export const SUPPRESSION_ROWS: CustomerTable = {
  statement: "suppressions",
  name: "Suppression",
  postgresColumns: `t."id", t."shopId", t."customerRef", t."emailRef", t."appliesToOrdersBefore" AT TIME ZONE 'UTC' AS "appliesToOrdersBefore"`,
  sqliteColumns: `t."id", t."shopId", t."customerRef", t."emailRef", t."appliesToOrdersBefore"`,
  condition: "TRUE",
};
