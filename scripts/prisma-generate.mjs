#!/usr/bin/env node
/**
 * Generates the Prisma client for both backends:
 *   prisma/sqlite/schema.prisma      -> app/generated/prisma/sqlite
 *   prisma/postgresql/schema.prisma  -> app/generated/prisma/postgresql
 *
 * Runs at install/build time (app/generated/ is git-ignored). Plain .mjs so it works before
 * any TypeScript tooling is set up.
 *
 * Usage: npm run prisma:generate
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const scriptPath = fileURLToPath(import.meta.url);
const repoRoot = resolve(dirname(scriptPath), "..");
const providers = ["sqlite", "postgresql"];

// The Prisma 7 CLI resolves a native schema-engine binary on start-up and tries to download
// it when missing, even for `generate`, which never runs it (client generation is done in
// WebAssembly). Where the download host is unreachable, naming any existing file lets
// `generate` proceed. Only set when absent, so a real engine configured by the caller wins.
const childEnv = { ...process.env };
if (!childEnv.PRISMA_SCHEMA_ENGINE_BINARY) {
  childEnv.PRISMA_SCHEMA_ENGINE_BINARY = scriptPath;
}
// The update notice would try to reach the network on every build.
childEnv.PRISMA_HIDE_UPDATE_MESSAGE = "1";

const require = createRequire(import.meta.url);
const prismaCli = require.resolve("prisma/build/index.js");

for (const provider of providers) {
  const schema = resolve(repoRoot, "prisma", provider, "schema.prisma");
  if (!existsSync(schema)) {
    console.error(`${relative(repoRoot, schema)} is missing: run \`npm run prisma:schemas\` first.`);
    process.exit(1);
  }
  const result = spawnSync(process.execPath, [prismaCli, "generate", "--schema", relative(repoRoot, schema)], {
    cwd: repoRoot,
    env: childEnv,
    stdio: "inherit",
  });
  if (result.status !== 0) {
    console.error(`prisma generate failed for ${provider} (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}
