import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

import Database from "better-sqlite3";
import pg from "pg";

import { DEFAULT_DATABASE_URL, databaseDialect, postgresConnectionSettings, sqliteFilePath } from "./database-url";
import { SQLITE_BUSY_TIMEOUT_MS, SQLITE_CONNECTION_PRAGMAS } from "./sqlite-settings";

/**
 * A plain driver connection to Candor's database, beside the Prisma client, for the paths paid
 * once per order at volume: the webhook intake's group-committed write (web) and, on
 * PostgreSQL, the worker's batched reads and writes (`getBatchSql`). Measured, the ORM's query
 * pipeline cost about as much CPU per webhook as the rest of the intake together, and a
 * quarter of the worker's time per email (docs/benchmarks.md). Everything else goes through
 * Prisma.
 */
export type DirectConnection =
  | { dialect: "sqlite"; sqlite: Database.Database }
  | { dialect: "postgresql"; pool: pg.Pool };

/**
 * Each batched step runs one batch at a time: the intake in the web process; in the worker,
 * the webhook job's two steps, the scheduling write and the send job's four (one of them six
 * reads at once), which wait briefly for a connection when they coincide.
 */
const DIRECT_POOL_SIZE = 4;

let current: { url: string; connection: DirectConnection } | undefined;

function open(databaseUrl: string): DirectConnection {
  if (databaseDialect(databaseUrl) === "sqlite") {
    const file = sqliteFilePath(databaseUrl);
    mkdirSync(dirname(file), { recursive: true });
    const sqlite = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    for (const pragma of SQLITE_CONNECTION_PRAGMAS) sqlite.pragma(pragma);
    return { dialect: "sqlite", sqlite };
  }
  const { connectionString } = postgresConnectionSettings(databaseUrl);
  const pool = new pg.Pool({ connectionString, max: DIRECT_POOL_SIZE });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  return { dialect: "postgresql", pool };
}

/** The process-wide direct connection for DATABASE_URL, opened on first use. */
export function getDirectConnection(): DirectConnection {
  const databaseUrl = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (current && current.url !== databaseUrl) {
    throw new Error("DATABASE_URL changed after the direct connection was opened; close it first.");
  }
  current ??= { url: databaseUrl, connection: open(databaseUrl) };
  return current.connection;
}

export async function closeDirectConnection(): Promise<void> {
  const closing = current?.connection;
  current = undefined;
  if (closing?.dialect === "sqlite") closing.sqlite.close();
  if (closing?.dialect === "postgresql") await closing.pool.end();
}
