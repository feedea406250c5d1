/**
 * What a DATABASE_URL means to Candor. Shared by the Prisma client (app/db.server.ts) and
 * the migration runner (app/db/migrate.server.ts); kept free of driver imports so either
 * can use it without loading the other's dependencies.
 */
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export type DatabaseDialect = "sqlite" | "postgresql";

/** Embedded SQLite under .data/ (git-ignored): the default for the demo and small installs. */
export const DEFAULT_DATABASE_URL = "file:./.data/candor.db";

/** PostgreSQL pool size per process when the URL sets no `connection_limit`. */
export const DEFAULT_POSTGRES_POOL_SIZE = 10;

export function databaseDialect(databaseUrl: string): DatabaseDialect {
  if (/^file:/i.test(databaseUrl)) return "sqlite";
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) return "postgresql";
  // Never echo the URL: it may carry a password.
  throw new Error("DATABASE_URL must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL).");
}

/**
 * Absolute path of the SQLite file named by a `file:` URL. Relative paths are resolved from
 * the working directory, as the Prisma CLI (run from the repository root with
 * prisma.config.ts there) and the better-sqlite3 adapter both do. Query parameters such as
 * `?connection_limit=1` are Prisma-isms a file path must not keep.
 */
export function sqliteFilePath(databaseUrl: string, cwd: string = process.cwd()): string {
  if (databaseDialect(databaseUrl) !== "sqlite") {
    throw new Error("sqliteFilePath() expects a file: URL.");
  }
  const withoutQuery = databaseUrl.replace(/[?#].*$/, "");
  const path = withoutQuery.startsWith("file://") ? fileURLToPath(withoutQuery) : withoutQuery.slice("file:".length);
  if (path === "" || path === ":memory:") {
    throw new Error("DATABASE_URL must name a SQLite file; an in-memory database would lose every write.");
  }
  return isAbsolute(path) ? path : resolve(cwd, path);
}

export interface PostgresConnectionSettings {
  /** The URL without the parameters that only Candor reads. */
  connectionString: string;
  poolSize: number;
}

/**
 * Splits Candor's pool setting off a PostgreSQL URL. `connection_limit` is the parameter
 * Prisma users already know; node-postgres would ignore it, so it is removed here and
 * passed as the pool's `max` instead.
 */
export function postgresConnectionSettings(databaseUrl: string): PostgresConnectionSettings {
  if (databaseDialect(databaseUrl) !== "postgresql") {
    throw new Error("postgresConnectionSettings() expects a postgres:// or postgresql:// URL.");
  }
  const url = new URL(databaseUrl);
  const requested = url.searchParams.get("connection_limit");
  url.searchParams.delete("connection_limit");
  let poolSize = DEFAULT_POSTGRES_POOL_SIZE;
  if (requested !== null) {
    poolSize = Number(requested);
    if (!Number.isInteger(poolSize) || poolSize < 1) {
      throw new Error("DATABASE_URL parameter connection_limit must be a positive integer.");
    }
  }
  return { connectionString: url.toString(), poolSize };
}
