/**
 * Set on every SQLite connection Candor opens (Prisma's and the webhook intake's):
 * - WAL lets readers proceed while a write commits (web and worker share the file);
 * - synchronous=FULL syncs the WAL on every commit, so a webhook acknowledged to Shopify
 *   survives a power loss (WAL's usual NORMAL may lose the last commits);
 * - foreign keys are enforced per connection, not stored in the file.
 */
export const SQLITE_CONNECTION_PRAGMAS = ["journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"] as const;

/** How long a write waits for another connection's write lock before failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;
