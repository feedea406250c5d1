import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";

import pg from "pg";

import { applyMigrations } from "../../app/db/migrate.server";

export type TestBackend = "sqlite" | "postgresql";

export function testBackend(): TestBackend {
  return process.env.TEST_DATABASE_BACKEND === "postgresql" ? "postgresql" : "sqlite";
}

/** Server URL the PostgreSQL test databases are created on (never used for data itself). */
export function postgresAdminUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/postgres";
}

export interface TestDatabase {
  url: string;
  backend: TestBackend;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of the backend under test, owned by one test file.
 * `migrateThrough` stops after that migration folder (the rest can be applied later with
 * `applyMigrations`), to write rows as an older version did.
 */
export async function createTestDatabase(backend: TestBackend = testBackend(), options: { migrateThrough?: string } = {}): Promise<TestDatabase> {
  if (backend === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "candor-test-"));
    const url = `file:${path.join(dir, "candor.db")}`;
    await applyMigrations({ databaseUrl: url, through: options.migrateThrough });
    return { url, backend, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `candor_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  await applyMigrations({ databaseUrl: url.toString(), through: options.migrateThrough });
  return {
    url: url.toString(),
    backend,
    drop: async () => {
      const client = new pg.Client({ connectionString: postgresAdminUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
