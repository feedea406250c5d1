#!/usr/bin/env bash
# Retention-purge benchmark: 1,000,000 expired rows purged in PostgreSQL while signed webhooks
# keep arriving (see bench/retention-purge.ts and docs/benchmarks.md).
# Usage: npm run bench:purge   (options as environment variables: BENCH_EXPIRED, BENCH_RATE,
#        BENCH_CONNECTIONS, BENCH_IDLE_SECONDS, BENCH_BATCH_SIZE, BENCH_REST_FACTOR, BENCH_LOG_LEVEL,
#        BENCH_WRITE_DOCS, BENCH_KEEP_DATABASE)
# Exits non-zero when a target or a check is missed; the results are written to
# docs/benchmarks.md either way.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-services.sh redis postgresql

if [ ! -f build/server.js ] || [ ! -f build/server/index.js ]; then
  echo "[bench] build/server.js is missing: running npm run build"
  npm run build
fi

exec npx tsx bench/retention-purge.ts
