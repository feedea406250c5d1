/** The databases, ports, child processes and Redis keys a benchmark run sets up and removes. */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

import type { Redis } from "ioredis";
import pg from "pg";

import { ROOT } from "./run";

export type Backend = "sqlite" | "postgresql";

export interface BenchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * An empty database for one run: a file in a new folder under `tmpDir` (SQLite) or a new
 * database on the server of `postgresUrl` (given without a database name).
 */
export async function createBenchDatabase(backend: Backend, name: string, options: { postgresUrl: string; tmpDir?: string }): Promise<BenchDatabase> {
  if (backend === "sqlite") {
    if (!options.tmpDir) throw new Error("a SQLite bench database needs a tmpDir");
    const dir = mkdtempSync(path.join(options.tmpDir, `candor-bench-${name}-`));
    return { url: `file:${path.join(dir, "bench.db")}`, name, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = new pg.Client({ connectionString: `${options.postgresUrl}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `${options.postgresUrl}/${name}`,
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: `${options.postgresUrl}/postgres` });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (!address || typeof address === "string") throw new Error("could not find a free port");
  return address.port;
}

/** Runs a command from the repository root; rejects with its output when it fails. */
export async function runToCompletion(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`${path.basename(command)} ${args.join(" ")} exited with ${code}:\n${output.trim()}`);
}

/** Deletes every Redis key under a run's own prefix (its queues and anything else). */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== "0");
}
