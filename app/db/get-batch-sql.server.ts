import type pg from "pg";

import { getDb, type Db } from "../db.server";
import { DEFAULT_DATABASE_URL, databaseDialect } from "./database-url";
import { getDirectConnection } from "./direct-connection.server";

/**
 * Where the worker's batched statements run. PostgreSQL: the plain driver pool, fixed
 * statements prepared once per connection. SQLite: raw statements on Prisma's own connection,
 * which queues them behind any open Prisma transaction; a second connection in the same
 * thread would instead wait synchronously for that transaction's lock, and stall the process.
 */
export type BatchSql = { dialect: "postgresql"; pool: pg.Pool } | { dialect: "sqlite"; db: Db };

export function getBatchSql(): BatchSql {
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (databaseDialect(url) === "sqlite") return { dialect: "sqlite", db: getDb() };
  const connection = getDirectConnection();
  if (connection.dialect !== "postgresql") throw new Error("the direct connection does not match DATABASE_URL");
  return { dialect: "postgresql", pool: connection.pool };
}
