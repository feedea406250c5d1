import type { Db } from "~/db.server";
import { AppError } from "~/modules/errors/app-error";

import { CIPHERTEXT_PREFIX } from "./encrypt-secret.server";
import type { EncryptedColumn } from "./list-encrypted-columns";

export interface StoredCiphertext {
  id: string;
  value: string;
}

/**
 * Reads and rewrites one encrypted column of one shop, whatever its table. Only the tables
 * named here can hold encrypted fields; `storeFor` refuses any other, and a test checks that
 * every column the data map marks as encrypted has a store.
 */
interface ColumnDelegate {
  findMany(args: object): Promise<Array<Record<string, unknown>>>;
  updateMany(args: object): Promise<{ count: number }>;
  count(args: object): Promise<number>;
}

const TABLES: Record<string, { shopColumn: string; delegate: (db: Db) => ColumnDelegate }> = {
  Session: { shopColumn: "shop", delegate: (db) => db.session as unknown as ColumnDelegate },
  Review: { shopColumn: "shopId", delegate: (db) => db.review as unknown as ColumnDelegate },
};

export function hasEncryptedColumnStore(table: string): boolean {
  return table in TABLES;
}

export function storeFor(db: Db, shopId: string, { table, column }: EncryptedColumn) {
  const entry = TABLES[table];
  if (!entry) throw new AppError("internal", `No encrypted-column store for table ${table}`);
  const delegate = entry.delegate(db);
  const scoped = (where: object) => ({ AND: [{ [entry.shopColumn]: shopId }, where] });
  const writtenWith = (keyId: string) => ({ [column]: { startsWith: `${CIPHERTEXT_PREFIX}:${keyId}:` } });

  return {
    /** The next page, by id, of values written with any key but `currentKeyId`. */
    async findNotWrittenWith(currentKeyId: string, afterId: string, take: number): Promise<StoredCiphertext[]> {
      const rows = await delegate.findMany({
        where: scoped({ id: { gt: afterId }, [column]: { startsWith: `${CIPHERTEXT_PREFIX}:` }, NOT: writtenWith(currentKeyId) }),
        orderBy: { id: "asc" },
        take,
        select: { id: true, [column]: true },
      });
      return rows.map((row) => ({ id: String(row.id), value: String(row[column]) }));
    },
    /** Rewrites one value unless it changed since it was read; true when it was rewritten. */
    async replace(id: string, expected: string, replacement: string): Promise<boolean> {
      const { count } = await delegate.updateMany({ where: scoped({ id, [column]: expected }), data: { [column]: replacement } });
      return count === 1;
    },
    countWrittenWith(keyId: string): Promise<number> {
      return delegate.count({ where: scoped(writtenWith(keyId)) });
    },
    countCiphertexts(): Promise<number> {
      return delegate.count({ where: scoped({ [column]: { startsWith: `${CIPHERTEXT_PREFIX}:` } }) });
    },
  };
}

/** The shops that have rows in any table holding encrypted fields. */
export async function listShopsOfEncryptedTables(db: Db): Promise<string[]> {
  const shops = await Promise.all(
    Object.values(TABLES).map(async ({ shopColumn, delegate }) =>
      (await delegate(db).findMany({ distinct: [shopColumn], select: { [shopColumn]: true } })).map((row) => String(row[shopColumn])),
    ),
  );
  return shops.flat();
}
