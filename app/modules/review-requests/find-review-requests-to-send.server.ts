import { findRowsByShopAndId } from "~/db/find-rows-by-shop-and-id.server";
import { timestampFromDb } from "~/db/sql-timestamps";

export interface RequestToFind {
  shopId: string;
  id: string;
}

/** What a send job needs of its review request. */
export interface RequestToSend {
  id: string;
  shopId: string;
  orderId: string;
  /** JSON array of product GIDs, as stored. */
  productIds: string;
  customerRef: string | null;
  emailRef: string | null;
  status: string;
  dueAt: Date;
  createdAt: Date;
  reminderDueAt: Date | null;
  reminderSentAt: Date | null;
}

const POSTGRES_SELECT = `SELECT r."id", r."shopId", r."orderId", r."productIds", r."customerRef", r."emailRef", r."status",
    r."dueAt" AT TIME ZONE 'UTC' AS "dueAt", r."createdAt" AT TIME ZONE 'UTC' AS "createdAt",
    r."reminderDueAt" AT TIME ZONE 'UTC' AS "reminderDueAt", r."reminderSentAt" AT TIME ZONE 'UTC' AS "reminderSentAt"
  FROM "ReviewRequest" r
  JOIN unnest($1::text[], $2::text[]) AS wanted ("shopId", "id") ON r."shopId" = wanted."shopId" AND r."id" = wanted."id"`;

const SQLITE_SELECT = `SELECT "id", "shopId", "orderId", "productIds", "customerRef", "emailRef", "status", "dueAt", "createdAt", "reminderDueAt", "reminderSentAt"
  FROM "ReviewRequest" WHERE "shopId" = ? AND "id" = ?`;

type Row = Omit<RequestToSend, "dueAt" | "createdAt" | "reminderDueAt" | "reminderSentAt"> &
  Record<"dueAt" | "createdAt" | "reminderDueAt" | "reminderSentAt", unknown>;

/**
 * The review requests that send jobs in flight are about, of one shop or several, in one
 * statement; null where a request does not exist in the shop that asked for it (each row is
 * matched on its shop and its id together). A fixed statement (`getBatchSql`): this read is
 * paid once per email, and costs a fraction of the ORM's query pipeline.
 */
export function findReviewRequestsToSend(entries: readonly RequestToFind[]): Promise<Array<RequestToSend | null>> {
  return findRowsByShopAndId(
    { name: "candor-find-review-requests-to-send", postgres: POSTGRES_SELECT, sqlite: SQLITE_SELECT },
    entries,
    (row: Row): RequestToSend => ({
      ...row,
      dueAt: timestampFromDb(row.dueAt)!,
      createdAt: timestampFromDb(row.createdAt)!,
      reminderDueAt: timestampFromDb(row.reminderDueAt),
      reminderSentAt: timestampFromDb(row.reminderSentAt),
    }),
  );
}
