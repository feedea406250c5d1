import { getBatchSql } from "./get-batch-sql.server";

/** A table of rows that name a customer by blind indexes (`customerRef`, `emailRef`), per shop. */
export interface CustomerTable {
  /** Unique among the tables read this way: names the rows in results and the prepared statements. */
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

const COLUMNS = ["customerRef", "emailRef"] as const;

/** Every table, by each index: the rows as JSON, tagged with their table, in one statement. */
function postgresSelect(tables: readonly CustomerTable[]): string {
  return tables
    .flatMap((table) =>
      COLUMNS.map((column, index) => {
        const [shops, refs] = [index * 2 + 1, index * 2 + 2];
        return `SELECT '${table.statement}' AS "table", to_jsonb(x) AS "row" FROM (
            SELECT ${table.postgresColumns} FROM "${table.name}" t
            JOIN unnest($${shops}::text[], $${refs}::text[]) AS k ("shopId", "ref") ON t."shopId" = k."shopId" AND t."${column}" = k."ref"
            WHERE ${table.condition}) x`;
      }),
    )
    .join("\nUNION ALL\n");
}

const sqliteSelect = (table: CustomerTable, column: (typeof COLUMNS)[number]) =>
  `SELECT ${table.sqliteColumns} FROM "${table.name}" t WHERE t."shopId" = ? AND t."${column}" = ? AND ${table.condition}`;

/**
 * The rows of many customers, of one shop or several, in several tables: on PostgreSQL one
 * statement for all of them, each branch using its table's (shop, index) index; on SQLite,
 * in-process, one per table, index and customer (`getBatchSql`). Every row is matched on its
 * shop and the index together. Returns each table's rows by its `statement`, a row found by
 * both indexes once.
 */
export async function selectByCustomer<Row extends { id: string }>(tables: readonly CustomerTable[], customers: CustomerIndexes): Promise<Map<string, Row[]>> {
  const found = new Map<string, Map<string, Row>>(tables.map((table) => [table.statement, new Map()]));
  const keep = (table: string, row: Row) => found.get(table)!.set(row.id, row);
  if (customers.customerRefs.length + customers.emailRefs.length > 0) {
    const sql = getBatchSql();
    if (sql.dialect === "postgresql") {
      const { rows } = await sql.pool.query<{ table: string; row: Row }>({
        name: `candor-by-customer-${tables.map((table) => table.statement).join("-")}`,
        text: postgresSelect(tables),
        values: COLUMNS.flatMap((column) => {
          const pairs = column === "customerRef" ? customers.customerRefs : customers.emailRefs;
          return [pairs.map(([shopId]) => shopId), pairs.map(([, ref]) => ref)];
        }),
      });
      for (const { table, row } of rows) keep(table, row);
    } else {
      for (const table of tables) {
        for (const column of COLUMNS) {
          for (const [shopId, ref] of column === "customerRef" ? customers.customerRefs : customers.emailRefs) {
            for (const row of await sql.db.$queryRawUnsafe<Row[]>(sqliteSelect(table, column), shopId, ref)) keep(table.statement, row);
          }
        }
      }
    }
  }
  return new Map([...found].map(([table, rows]) => [table, [...rows.values()]]));
}
