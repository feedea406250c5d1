import { describe, expect, it } from "vitest";

import {
  DEFAULT_POSTGRES_POOL_SIZE,
  databaseDialect,
  postgresConnectionSettings,
  sqliteFilePath,
} from "./database-url.ts";

describe("databaseDialect", () => {
  it.each([
    ["file:./.data/candor.db", "sqlite"],
    ["file:/var/lib/candor/candor.db", "sqlite"],
    ["postgres://candor@db:5432/candor", "postgresql"],
    ["postgresql://candor:secret@db/candor?sslmode=require", "postgresql"],
  ] as const)("%s is %s", (url, dialect) => {
    expect(databaseDialect(url)).toBe(dialect);
  });

  it("rejects other schemes without echoing the URL, which may hold a password", () => {
    expect(() => databaseDialect("mysql://root:hunter2@db/candor")).toThrow(/DATABASE_URL must start with/);
    expect(() => databaseDialect("mysql://root:hunter2@db/candor")).not.toThrow(/hunter2/);
  });
});

describe("sqliteFilePath", () => {
  it("resolves relative paths from the working directory and drops query parameters", () => {
    expect(sqliteFilePath("file:./.data/candor.db?connection_limit=1", "/srv/candor")).toBe(
      "/srv/candor/.data/candor.db",
    );
    expect(sqliteFilePath("file:/var/lib/candor.db", "/srv/candor")).toBe("/var/lib/candor.db");
    expect(sqliteFilePath("file:///var/lib/candor.db", "/srv/candor")).toBe("/var/lib/candor.db");
  });

  it("refuses an in-memory database, which would lose every write", () => {
    expect(() => sqliteFilePath("file::memory:")).toThrow(/must name a SQLite file/);
  });
});

describe("postgresConnectionSettings", () => {
  it("takes the pool size from connection_limit and removes it from the URL", () => {
    expect(postgresConnectionSettings("postgresql://candor@db/candor?connection_limit=25&sslmode=require")).toEqual({
      connectionString: "postgresql://candor@db/candor?sslmode=require",
      poolSize: 25,
    });
  });

  it("defaults the pool size", () => {
    expect(postgresConnectionSettings("postgres://candor@db/candor").poolSize).toBe(DEFAULT_POSTGRES_POOL_SIZE);
  });

  it("rejects a pool size that is not a positive integer", () => {
    expect(() => postgresConnectionSettings("postgres://candor@db/candor?connection_limit=0")).toThrow(
      /connection_limit/,
    );
  });
});
