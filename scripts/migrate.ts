/**
 * Applies pending database migrations for DATABASE_URL (default: the embedded SQLite file).
 *
 * Usage: npm run db:migrate
 *
 * Exit codes: 0 up to date, 1 refused or failed (the message says why).
 */
import { DEFAULT_DATABASE_URL } from "../app/db/database-url.ts";
import { applyMigrations, MigrationError } from "../app/db/migrate.server.ts";

const databaseUrl = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;

try {
  await applyMigrations({
    databaseUrl,
    logger: {
      info: (message) => console.log(message),
      warn: (message) => console.warn(`warning: ${message}`),
    },
  });
} catch (error) {
  if (error instanceof MigrationError) {
    console.error(`Migration refused (${error.kind}): ${error.message}`);
  } else {
    console.error("Migration failed:", error);
  }
  process.exitCode = 1;
}
