/**
 * The Prisma client for whichever backend DATABASE_URL names:
 *   file:./path.db            -> SQLite through better-sqlite3 (embedded default)
 *   postgres(ql)://…          -> PostgreSQL through node-postgres (production, scale-out)
 *
 * Both clients are generated from the same models (prisma/models.prisma) by
 * `npm run prisma:generate` into app/generated/prisma/<provider>. Prisma 7 has no built-in
 * drivers: every client gets a driver adapter, configured here.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/client/runtime/client";

import {
  type DatabaseDialect,
  DEFAULT_DATABASE_URL,
  databaseDialect,
  postgresConnectionSettings,
  sqliteFilePath,
} from "./db/database-url.ts";
import { SQLITE_BUSY_TIMEOUT_MS, SQLITE_CONNECTION_PRAGMAS } from "./db/sqlite-settings.ts";
import { PrismaClient as PostgresPrismaClient } from "./generated/prisma/postgresql/client.ts";
import { PrismaClient as SqlitePrismaClient } from "./generated/prisma/sqlite/client.ts";

export { databaseDialect, type DatabaseDialect };

/**
 * The database client type used throughout the app. Both generated clients expose the same
 * model delegates with the same argument and result types, because they come from the same
 * models and we only use features both providers share; the SQLite client's type, the
 * narrower of the two, stands for both (see createPostgresDb).
 */
export type Db = SqlitePrismaClient;

/**
 * Prisma keeps each compiled query plan, keyed by the query's shape, up to 1,000 by default —
 * and a batch of N rows (createMany, a group commit's OR of N ids) is a shape of its own for
 * every N. Measured in the worker under load, the default let those plans fill most of a
 * 96 MB heap; the app's steady set of shapes fits well within this bound.
 */
const QUERY_PLAN_CACHE_MAX_SIZE = 100;

const SQLITE_PRAGMA_SCRIPT = SQLITE_CONNECTION_PRAGMAS.map((pragma) => `PRAGMA ${pragma};`).join("\n");

/**
 * The better-sqlite3 adapter (7.10) takes only better-sqlite3's constructor options and has
 * no hook for connection setup, so wrap its factory and run the pragmas on each connection
 * it opens, before any query can run.
 */
function withConnectionPragmas(factory: PrismaBetterSqlite3, pragmas: string): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      await adapter.executeScript(pragmas);
      return adapter;
    },
  };
}

function createSqliteDb(databaseUrl: string): Db {
  const filePath = sqliteFilePath(databaseUrl);
  mkdirSync(dirname(filePath), { recursive: true });
  // `timeout` is better-sqlite3's name for SQLite's busy timeout.
  const adapter = new PrismaBetterSqlite3({ url: filePath, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return new SqlitePrismaClient({ adapter: withConnectionPragmas(adapter, SQLITE_PRAGMA_SCRIPT), queryPlanCacheMaxSize: QUERY_PLAN_CACHE_MAX_SIZE });
}

function createPostgresDb(databaseUrl: string): Db {
  const { connectionString, poolSize } = postgresConnectionSettings(databaseUrl);
  const adapter = new PrismaPg({ connectionString, max: poolSize });
  const client = new PostgresPrismaClient({ adapter, queryPlanCacheMaxSize: QUERY_PLAN_CACHE_MAX_SIZE });
  // Generated from the same models, the two clients have identical model delegates. They
  // differ only where the providers do: `$transaction`'s isolationLevel is "Serializable"
  // alone on SQLite but four levels on PostgreSQL, so the PostgreSQL client is not
  // assignable to the SQLite type. Code typed against the narrower SQLite client only
  // passes options both accept, which makes this assertion safe.
  return client as Db;
}

/** A new client for `databaseUrl`. Most code should use getDb(); tests and scripts may want their own. */
export function createDb(databaseUrl: string): Db {
  return databaseDialect(databaseUrl) === "sqlite" ? createSqliteDb(databaseUrl) : createPostgresDb(databaseUrl);
}

interface DbHolder {
  db?: Db;
  databaseUrl?: string;
}

declare global {
  // Survives Vite's module reloads in development, so each edit does not open another
  // connection pool (the pattern of Shopify's app template).
  var __candorDbHolder: DbHolder | undefined;
}

const moduleHolder: DbHolder = {};

function holder(): DbHolder {
  if (process.env.NODE_ENV === "production") return moduleHolder;
  globalThis.__candorDbHolder ??= {};
  return globalThis.__candorDbHolder;
}

function processDatabaseUrl(): string {
  return process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

/** The process-wide client for DATABASE_URL (default: the embedded SQLite file), created on first use. */
export function getDb(): Db {
  const databaseUrl = processDatabaseUrl();
  const current = holder();
  if (current.db) {
    if (current.databaseUrl !== databaseUrl) {
      throw new Error("DATABASE_URL changed after the database client was created; call disconnectDb() first.");
    }
    return current.db;
  }
  current.db = createDb(databaseUrl);
  current.databaseUrl = databaseUrl;
  return current.db;
}

/** Closes the process-wide client (graceful shutdown, end of tests). A later getDb() opens a new one. */
export async function disconnectDb(): Promise<void> {
  const current = holder();
  const db = current.db;
  current.db = undefined;
  current.databaseUrl = undefined;
  await db?.$disconnect();
}
