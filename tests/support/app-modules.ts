import type { Db } from "../../app/db.server";
import { baseTestEnv } from "./app-process";
import { deleteRedisPrefix } from "./redis-server";
import { createTestDatabase } from "./test-database";

export interface AppModulesContext {
  db: Db;
  env: Record<string, string>;
  /** Releases the app's connections, drops the database, deletes the queue's keys and restores the environment. */
  close(): Promise<void>;
}

/**
 * For integration tests that call app modules in-process: a temporary database on the backend
 * under test and a complete test environment in `process.env`. Import the modules under test
 * (dynamically) after this, so they read that environment.
 */
export async function openAppModules(): Promise<AppModulesContext> {
  const savedEnv = { ...process.env };
  const database = await createTestDatabase();
  const env = baseTestEnv({ DATABASE_URL: database.url, LOG_LEVEL: "silent" });
  process.env = { ...process.env, ...env };
  const { getDb, disconnectDb } = await import("../../app/db.server");
  const { closeDirectConnection } = await import("../../app/db/direct-connection.server");
  const { closeJobProducer } = await import("../../app/modules/queue/get-job-producer.server");
  return {
    db: getDb(),
    env,
    async close() {
      await closeJobProducer();
      await closeDirectConnection();
      await disconnectDb();
      await database.drop();
      await deleteRedisPrefix(env.REDIS_URL!, env.QUEUE_PREFIX!);
      process.env = savedEnv;
    },
  };
}
