/**
 * Applies the hand-written migrations in prisma/<dialect>/migrations to a database and
 * records them in `_prisma_migrations` exactly as `prisma migrate deploy` does, so the two
 * are interchangeable: a database migrated here is "up to date" for the Prisma CLI, and one
 * migrated by the CLI is up to date here.
 *
 * Why our own runner: the Prisma CLI's migrate commands need a native schema engine that is
 * downloaded on first use; installs without access to Prisma's download host (air-gapped
 * servers, locked-down CI) could otherwise not migrate at all.
 *
 * Behaviour, mirroring Prisma's schema engine:
 * - migration folders are applied in name order (timestamps first, so creation order);
 * - the checksum is the SHA-256 of migration.sql, hex; a recorded migration whose file has
 *   changed since is refused (line-ending differences alone are tolerated, as Prisma does);
 * - a recorded migration that started but never finished blocks everything until resolved;
 * - a database with tables but no `_prisma_migrations` is refused rather than guessed at;
 * - concurrent migrators apply each migration once: on PostgreSQL they queue on advisory
 *   lock 72707369 (Prisma's key, so our runner and the CLI exclude each other too); on
 *   SQLite each migration re-checks the history under the database write lock.
 * Unlike Prisma, each migration runs in one transaction together with its history row, so
 * a failing migration leaves neither a half-applied schema nor a "failed" row to resolve.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import pg from "pg";

import { type DatabaseDialect, databaseDialect, postgresConnectionSettings, sqliteFilePath } from "./database-url.ts";

export interface MigrationLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface ApplyMigrationsOptions {
  databaseUrl: string;
  logger?: MigrationLogger;
  /** Defaults to prisma/<dialect>/migrations under the working directory. */
  migrationsDirectory?: string;
  /** How long to wait for another process that is migrating the same database. */
  lockTimeoutMs?: number;
  /**
   * Apply the folders up to and including this one only (a folder name), leaving later ones
   * pending — for example to write rows the way an older version did, then migrate them.
   */
  through?: string;
}

export interface ApplyMigrationsResult {
  /** Names of the migration folders applied by this call, in order. */
  applied: string[];
}

export type MigrationErrorKind =
  | "missing-script"
  | "checksum-mismatch"
  | "unfinished-migration"
  | "database-not-empty"
  | "lock-timeout"
  | "apply-failed";

export class MigrationError extends Error {
  override readonly name = "MigrationError";
  constructor(readonly kind: MigrationErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface MigrationFolder {
  name: string;
  script: string;
  checksum: string;
}

/** Prisma's advisory lock key for migrations; sharing it makes our runner and the CLI mutually exclusive. */
export const PRISMA_MIGRATE_ADVISORY_LOCK_KEY = 72707369;

export const MIGRATIONS_TABLE = "_prisma_migrations";

const DEFAULT_LOCK_TIMEOUT_MS = 30_000;

const silentLogger: MigrationLogger = { info: () => {}, warn: () => {} };

export function defaultMigrationsDirectory(dialect: DatabaseDialect, cwd: string = process.cwd()): string {
  return resolve(cwd, "prisma", dialect, "migrations");
}

/** SHA-256 of the script, lower-case hex: the value Prisma stores in `_prisma_migrations.checksum`. */
export function migrationChecksum(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

/**
 * Whether a recorded checksum still describes the script. Like Prisma, accept the same
 * script with LF or CRLF line endings, since git may convert them on checkout.
 */
export function checksumMatches(script: string, recordedChecksum: string): boolean {
  const variants = [script, script.replace(/\r\n/g, "\n"), script.replace(/\r?\n/g, "\r\n")];
  return variants.some((variant) => migrationChecksum(variant) === recordedChecksum);
}

/** Every migration folder (a directory holding migration.sql), sorted by name. */
export function readMigrationFolders(migrationsDirectory: string): MigrationFolder[] {
  if (!existsSync(migrationsDirectory)) {
    throw new MigrationError("missing-script", `No migrations directory at ${migrationsDirectory}.`);
  }
  return readdirSync(migrationsDirectory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const scriptPath = join(migrationsDirectory, name, "migration.sql");
      if (!existsSync(scriptPath)) {
        throw new MigrationError("missing-script", `Migration folder ${name} has no migration.sql.`);
      }
      const script = readFileSync(scriptPath, "utf8");
      return { name, script, checksum: migrationChecksum(script) };
    });
}

function foldersThrough(folders: MigrationFolder[], through: string | undefined): MigrationFolder[] {
  if (through === undefined) return folders;
  const last = folders.findIndex((folder) => folder.name === through);
  if (last === -1) throw new MigrationError("missing-script", `No migration folder named ${through}.`);
  return folders.slice(0, last + 1);
}

interface MigrationRecord {
  migrationName: string;
  checksum: string;
  finished: boolean;
  rolledBack: boolean;
}

/**
 * Decides what to apply, or refuses. Pure, so the rules can be read in one place:
 * rolled-back records are history only (Prisma re-applies such migrations); a started but
 * unfinished record blocks; an applied migration must still match its file.
 */
export function planMigrations(
  folders: MigrationFolder[],
  records: MigrationRecord[],
): {
  pending: MigrationFolder[];
  appliedButMissingLocally: string[];
} {
  const unfinished = records.filter((record) => !record.finished && !record.rolledBack);
  if (unfinished.length > 0) {
    const names = unfinished.map((record) => record.migrationName).join(", ");
    throw new MigrationError(
      "unfinished-migration",
      `Migration ${names} started but never finished. Inspect the database, then record the outcome ` +
        `with \`npx prisma migrate resolve --rolled-back <name>\` or \`--applied <name>\` before migrating again.`,
    );
  }

  const applied = new Map(
    records.filter((record) => record.finished && !record.rolledBack).map((record) => [record.migrationName, record]),
  );

  for (const folder of folders) {
    const record = applied.get(folder.name);
    if (record && !checksumMatches(folder.script, record.checksum)) {
      throw new MigrationError(
        "checksum-mismatch",
        `Migration ${folder.name} was modified after it was applied: its migration.sql has checksum ` +
          `${folder.checksum}, the database recorded ${record.checksum}. Applied migrations must not be ` +
          `edited; restore the file and put the change in a new migration.`,
      );
    }
  }

  const localNames = new Set(folders.map((folder) => folder.name));
  return {
    pending: folders.filter((folder) => !applied.has(folder.name)),
    appliedButMissingLocally: [...applied.keys()].filter((name) => !localNames.has(name)),
  };
}

/** The few operations the runner needs from a database, one implementation per dialect. */
interface MigrationTarget {
  /**
   * PostgreSQL: takes the migration advisory lock for the whole run. SQLite: only sets how
   * long to wait for the write lock, which each transaction below takes.
   */
  acquireLock(timeoutMs: number): Promise<void>;
  /** Runs `work` in a write transaction; commits if it resolves, rolls back if it throws. */
  inWriteTransaction<T>(work: () => Promise<T>): Promise<T>;
  hasMigrationsTable(): Promise<boolean>;
  /** Names of user tables, to refuse migrating a database whose history is unknown. */
  userTableNames(): Promise<string[]>;
  createMigrationsTable(): Promise<void>;
  listRecords(): Promise<MigrationRecord[]>;
  /** Runs a migration script (inside the current transaction). */
  runScript(script: string): Promise<void>;
  /** Writes the history row of a finished migration, with the values Prisma would write. */
  recordFinished(folder: MigrationFolder, startedAt: Date, finishedAt: Date): Promise<void>;
  close(): Promise<void>;
}

export async function applyMigrations(options: ApplyMigrationsOptions): Promise<ApplyMigrationsResult> {
  const logger = options.logger ?? silentLogger;
  const dialect = databaseDialect(options.databaseUrl);
  const migrationsDirectory = options.migrationsDirectory ?? defaultMigrationsDirectory(dialect);
  // Read and checksum every file before touching the database: a missing script is a
  // packaging error and should not leave a lock or an empty history table behind.
  const folders = foldersThrough(readMigrationFolders(migrationsDirectory), options.through);

  const target =
    dialect === "sqlite" ? openSqliteTarget(options.databaseUrl) : await openPostgresTarget(options.databaseUrl);
  try {
    await target.acquireLock(options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);

    await target.inWriteTransaction(async () => {
      if (await target.hasMigrationsTable()) return;
      const existingTables = await target.userTableNames();
      if (existingTables.length > 0) {
        throw new MigrationError(
          "database-not-empty",
          `The database already has tables (${existingTables.slice(0, 5).join(", ")}${
            existingTables.length > 5 ? ", …" : ""
          }) ` +
            `but no ${MIGRATIONS_TABLE} history, so which migrations it contains is unknown. ` +
            `Point DATABASE_URL at an empty database, or baseline this one (https://pris.ly/d/migrate-baseline).`,
        );
      }
      await target.createMigrationsTable();
    });

    // Validate the whole history before applying anything.
    const { pending, appliedButMissingLocally } = planMigrations(folders, await target.listRecords());
    if (appliedButMissingLocally.length > 0) {
      logger.warn(
        `The database has migrations that are not in ${migrationsDirectory}: ${appliedButMissingLocally.join(", ")}. ` +
          `It may have been migrated by a newer version of Candor.`,
      );
    }

    const applied: string[] = [];
    for (const folder of pending) {
      const outcome = await target
        .inWriteTransaction(async () => {
          // Planned outside this transaction: on SQLite another migrator (no run-wide lock
          // there, see openSqliteTarget) may have applied it since. Decide again, now that
          // the write lock is held.
          const recheck = planMigrations([folder], await target.listRecords());
          if (recheck.pending.length === 0) return "applied-elsewhere" as const;
          logger.info(`Applying migration ${folder.name}`);
          const startedAt = new Date();
          await target.runScript(folder.script);
          await target.recordFinished(folder, startedAt, new Date());
          return "applied" as const;
        })
        .catch((error: unknown) => {
          if (error instanceof MigrationError) throw error;
          throw new MigrationError(
            "apply-failed",
            `Migration ${folder.name} failed and was rolled back: ${
              error instanceof Error ? error.message : String(error)
            }`,
            { cause: error },
          );
        });
      if (outcome === "applied") applied.push(folder.name);
    }
    logger.info(
      applied.length === 0
        ? `Database is up to date (${folders.length} migration${folders.length === 1 ? "" : "s"}).`
        : `Applied ${applied.length} migration${applied.length === 1 ? "" : "s"}.`,
    );
    return { applied };
  } finally {
    await target.close();
  }
}

// ---------------------------------------------------------------------------------------
// SQLite

function openSqliteTarget(databaseUrl: string): MigrationTarget {
  const filePath = sqliteFilePath(databaseUrl);
  mkdirSync(dirname(filePath), { recursive: true });
  const db = new Database(filePath);
  // Migrations rebuild tables (SQLite cannot alter most constraints in place); with foreign
  // keys enforced, dropping the old table would cascade deletes into child tables. SQLite's
  // documented procedure: disable enforcement on this connection, change the schema in a
  // transaction, check integrity before committing (runScript). The pragma is a no-op
  // inside a transaction, so it is set here, once.
  db.pragma("foreign_keys = OFF");
  let lockTimeoutMs = 0;

  return {
    async acquireLock(timeoutMs) {
      lockTimeoutMs = Math.max(0, Math.floor(timeoutMs));
      // No run-wide lock on SQLite: an exclusive lock (what Prisma's engine takes) would
      // also wait for every idle connection of a running app to close. Instead each
      // migration takes the write lock with BEGIN IMMEDIATE, which readers do not block,
      // and re-checks the history under it (see applyMigrations).
      db.pragma(`busy_timeout = ${lockTimeoutMs}`);
    },

    async inWriteTransaction(work) {
      try {
        db.exec("BEGIN IMMEDIATE");
      } catch (error) {
        if (isSqliteBusy(error)) {
          throw new MigrationError(
            "lock-timeout",
            `Another connection kept the SQLite database locked for writing for ${lockTimeoutMs} ms; is a migration already running?`,
            { cause: error },
          );
        }
        throw error;
      }
      try {
        const result = await work();
        db.exec("COMMIT");
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
    },

    async hasMigrationsTable() {
      return (
        db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(MIGRATIONS_TABLE) !== undefined
      );
    },

    async userTableNames() {
      const rows = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .all() as Array<{ name: string }>;
      return rows.map((row) => row.name);
    },

    async createMigrationsTable() {
      // Prisma's definition for SQLite (column names, types, defaults).
      db.exec(`CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`);
    },

    async listRecords() {
      const rows = db
        .prepare(
          `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at ASC`,
        )
        .all() as Array<{ migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown }>;
      return rows.map((row) => ({
        migrationName: row.migration_name,
        checksum: row.checksum,
        finished: row.finished_at !== null,
        rolledBack: row.rolled_back_at !== null,
      }));
    },

    async runScript(script) {
      db.exec(script);
      const violations = db.pragma("foreign_key_check") as unknown[];
      if (violations.length > 0) {
        throw new Error(`the migrated data breaks ${violations.length} foreign key reference(s)`);
      }
    },

    async recordFinished(folder, startedAt, finishedAt) {
      // Prisma's SQLite engine stores these timestamps as Unix epoch milliseconds.
      db.prepare(
        `INSERT INTO "_prisma_migrations"
           ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count")
         VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
      ).run(randomUUID(), folder.checksum, finishedAt.getTime(), folder.name, startedAt.getTime());
    },

    async close() {
      db.close();
    },
  };
}

function isSqliteBusy(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && String((error as { code?: unknown }).code).startsWith("SQLITE_BUSY")
  );
}

// ---------------------------------------------------------------------------------------
// PostgreSQL

async function openPostgresTarget(databaseUrl: string): Promise<MigrationTarget> {
  // One dedicated session: advisory locks belong to the session that took them.
  const client = new pg.Client({ connectionString: postgresConnectionSettings(databaseUrl).connectionString });
  await client.connect();
  let locked = false;

  return {
    async acquireLock(timeoutMs) {
      // Poll the non-blocking variant so that a stuck migrator produces a clear error after
      // timeoutMs instead of hanging a deploy forever.
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const result = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
          PRISMA_MIGRATE_ADVISORY_LOCK_KEY,
        ]);
        if (result.rows[0]?.locked) {
          locked = true;
          return;
        }
        if (Date.now() >= deadline) {
          throw new MigrationError(
            "lock-timeout",
            `Another process held the migration lock (advisory lock ${PRISMA_MIGRATE_ADVISORY_LOCK_KEY}) for ${timeoutMs} ms; is a migration already running?`,
          );
        }
        await sleep(100);
      }
    },

    async inWriteTransaction(work) {
      await client.query("BEGIN");
      try {
        const result = await work();
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
    },

    async hasMigrationsTable() {
      const result = await client.query(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1",
        [MIGRATIONS_TABLE],
      );
      return (result.rowCount ?? 0) > 0;
    },

    async userTableNames() {
      const result = await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
      );
      return result.rows.map((row) => row.table_name);
    },

    async createMigrationsTable() {
      // Prisma's definition for PostgreSQL (column names, types, defaults).
      await client.query(`CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`);
    },

    async listRecords() {
      const result = await client.query<{
        migration_name: string;
        checksum: string;
        finished_at: Date | null;
        rolled_back_at: Date | null;
      }>(
        "SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at ASC",
      );
      return result.rows.map((row) => ({
        migrationName: row.migration_name,
        checksum: row.checksum,
        finished: row.finished_at !== null,
        rolledBack: row.rolled_back_at !== null,
      }));
    },

    async runScript(script) {
      // Without parameters node-postgres uses the simple query protocol, which accepts a
      // script of many statements, as Prisma sends it.
      await client.query(script);
    },

    async recordFinished(folder, startedAt, finishedAt) {
      await client.query(
        `INSERT INTO _prisma_migrations
           (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES ($1, $2, $3, $4, NULL, NULL, $5, 1)`,
        [randomUUID(), folder.checksum, finishedAt, folder.name, startedAt],
      );
    },

    async close() {
      try {
        if (locked) await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_ADVISORY_LOCK_KEY]);
      } finally {
        // Ending the session releases the lock even if the unlock above failed.
        await client.end();
      }
    },
  };
}
