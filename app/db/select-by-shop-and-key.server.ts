import { getBatchSql } from "./get-batch-sql.server";

export interface ShopAndKeySelect {
  /** PostgreSQL statement name (prepared once per connection). */
  name: string;
  /** Takes the shops as $1 and the keys (ids, order GIDs, blind indexes) as $2: text arrays, pairwise. */
  postgres: string;
  /** Takes one shop and one key. */
  sqlite: string;
}

/**
 * Rows for many (shop, key) pairs, each row matched on its shop and its key together: one round
 * trip on PostgreSQL; SQLite, in-process, runs the statement per pair (`getBatchSql`).
 */
export async function selectByShopAndKey<Row>(statement: ShopAndKeySelect, pairs: ReadonlyArray<readonly [shopId: string, key: string]>): Promise<Row[]> {
  if (pairs.length === 0) return [];
  const sql = getBatchSql();
  if (sql.dialect === "postgresql") {
    const { rows } = await sql.pool.query({
      name: statement.name,
      text: statement.postgres,
      values: [pairs.map(([shopId]) => shopId), pairs.map(([, key]) => key)],
    });
    return rows as Row[];
  }
  const rows: Row[] = [];
  for (const [shopId, key] of pairs) rows.push(...(await sql.db.$queryRawUnsafe<Row[]>(statement.sqlite, shopId, key)));
  return rows;
}
