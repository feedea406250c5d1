import { describe, expect, it } from "vitest";

import { describeStorageLocation } from "./describe-storage-location";

const env = {
  DATABASE_URL: "postgresql://candor:s3cret-pass@db.internal.example:5432/candor",
  DATA_REGION: "eu-west-1",
  REDIS_URL: "rediss://default:redis-pass@cache.internal.example:6380",
};

describe("describeStorageLocation", () => {
  it("names the database engine from the URL and the region from DATA_REGION", () => {
    expect(describeStorageLocation("database", env)).toEqual({ system: "Candor database", engine: "PostgreSQL", region: "eu-west-1" });
    expect(describeStorageLocation("database", { ...env, DATABASE_URL: "postgres://u:p@h/db" }).engine).toBe("PostgreSQL");
    expect(describeStorageLocation("database", { ...env, DATABASE_URL: "file:./.data/candor.db" }).engine).toBe("SQLite (embedded)");
  });

  it("describes the queue, with TLS when the URL says so", () => {
    expect(describeStorageLocation("redis", env)).toEqual({ system: "Candor job queue", engine: "Redis (BullMQ, TLS)", region: "eu-west-1" });
    expect(describeStorageLocation("redis", { ...env, REDIS_URL: "redis://127.0.0.1:6379" }).engine).toBe("Redis (BullMQ)");
  });

  it("says plainly when no region was set", () => {
    expect(describeStorageLocation("database", { ...env, DATA_REGION: "unspecified" }).region).toBe("Not specified (DATA_REGION is not set)");
  });

  it("describes the email provider and Shopify without any of Candor's settings", () => {
    expect(describeStorageLocation("smtp", env).system).toBe("Email provider (SMTP)");
    expect(describeStorageLocation("shopify", env).system).toBe("Shopify");
  });

  it("never repeats a host, user or password from the URLs", () => {
    const text = JSON.stringify((["database", "redis", "smtp", "shopify"] as const).map((system) => describeStorageLocation(system, env)));
    for (const secret of ["s3cret-pass", "redis-pass", "db.internal.example", "cache.internal.example", "candor:", "5432", "6380"]) {
      expect(text).not.toContain(secret);
    }
  });
});
