import { selectByCustomer, type CustomerTable } from "~/db/select-by-customer.server";
import { timestampFromDb } from "~/db/sql-timestamps";
import type { CustomerRefs } from "~/modules/consent/customer-refs";
import { deriveConsentState } from "~/modules/consent/derive-consent-state";
import { isSameCustomer } from "~/modules/consent/is-same-customer";
import { listCustomerIndexes } from "~/modules/consent/list-customer-indexes";
import { suppressionCoversOrder } from "~/modules/consent/suppression-covers-order";
import { SUPPRESSION_ROWS } from "~/modules/consent/suppression-rows";

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

const LEDGER: CustomerTable = {
  statement: "send-checks-ledger",
  name: "ConsentEntry",
  postgresColumns: `t."id", t."shopId", t."customerRef", t."emailRef", t."state", t."source",
    t."occurredAt" AT TIME ZONE 'UTC' AS "occurredAt", t."recordedAt" AT TIME ZONE 'UTC' AS "recordedAt"`,
  sqliteColumns: `t."id", t."shopId", t."customerRef", t."emailRef", t."state", t."source", t."occurredAt", t."recordedAt"`,
  condition: "TRUE",
};
const REQUESTS_ASKED: CustomerTable = {
  statement: "send-checks-requests-asked",
  name: "ReviewRequest",
  postgresColumns: `t."id", t."shopId", t."customerRef", t."emailRef", t."productIds", t."sentAt" AT TIME ZONE 'UTC' AS "sentAt"`,
  sqliteColumns: `t."id", t."shopId", t."customerRef", t."emailRef", t."productIds", t."sentAt"`,
  condition: `t."status" IN ('sending', 'sent')`,
};

type Row = { id: string; shopId: string } & CustomerRefs & Record<string, unknown>;

/**
 * What the database says about each customer about to be emailed, for many send jobs at once:
 * whether they are suppressed, their current consent in the ledger, and their other requests
 * in flight or sent. One statement for the whole batch instead of three per send
 * (`selectByCustomer`); every row is matched on its shop and one of the customer's blind
 * indexes together, and each result keeps only rows of its own shop and customer.
 */
export async function findSendChecks(queries: readonly SendCheckQuery[]): Promise<SendChecks[]> {
  if (queries.length === 0) return [];
  const found = await selectByCustomer<Row>([SUPPRESSION_ROWS, LEDGER, REQUESTS_ASKED], listCustomerIndexes(queries));
  const [suppressions, ledger, others] = [SUPPRESSION_ROWS, LEDGER, REQUESTS_ASKED].map((table) => found.get(table.statement) ?? []) as [Row[], Row[], Row[]];

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
