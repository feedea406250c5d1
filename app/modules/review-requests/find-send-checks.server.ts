import { getDirectConnection } from "~/db/direct-connection.server";
import { prepareSqliteStatement } from "~/db/prepare-sqlite-statement";
import { timestampFromDb } from "~/db/sql-timestamps";
import type { CustomerRefs } from "~/modules/consent/customer-refs";
import { deriveConsentState } from "~/modules/consent/derive-consent-state";
import { isSameCustomer } from "~/modules/consent/is-same-customer";
import { suppressionCoversOrder } from "~/modules/consent/suppression-covers-order";

export interface SendCheckQuery {
  shopId: string;
  reviewRequestId: string;
  /** The customer's blind indexes, stored and current. */
  knownAs: readonly CustomerRefs[];
  /** Stands in for the order's date when deciding whether an erasure covers it. */
  orderPlacedAt: Date | null;
  /** Whether the customer's other requests matter (caps and one request per product). */
  withOtherRequests: boolean;
}

export interface SendChecks {
  suppressed: boolean;
  ledgerConsent: { state: string; source: string; occurredAt: Date; recordedAt: Date } | null;
  /** The customer's other requests being sent or sent, in this shop. */
  otherRequests: Array<{ productIds: string[]; sentAt: Date | null }>;
}

/** Rows of a customer table, found by (shop, customer index) or (shop, email index). */
interface CustomerTable {
  name: string;
  /** Select list (PostgreSQL: timestamps read `AT TIME ZONE 'UTC'`). */
  postgresColumns: string;
  sqliteColumns: string;
  /** An extra condition on the table's rows (alias `t`). */
  condition: string;
}

const SUPPRESSIONS: CustomerTable = {
  name: "Suppression",
  postgresColumns: `t."id", t."shopId", t."customerRef", t."emailRef", t."appliesToOrdersBefore" AT TIME ZONE 'UTC' AS "appliesToOrdersBefore"`,
  sqliteColumns: `t."id", t."shopId", t."customerRef", t."emailRef", t."appliesToOrdersBefore"`,
  condition: "TRUE",
};
const LEDGER: CustomerTable = {
  name: "ConsentEntry",
  postgresColumns: `t."id", t."shopId", t."customerRef", t."emailRef", t."state", t."source",
    t."occurredAt" AT TIME ZONE 'UTC' AS "occurredAt", t."recordedAt" AT TIME ZONE 'UTC' AS "recordedAt"`,
  sqliteColumns: `t."id", t."shopId", t."customerRef", t."emailRef", t."state", t."source", t."occurredAt", t."recordedAt"`,
  condition: "TRUE",
};
const REQUESTS_ASKED: CustomerTable = {
  name: "ReviewRequest",
  postgresColumns: `t."id", t."shopId", t."customerRef", t."emailRef", t."productIds", t."sentAt" AT TIME ZONE 'UTC' AS "sentAt"`,
  sqliteColumns: `t."id", t."shopId", t."customerRef", t."emailRef", t."productIds", t."sentAt"`,
  condition: `t."status" IN ('sending', 'sent')`,
};

/** Each index joined on its own, so that each side uses its (shop, index) index. */
const postgresSelect = (table: CustomerTable) =>
  `SELECT ${table.postgresColumns} FROM "${table.name}" t
     JOIN unnest($1::text[], $2::text[]) AS k ("shopId", "ref") ON t."shopId" = k."shopId" AND t."customerRef" = k."ref" WHERE ${table.condition}
   UNION
   SELECT ${table.postgresColumns} FROM "${table.name}" t
     JOIN unnest($3::text[], $4::text[]) AS k ("shopId", "ref") ON t."shopId" = k."shopId" AND t."emailRef" = k."ref" WHERE ${table.condition}`;
const sqliteSelect = (table: CustomerTable, column: "customerRef" | "emailRef") =>
  `SELECT ${table.sqliteColumns} FROM "${table.name}" t WHERE t."shopId" = ? AND t."${column}" = ? AND ${table.condition}`;

type Row = { id: string; shopId: string } & CustomerRefs & Record<string, unknown>;

/** Every (shop, index) pair the queries name, once. */
function indexesOf(queries: readonly SendCheckQuery[]) {
  const customer = new Map<string, [string, string]>();
  const email = new Map<string, [string, string]>();
  for (const { shopId, knownAs } of queries) {
    for (const refs of knownAs) {
      if (refs.customerRef) customer.set(`${shopId}\n${refs.customerRef}`, [shopId, refs.customerRef]);
      if (refs.emailRef) email.set(`${shopId}\n${refs.emailRef}`, [shopId, refs.emailRef]);
    }
  }
  return { customer: [...customer.values()], email: [...email.values()] };
}

async function readCustomerRows(table: CustomerTable, queries: readonly SendCheckQuery[]): Promise<Row[]> {
  const { customer, email } = indexesOf(queries);
  if (customer.length + email.length === 0) return [];
  const connection = getDirectConnection();
  if (connection.dialect === "postgresql") {
    const { rows } = await connection.pool.query<Row>({
      name: `candor-send-checks-${table.name}`,
      text: postgresSelect(table),
      values: [customer.map(([shopId]) => shopId), customer.map(([, ref]) => ref), email.map(([shopId]) => shopId), email.map(([, ref]) => ref)],
    });
    return rows;
  }
  const byCustomer = prepareSqliteStatement(connection.sqlite, sqliteSelect(table, "customerRef"));
  const byEmail = prepareSqliteStatement(connection.sqlite, sqliteSelect(table, "emailRef"));
  const rows = new Map<string, Row>();
  for (const [shopId, ref] of customer) for (const row of byCustomer.all(shopId, ref) as Row[]) rows.set(row.id, row);
  for (const [shopId, ref] of email) for (const row of byEmail.all(shopId, ref) as Row[]) rows.set(row.id, row);
  return [...rows.values()];
}

/**
 * What the database says about each customer about to be emailed, for many send jobs at once:
 * whether they are suppressed, their current consent in the ledger, and their other requests
 * in flight or sent. Three statements for the whole batch instead of three per send, on the
 * plain driver connection; every row is matched on its shop and one of the customer's blind
 * indexes together, and each result keeps only rows of its own shop and customer.
 */
export async function findSendChecks(queries: readonly SendCheckQuery[]): Promise<SendChecks[]> {
  if (queries.length === 0) return [];
  const [suppressions, ledger, others] = await Promise.all([
    readCustomerRows(SUPPRESSIONS, queries),
    readCustomerRows(LEDGER, queries),
    readCustomerRows(REQUESTS_ASKED, queries.filter((query) => query.withOtherRequests)),
  ]);

  return queries.map(({ shopId, reviewRequestId, knownAs, orderPlacedAt, withOtherRequests }) => {
    const mine = (rows: readonly Row[]) => rows.filter((row) => isSameCustomer(row, shopId, knownAs));
    const current = deriveConsentState(
      mine(ledger).map((row) => ({
        state: String(row.state),
        source: String(row.source),
        occurredAt: timestampFromDb(row.occurredAt)!,
        recordedAt: timestampFromDb(row.recordedAt)!,
      })),
    );
    return {
      suppressed: mine(suppressions).some((row) => suppressionCoversOrder({ appliesToOrdersBefore: timestampFromDb(row.appliesToOrdersBefore) }, orderPlacedAt)),
      ledgerConsent: current,
      otherRequests: withOtherRequests
        ? mine(others)
            .filter((row) => row.id !== reviewRequestId)
            .map((row) => ({ productIds: JSON.parse(String(row.productIds)) as string[], sentAt: timestampFromDb(row.sentAt) }))
        : [],
    };
  });
}
