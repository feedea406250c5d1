/**
 * The data model on both backends, end to end: the hand-written migrations build exactly
 * the tables prisma/models.prisma describes, every model can be written and read back
 * through the generated client, and the migration runner keeps Prisma's history faithfully.
 *
 * Models are discovered by parsing models.prisma (cross-checked against the generated
 * clients), so a new model or field is covered without touching this file.
 *
 * PostgreSQL: each run creates uniquely named databases on TEST_POSTGRES_URL's server and
 * drops them afterwards.
 */
import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DatabaseDialect } from "../../app/db/database-url.ts";
import {
  applyMigrations,
  defaultMigrationsDirectory,
  MigrationError,
  migrationChecksum,
  readMigrationFolders,
} from "../../app/db/migrate.server.ts";
import { createDb, type Db } from "../../app/db.server.ts";
import { Prisma as PostgresPrisma } from "../../app/generated/prisma/postgresql/client.ts";
import { Prisma as SqlitePrisma } from "../../app/generated/prisma/sqlite/client.ts";
import {
  defaultConstraintName,
  MODELS_PATH,
  type ModelField,
  type PrismaModel,
  parseModels,
  type ReferentialAction,
} from "../../scripts/generate-prisma-schemas.ts";

const models = parseModels(readFileSync(MODELS_PATH, "utf8"));
const execFileAsync = promisify(execFile);

// ---------------------------------------------------------------------------------------
// Scratch databases

interface ScratchDatabase {
  url: string;
  /** Runs one statement outside Prisma (placeholders $1, $2… in order); returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<Row[]>;
  describeSchema(): Promise<DatabaseShape>;
  drop(): Promise<void>;
}

interface Backend {
  dialect: DatabaseDialect;
  createScratchDatabase(): Promise<ScratchDatabase>;
}

const sqliteBackend: Backend = {
  dialect: "sqlite",
  async createScratchDatabase() {
    const directory = mkdtempSync(join(tmpdir(), "candor-db-test-"));
    // A directory that does not exist yet: the runner must create it.
    const file = join(directory, "nested", "candor.db");
    const withConnection = <T>(work: (db: Database.Database) => T): T => {
      mkdirSync(dirname(file), { recursive: true });
      const db = new Database(file);
      try {
        return work(db);
      } finally {
        db.close();
      }
    };
    return {
      url: `file:${file}`,
      query: async <Row>(sql: string, parameters: unknown[] = []) =>
        withConnection((db) => {
          const statement = db.prepare(sql.replace(/\$\d+/g, "?"));
          return (statement.reader ? statement.all(...parameters) : (statement.run(...parameters), [])) as Row[];
        }),
      describeSchema: async () => withConnection(describeSqliteSchema),
      drop: async () => rmSync(directory, { recursive: true, force: true }),
    };
  },
};

const postgresServerUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const postgresBackend: Backend = {
  dialect: "postgresql",
  async createScratchDatabase() {
    const name = `candor_db_test_${randomBytes(6).toString("hex")}`;
    await withPostgresClient(postgresServerUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    const url = new URL(postgresServerUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      query: async <Row>(sql: string, parameters: unknown[] = []) =>
        withPostgresClient(url.toString(), async (client) => (await client.query(sql, parameters)).rows as Row[]),
      describeSchema: async () => withPostgresClient(url.toString(), describePostgresSchema),
      drop: async () => {
        await withPostgresClient(postgresServerUrl, (client) =>
          client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
        );
      },
    };
  },
};

async function withPostgresClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((error: unknown) => {
    throw new Error(`Cannot reach PostgreSQL for the integration tests (TEST_POSTGRES_URL): ${String(error)}`);
  });
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------
// Schema shapes: what the models call for, and what a database has

interface ColumnShape {
  name: string;
  type: string;
  nullable: boolean;
  hasDefault: boolean;
}

interface IndexShape {
  /** Empty where the database does not name the constraint (SQLite primary and foreign keys). */
  name: string;
  columns: string[];
}

interface ForeignKeyShape extends IndexShape {
  referencedTable: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
}

interface TableShape {
  columns: ColumnShape[];
  primaryKey: IndexShape;
  uniqueIndexes: IndexShape[];
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
}

type DatabaseShape = Record<string, TableShape>;

/** Column types Prisma uses for each scalar type (as the databases report them back). */
const COLUMN_TYPES: Record<DatabaseDialect, Record<string, string>> = {
  sqlite: {
    String: "TEXT",
    Boolean: "BOOLEAN",
    Int: "INTEGER",
    BigInt: "BIGINT",
    Float: "REAL",
    DateTime: "DATETIME",
    Bytes: "BLOB",
  },
  postgresql: {
    String: "text",
    Boolean: "boolean",
    Int: "integer",
    BigInt: "bigint",
    Float: "double precision",
    DateTime: "timestamp(3) without time zone",
    Bytes: "bytea",
  },
};

const SQL_REFERENTIAL_ACTIONS: Record<ReferentialAction, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

/** Whether Prisma puts a DEFAULT on the column (some defaults are generated by Prisma Client instead). */
function hasDatabaseDefault(field: ModelField, dialect: DatabaseDialect): boolean {
  const fn = field.defaultExpression && /^(\w+)\(/.exec(field.defaultExpression)?.[1];
  if (field.defaultExpression === undefined) return false;
  if (fn === "now") return true;
  if (fn === "autoincrement") return dialect === "postgresql"; // SERIAL; SQLite uses AUTOINCREMENT instead
  return fn === undefined; // a literal; cuid(), uuid()… are generated by the client
}

function expectedSchema(dialect: DatabaseDialect): DatabaseShape {
  const namedOnlyOnPostgres = (name: string) => (dialect === "postgresql" ? name : "");
  return Object.fromEntries(
    models.map((model) => {
      const name = (mappedName: string | undefined, columns: string[], suffix: "key" | "idx") =>
        mappedName ?? defaultConstraintName(dialect, model.tableName, columns, suffix);
      const shape: TableShape = {
        columns: scalarFields(model).map((field) => ({
          name: field.columnName,
          type: COLUMN_TYPES[dialect][field.type] ?? `unmapped ${field.type}`,
          nullable: field.isOptional,
          hasDefault: hasDatabaseDefault(field, dialect),
        })),
        primaryKey: {
          name: namedOnlyOnPostgres(
            model.primaryKey.mappedName ??
              defaultConstraintName(dialect, model.tableName, model.primaryKey.columns, "pkey"),
          ),
          columns: model.primaryKey.columns,
        },
        uniqueIndexes: sortByName(
          model.uniqueIndexes.map((index) => ({
            name: name(index.mappedName, index.columns, "key"),
            columns: index.columns,
          })),
        ),
        indexes: sortByName(
          model.indexes.map((index) => ({
            name: name(index.mappedName, index.columns, "idx"),
            columns: index.columns,
          })),
        ),
        foreignKeys: sortByName(
          model.foreignKeys.map((foreignKey) => ({
            name: namedOnlyOnPostgres(
              foreignKey.mappedName ?? defaultConstraintName(dialect, model.tableName, foreignKey.columns, "fkey"),
            ),
            columns: foreignKey.columns,
            referencedTable: foreignKey.referencedTable,
            referencedColumns: foreignKey.referencedColumns,
            onDelete: SQL_REFERENTIAL_ACTIONS[foreignKey.onDelete],
            onUpdate: SQL_REFERENTIAL_ACTIONS[foreignKey.onUpdate],
          })),
        ),
      };
      return [model.tableName, shape];
    }),
  );
}

function sortByName<T extends IndexShape>(items: T[]): T[] {
  return [...items].sort((a, b) => `${a.name}|${a.columns}`.localeCompare(`${b.name}|${b.columns}`));
}

function describeSqliteSchema(db: Database.Database): DatabaseShape {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
    )
    .all() as Array<{ name: string }>;
  const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
  return Object.fromEntries(
    tables.map(({ name: table }) => {
      const columns = db.prepare(`PRAGMA table_info(${quote(table)})`).all() as Array<{
        name: string;
        type: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
      }>;
      const indexList = db.prepare(`PRAGMA index_list(${quote(table)})`).all() as Array<{
        name: string;
        unique: number;
        origin: string;
      }>;
      const indexColumns = (index: string) =>
        (db.prepare(`PRAGMA index_info(${quote(index)})`).all() as Array<{ seqno: number; name: string }>)
          .sort((a, b) => a.seqno - b.seqno)
          .map((column) => column.name);
      // Indexes SQLite made for the primary key are described by table_info's pk column.
      const declaredIndexes = indexList.filter((index) => index.origin !== "pk");
      const foreignKeyRows = db.prepare(`PRAGMA foreign_key_list(${quote(table)})`).all() as Array<{
        id: number;
        seq: number;
        table: string;
        from: string;
        to: string;
        on_update: string;
        on_delete: string;
      }>;
      const foreignKeys = [...new Set(foreignKeyRows.map((row) => row.id))].map((id) => {
        const rows = foreignKeyRows.filter((row) => row.id === id).sort((a, b) => a.seq - b.seq);
        const first = rows[0]!;
        return {
          name: "",
          columns: rows.map((row) => row.from),
          referencedTable: first.table,
          referencedColumns: rows.map((row) => row.to),
          onDelete: first.on_delete,
          onUpdate: first.on_update,
        };
      });
      const shape: TableShape = {
        columns: columns.map((column) => ({
          name: column.name,
          type: column.type,
          nullable: column.notnull === 0,
          hasDefault: column.dflt_value !== null,
        })),
        primaryKey: {
          name: "",
          columns: columns
            .filter((column) => column.pk > 0)
            .sort((a, b) => a.pk - b.pk)
            .map((column) => column.name),
        },
        uniqueIndexes: sortByName(
          declaredIndexes
            .filter((index) => index.unique === 1)
            .map((index) => ({ name: index.name, columns: indexColumns(index.name) })),
        ),
        indexes: sortByName(
          declaredIndexes
            .filter((index) => index.unique === 0)
            .map((index) => ({ name: index.name, columns: indexColumns(index.name) })),
        ),
        foreignKeys: sortByName(foreignKeys),
      };
      return [table, shape];
    }),
  );
}

async function describePostgresSchema(client: pg.Client): Promise<DatabaseShape> {
  const columns = await client.query<{
    table_name: string;
    column_name: string;
    type: string;
    nullable: boolean;
    has_default: boolean;
  }>(`
    SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type,
           NOT a.attnotnull AS nullable, a.atthasdef AS has_default
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
       AND c.relname <> '_prisma_migrations'
     ORDER BY c.relname, a.attnum`);
  const indexes = await client.query<{
    table_name: string;
    index_name: string;
    is_unique: boolean;
    is_primary: boolean;
    columns: string[];
  }>(`
    SELECT t.relname AS table_name, i.relname AS index_name, ix.indisunique AS is_unique,
           ix.indisprimary AS is_primary,
           array(SELECT a.attname::text
                   FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, position)
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                  ORDER BY k.position) AS columns
      FROM pg_index ix
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema()`);
  const foreignKeys = await client.query<{
    table_name: string;
    name: string;
    referenced_table: string;
    columns: string[];
    referenced_columns: string[];
    on_delete: string;
    on_update: string;
  }>(`
    SELECT t.relname AS table_name, con.conname AS name, r.relname AS referenced_table,
           array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)
                   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                  ORDER BY k.position) AS columns,
           array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, position)
                   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                  ORDER BY k.position) AS referenced_columns,
           con.confdeltype AS on_delete, con.confupdtype AS on_update
      FROM pg_constraint con
      JOIN pg_class t ON t.oid = con.conrelid
      JOIN pg_class r ON r.oid = con.confrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE con.contype = 'f' AND n.nspname = current_schema()`);
  const actions: Record<string, string> = {
    a: "NO ACTION",
    r: "RESTRICT",
    c: "CASCADE",
    n: "SET NULL",
    d: "SET DEFAULT",
  };

  const schema: DatabaseShape = {};
  for (const column of columns.rows) {
    const table = (schema[column.table_name] ??= {
      columns: [],
      primaryKey: { name: "", columns: [] },
      uniqueIndexes: [],
      indexes: [],
      foreignKeys: [],
    });
    table.columns.push({
      name: column.column_name,
      type: column.type,
      nullable: column.nullable,
      hasDefault: column.has_default,
    });
  }
  for (const index of indexes.rows) {
    const table = schema[index.table_name];
    if (!table) continue;
    const shape = { name: index.index_name, columns: index.columns };
    if (index.is_primary) table.primaryKey = shape;
    else (index.is_unique ? table.uniqueIndexes : table.indexes).push(shape);
  }
  for (const foreignKey of foreignKeys.rows) {
    schema[foreignKey.table_name]?.foreignKeys.push({
      name: foreignKey.name,
      columns: foreignKey.columns,
      referencedTable: foreignKey.referenced_table,
      referencedColumns: foreignKey.referenced_columns,
      onDelete: actions[foreignKey.on_delete] ?? foreignKey.on_delete,
      onUpdate: actions[foreignKey.on_update] ?? foreignKey.on_update,
    });
  }
  for (const table of Object.values(schema)) {
    table.uniqueIndexes = sortByName(table.uniqueIndexes);
    table.indexes = sortByName(table.indexes);
    table.foreignKeys = sortByName(table.foreignKeys);
  }
  return schema;
}

// ---------------------------------------------------------------------------------------
// Rows built from the models

type Row = Record<string, unknown>;

interface ModelDelegate {
  create(args: { data: Row }): Promise<Row>;
  findUniqueOrThrow(args: { where: Row }): Promise<Row>;
}

const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));

/** `npm run db:migrate` as a separate process (SQLite locks are per process); resolves to its stdout. */
async function runMigrateCli(databaseUrl: string): Promise<string> {
  const { stdout } = await execFileAsync(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], {
    cwd: repositoryRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  return stdout;
}

function delegateFor(db: Db, model: PrismaModel): ModelDelegate {
  const property = model.name.charAt(0).toLowerCase() + model.name.slice(1);
  const delegate = (db as unknown as Record<string, ModelDelegate | undefined>)[property];
  if (!delegate) throw new Error(`The generated client has no delegate ${property} for model ${model.name}`);
  return delegate;
}

function scalarFields(model: PrismaModel): ModelField[] {
  return model.fields.filter((field) => field.kind === "scalar");
}

/** Parents before children, so a row's references can point at rows already written. */
function inDependencyOrder(all: PrismaModel[]): PrismaModel[] {
  const ordered: PrismaModel[] = [];
  const visiting = new Set<string>();
  const visit = (model: PrismaModel) => {
    if (ordered.includes(model) || visiting.has(model.name)) return;
    visiting.add(model.name);
    for (const field of model.fields) {
      const parent = field.relation?.fields.length ? all.find((candidate) => candidate.name === field.type) : undefined;
      if (parent && parent !== model) visit(parent);
    }
    ordered.push(model);
  };
  all.forEach(visit);
  return ordered;
}

/** A distinctive value of the field's type; BigInt above 2^53, as Shopify ids are. */
function sampleValue(field: ModelField, rowNumber: number): unknown {
  switch (field.type) {
    case "String":
      return `${field.name}-${rowNumber}-${randomUUID()}`;
    case "Boolean":
      return field.defaultExpression !== "true"; // the opposite of the default, to prove the write
    case "Int":
      return 1_000 + rowNumber;
    case "BigInt":
      return 9_007_199_254_740_993n + BigInt(rowNumber);
    case "Float":
      return 1.25 + rowNumber;
    case "DateTime":
      // Millisecond precision is what both column types keep.
      return new Date(Date.UTC(2026, 10, 29, 12, 34, 56, 789) + rowNumber * 1_000);
    case "Bytes":
      return Uint8Array.from([0, 1, 2, 254, 255, rowNumber]);
    default:
      throw new Error(`No sample value for type ${field.type}`);
  }
}

/** Comparable form of a value read from or written to Prisma. */
function comparable(value: unknown): unknown {
  if (value instanceof Date) return `Date(${value.toISOString()})`;
  if (typeof value === "bigint") return `BigInt(${value})`;
  if (value instanceof Uint8Array) return `Bytes(${Array.from(value)})`;
  return value;
}

function comparableRow(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, comparable(value)]));
}

function primaryKeyWhere(model: PrismaModel, row: Row): Row {
  const [single, ...rest] = model.primaryKey.fields;
  if (single !== undefined && rest.length === 0) return { [single]: row[single] };
  return {
    [model.primaryKey.fields.join("_")]: Object.fromEntries(model.primaryKey.fields.map((name) => [name, row[name]])),
  };
}

// ---------------------------------------------------------------------------------------

describe("the parsed models", () => {
  it.each([
    ["sqlite", SqlitePrisma],
    ["postgresql", PostgresPrisma],
  ] as const)("are the models of the generated %s client", (_dialect, prismaNamespace) => {
    const namespace = prismaNamespace as unknown as Record<string, Record<string, string> | undefined>;
    expect(models.map((model) => model.name).sort()).toEqual(Object.values(namespace.ModelName ?? {}).sort());
    for (const model of models) {
      const generatedFields = Object.values(namespace[`${model.name}ScalarFieldEnum`] ?? {});
      expect(
        scalarFields(model)
          .map((field) => field.name)
          .sort(),
        model.name,
      ).toEqual(generatedFields.sort());
    }
  });
});

describe("SQLite connections of the Prisma client", () => {
  it("use WAL, durable commits (synchronous FULL), enforced foreign keys and a busy timeout", async () => {
    const database = await sqliteBackend.createScratchDatabase();
    const db = createDb(database.url);
    try {
      const pragma = async (name: string) =>
        Object.values((await db.$queryRawUnsafe<Row[]>(`PRAGMA ${name}`))[0] ?? {}).map(String)[0];
      expect(await pragma("journal_mode")).toBe("wal");
      expect(await pragma("synchronous")).toBe("2"); // FULL
      expect(await pragma("foreign_keys")).toBe("1");
      expect(await pragma("busy_timeout")).toBe("5000");
    } finally {
      await db.$disconnect();
      await database.drop();
    }
  });
});

describe.each([sqliteBackend, postgresBackend])("$dialect database", (backend) => {
  const folders = readMigrationFolders(defaultMigrationsDirectory(backend.dialect));
  let database: ScratchDatabase;
  let firstRun: { applied: string[] };
  let db: Db;

  beforeAll(async () => {
    database = await backend.createScratchDatabase();
    firstRun = await applyMigrations({ databaseUrl: database.url });
    db = createDb(database.url);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("applies every migration folder, in name order, to an empty database", () => {
    expect(folders.length).toBeGreaterThan(0);
    expect(firstRun.applied).toEqual(folders.map((folder) => folder.name));
  });

  it("has exactly the tables, columns, keys and indexes that models.prisma describes", async () => {
    expect(await database.describeSchema()).toEqual(expectedSchema(backend.dialect));
  });

  it("writes and reads back every model through the generated client", async () => {
    const written = new Map<string, Row>();
    for (const model of inDependencyOrder(models)) {
      const delegate = delegateFor(db, model);
      const references = new Map<string, unknown>();
      for (const field of model.fields) {
        if (!field.relation?.fields.length) continue;
        const parentRow = field.type === model.name ? undefined : written.get(field.type);
        field.relation.fields.forEach((localName, position) => {
          const referenced = field.relation?.references[position];
          references.set(localName, parentRow && referenced ? parentRow[referenced] : null);
        });
      }
      const writable = scalarFields(model).filter(
        (field) => !field.isUpdatedAt && field.defaultExpression !== "autoincrement()",
      );

      // Every field set: each column exists and keeps its value.
      const full: Row = {};
      for (const field of writable) {
        full[field.name] = references.has(field.name) ? references.get(field.name) : sampleValue(field, 1);
      }
      const created = await delegate.create({ data: full });
      const readBack = await delegate.findUniqueOrThrow({ where: primaryKeyWhere(model, created) });
      expect(comparableRow(readBack), `${model.name} read back`).toEqual(comparableRow(created));
      for (const [name, value] of Object.entries(full)) {
        expect(comparable(readBack[name]), `${model.name}.${name}`).toEqual(comparable(value));
      }
      written.set(model.name, readBack);

      // Only what is required: optional columns are nullable, defaults are filled in.
      const minimal: Row = {};
      for (const field of writable) {
        if (field.isOptional || field.defaultExpression !== undefined) continue;
        minimal[field.name] = references.has(field.name) ? references.get(field.name) : sampleValue(field, 2);
      }
      const createdMinimal = await delegate.create({ data: minimal });
      const readBackMinimal = await delegate.findUniqueOrThrow({ where: primaryKeyWhere(model, createdMinimal) });
      for (const field of scalarFields(model)) {
        const value = readBackMinimal[field.name];
        if (field.name in minimal)
          expect(comparable(value), `${model.name}.${field.name}`).toEqual(comparable(minimal[field.name]));
        else if (field.defaultExpression !== undefined || field.isUpdatedAt)
          expect(value, `${model.name}.${field.name}`).not.toBeNull();
        else expect(value, `${model.name}.${field.name}`).toBeNull();
      }
    }
  });

  it("applies nothing the second time and keeps Prisma's history, one finished row per folder", async () => {
    expect(await applyMigrations({ databaseUrl: database.url })).toEqual({ applied: [] });
    const rows = await database.query<{
      id: string;
      checksum: string;
      finished_at: unknown;
      migration_name: string;
      logs: string | null;
      rolled_back_at: unknown;
      started_at: unknown;
      applied_steps_count: number;
    }>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((row) => row.migration_name)).toEqual(folders.map((folder) => folder.name));
    for (const [index, row] of rows.entries()) {
      const folder = folders[index]!;
      const script = readFileSync(join(defaultMigrationsDirectory(backend.dialect), folder.name, "migration.sql"));
      expect(row.checksum).toBe(migrationChecksum(script.toString("utf8")));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.started_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(Number(row.applied_steps_count)).toBe(1);
      if (backend.dialect === "sqlite") {
        // Prisma's SQLite engine writes epoch milliseconds, and so must we.
        expect(typeof row.started_at).toBe("number");
        expect(typeof row.finished_at).toBe("number");
      }
    }
  });

  it("refuses to run, naming the migration, when an applied migration's checksum differs", async () => {
    const [first] = folders;
    const tampered = "0".repeat(64);
    const recordChecksum = (checksum: string) =>
      database.query(`UPDATE "_prisma_migrations" SET checksum = $1 WHERE migration_name = $2`, [
        checksum,
        first!.name,
      ]);
    await recordChecksum(tampered);
    try {
      const attempt = applyMigrations({ databaseUrl: database.url });
      await expect(attempt).rejects.toBeInstanceOf(MigrationError);
      await expect(attempt).rejects.toMatchObject({ kind: "checksum-mismatch" });
      await expect(attempt).rejects.toThrow(new RegExp(`${first!.name} was modified after it was applied`));
    } finally {
      await recordChecksum(first!.checksum);
    }
    expect(await applyMigrations({ databaseUrl: database.url })).toEqual({ applied: [] });
  });

  it("rolls a failing migration back completely and records nothing for it", async () => {
    const migrationsDirectory = mkdtempSync(join(tmpdir(), "candor-migrations-"));
    try {
      cpSync(defaultMigrationsDirectory(backend.dialect), migrationsDirectory, { recursive: true });
      const broken = "99991231000000_broken";
      mkdirSync(join(migrationsDirectory, broken));
      writeFileSync(
        join(migrationsDirectory, broken, "migration.sql"),
        'CREATE TABLE "HalfApplied" ("id" TEXT NOT NULL PRIMARY KEY);\nINSERT INTO "NoSuchTable" VALUES (1);\n',
      );
      const attempt = applyMigrations({ databaseUrl: database.url, migrationsDirectory });
      await expect(attempt).rejects.toMatchObject({ kind: "apply-failed" });
      await expect(attempt).rejects.toThrow(new RegExp(`${broken} failed and was rolled back`));
      expect(Object.keys(await database.describeSchema())).not.toContain("HalfApplied");
      const records = await database.query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations"`,
      );
      expect(records.map((record) => record.migration_name)).not.toContain(broken);
    } finally {
      rmSync(migrationsDirectory, { recursive: true, force: true });
    }
  });

  it("applies the folders only through a named one when asked, the rest on the next run", async () => {
    const other = await backend.createScratchDatabase();
    try {
      const through = folders[1]!.name;
      await expect(applyMigrations({ databaseUrl: other.url, through: "29991231000000_unknown" })).rejects.toMatchObject({ kind: "missing-script" });
      expect((await applyMigrations({ databaseUrl: other.url, through })).applied).toEqual([folders[0]!.name, through]);
      expect((await applyMigrations({ databaseUrl: other.url })).applied).toEqual(folders.slice(2).map((folder) => folder.name));
    } finally {
      await other.drop();
    }
  });

  it("refuses a database that has tables but no migration history", async () => {
    const other = await backend.createScratchDatabase();
    try {
      await other.query(`CREATE TABLE "Unrelated" ("id" INTEGER)`);
      await expect(applyMigrations({ databaseUrl: other.url })).rejects.toMatchObject({ kind: "database-not-empty" });
    } finally {
      await other.drop();
    }
  });

  it("applies each migration once when two migrator processes start together", async () => {
    const other = await backend.createScratchDatabase();
    try {
      const outputs = await Promise.all([runMigrateCli(other.url), runMigrateCli(other.url)]);
      const applied = outputs.flatMap((output) =>
        [...output.matchAll(/^Applying migration (\S+)$/gm)].map((m) => m[1]),
      );
      expect(applied.sort()).toEqual(folders.map((folder) => folder.name));
      const records = await other.query(`SELECT migration_name FROM "_prisma_migrations"`);
      expect(records).toHaveLength(folders.length);
    } finally {
      await other.drop();
    }
  });
});
