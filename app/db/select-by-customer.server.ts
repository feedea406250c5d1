import { selectByShopAndKey } from "./select-by-shop-and-key.server";

/** A table of rows that name a customer by blind indexes (`customerRef`, `emailRef`), per shop. */
export interface CustomerTable {
  /** Unique among the tables read this way: names the prepared statements. */
  statement: string;
  name: string;
  /** Select list over alias `t`; PostgreSQL reads timestamps `AT TIME ZONE 'UTC'`. Must include `t."id"`. */
  postgresColumns: string;
  sqliteColumns: string;
  /** A further condition on `t`'s rows. */
  condition: string;
}

/** Which customers to look for: (shop, index) pairs of each kind. */
export interface CustomerIndexes {
  customerRefs: ReadonlyArray<readonly [shopId: string, ref: string]>;
  emailRefs: ReadonlyArray<readonly [shopId: string, ref: string]>;
}

const select = (table: CustomerTable, dialect: "postgres" | "sqlite", column: "customerRef" | "emailRef") =>
  dialect === "postgres"
    ? `SELECT ${table.postgresColumns} FROM "${table.name}" t
         JOIN unnest($1::text[], $2::text[]) AS k ("shopId", "ref") ON t."shopId" = k."shopId" AND t."${column}" = k."ref"
       WHERE ${table.condition}`
    : `SELECT ${table.sqliteColumns} FROM "${table.name}" t WHERE t."shopId" = ? AND t."${column}" = ? AND ${table.condition}`;

/**
 * The rows of many customers, of one shop or several, on the plain driver connection: one
 * statement per kind of index, each using its (shop, index) index, every row matched on its
 * shop and the index together. A row found by both indexes is returned once.
 */
export async function selectByCustomer<Row extends { id: string }>(table: CustomerTable, customers: CustomerIndexes): Promise<Row[]> {
  const [byCustomer, byEmail] = await Promise.all(
    (["customerRef", "emailRef"] as const).map((column) =>
      selectByShopAndKey<Row>(
        { name: `candor-${table.statement}-by-${column}`, postgres: select(table, "postgres", column), sqlite: select(table, "sqlite", column) },
        column === "customerRef" ? customers.customerRefs : customers.emailRefs,
      ),
    ),
  );
  const rows = new Map<string, Row>();
  for (const row of [...byCustomer!, ...byEmail!]) rows.set(row.id, row);
  return [...rows.values()];
}
