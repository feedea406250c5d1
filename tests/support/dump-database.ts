import type { Db } from "../../app/db.server";
import { databaseDialect } from "../../app/db/database-url";

/** Every row of every table, as text: what a person with raw database access would see. */
export async function dumpDatabase(db: Db, databaseUrl: string): Promise<string> {
  const tables =
    databaseDialect(databaseUrl) === "sqlite"
      ? await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      : await db.$queryRawUnsafe<{ name: string }[]>(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
        );
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name}"`);
    parts.push(`${name}: ${JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))}`);
  }
  return parts.join("\n");
}
