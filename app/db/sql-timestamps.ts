/**
 * Timestamps for the plain driver, in the formats Prisma uses, so Prisma reads rows written
 * without it like its own, and the other way round: ISO text with an offset in SQLite, a UTC
 * `timestamp(3)` (no time zone) in PostgreSQL.
 */
export const sqliteTimestamp = (date: Date | null) => (date ? date.toISOString().replace("Z", "+00:00") : null);
export const postgresTimestamp = (date: Date | null) => (date ? date.toISOString().replace("Z", "") : null);

/**
 * A timestamp column as read by the plain driver: SQLite's text (or epoch milliseconds), or a
 * Date from PostgreSQL, which statements read with `AT TIME ZONE 'UTC'` so that the driver
 * does not take the stored UTC time for local time.
 */
export function timestampFromDb(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === "number") return new Date(value);
  return new Date(String(value));
}
