/**
 * Prisma CLI configuration (Prisma 7 reads the datasource URL here, not from the schema).
 *
 * Candor has one generated schema and one migration folder per backend; DATABASE_URL picks
 * the pair, so `npx prisma migrate deploy` (or `migrate status`) run by someone with access
 * to Prisma's engine downloads works on the same folders that our own runner applies
 * (app/db/migrate.server.ts) and sees the same `_prisma_migrations` history.
 *
 * `npm run prisma:generate` passes `--schema` explicitly for each provider, so generating
 * both clients does not depend on which backend DATABASE_URL names.
 */
import { defineConfig } from "prisma/config";

// Same default as the app: an embedded SQLite file under .data/ (git-ignored). Read from
// process.env rather than with `env()` from prisma/config, which throws when the variable
// is unset and so would leave no room for a default.
const DEFAULT_DATABASE_URL = "file:./.data/candor.db";

const databaseUrl = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
const provider = /^postgres(ql)?:\/\//i.test(databaseUrl) ? "postgresql" : "sqlite";

export default defineConfig({
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
  datasource: { url: databaseUrl },
});
