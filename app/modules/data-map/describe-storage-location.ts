import type { StorageSystem } from "./data-map-registry";

export interface StorageLocationEnv {
  DATABASE_URL: string;
  /** Where the operator hosts Candor's database and Redis (free text, e.g. "eu-west-1"). */
  DATA_REGION: string;
  REDIS_URL: string;
}

export interface StorageLocation {
  system: string;
  engine: string;
  region: string;
}

const NO_REGION = "unspecified";

function candorRegion(dataRegion: string): string {
  const region = dataRegion.trim();
  return region === "" || region === NO_REGION ? "Not specified (DATA_REGION is not set)" : region;
}

function databaseEngine(databaseUrl: string): string {
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) return "PostgreSQL";
  if (/^file:/i.test(databaseUrl)) return "SQLite (embedded)";
  return "Unknown";
}

/**
 * Where a store is, in words a merchant or auditor can read: the system, its engine (taken
 * from the URL's scheme only) and its region. Hosts, users and passwords in the URLs are
 * never part of the answer.
 */
export function describeStorageLocation(system: StorageSystem, env: StorageLocationEnv): StorageLocation {
  switch (system) {
    case "database":
      return { system: "Candor database", engine: databaseEngine(env.DATABASE_URL), region: candorRegion(env.DATA_REGION) };
    case "redis":
      return {
        system: "Candor job queue",
        engine: /^rediss:\/\//i.test(env.REDIS_URL) ? "Redis (BullMQ, TLS)" : "Redis (BullMQ)",
        region: candorRegion(env.DATA_REGION),
      };
    case "smtp":
      return {
        system: "Email provider (SMTP)",
        engine: "The operator's SMTP service",
        region: "The email provider's, as its data processing agreement states",
      };
    case "shopify":
      return {
        system: "Shopify",
        engine: "Shopify platform (Admin API, Flow)",
        region: "Shopify's, as its data processing terms state",
      };
  }
}
