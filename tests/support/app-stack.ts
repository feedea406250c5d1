import { createDb, type Db } from "../../app/db.server";
import { baseTestEnv, freePort, startAppProcess, type AppProcess } from "./app-process";
import { deleteRedisPrefix } from "./redis-server";
import { createTestDatabase, type TestDatabase } from "./test-database";

export interface AppStack {
  database: TestDatabase;
  /** A Prisma client of the test's own on the same database, for assertions. */
  db: Db;
  env: Record<string, string>;
  web: AppProcess;
  /** Absent in single-process mode (RUN_WORKERS_IN_WEB=true). */
  worker?: AppProcess;
  stop(): Promise<void>;
}

/**
 * The real thing for one test file: a fresh migrated database, the built web server and (unless
 * the web process runs them) the worker as separate processes, a queue prefix of its own, and
 * everything removed afterwards.
 */
export async function startAppStack(overrides: Record<string, string | undefined> = {}): Promise<AppStack> {
  const database = await createTestDatabase();
  const port = await freePort();
  const env = baseTestEnv({ PORT: String(port), DATABASE_URL: database.url, SHOPIFY_APP_URL: `http://127.0.0.1:${port}`, ...overrides });
  const web = await startAppProcess("web", env);
  const worker = env.RUN_WORKERS_IN_WEB === "true" ? undefined : await startAppProcess("worker", env);
  const db = createDb(database.url);
  return {
    database,
    db,
    env,
    web,
    worker,
    async stop() {
      await Promise.allSettled([web.stop(), worker?.stop()]);
      await db.$disconnect();
      if (!overrides.REDIS_URL) await deleteRedisPrefix(env.REDIS_URL!, env.QUEUE_PREFIX!);
      await database.drop();
    },
  };
}
