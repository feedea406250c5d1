#!/usr/bin/env bash
# Webhook-intake benchmark (see bench/webhook-intake.ts and docs/benchmarks.md).
# Usage: npm run bench:webhooks   (options as environment variables: BENCH_BACKENDS,
#        BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_LOG_LEVEL, BENCH_CPU_PROF,
#        BENCH_WRITE_DOCS, BENCH_JSON)
# Exits non-zero when a target is missed; the results are written to docs/benchmarks.md
# either way.
set -euo pipefail
cd "$(dirname "$0")/.."

services=(redis)
case " ${BENCH_BACKENDS:-sqlite postgresql} " in
  *postgresql*) services+=(postgresql) ;;
esac
bash scripts/ensure-services.sh "${services[@]}"

if [ ! -f build/server.js ] || [ ! -f build/server/index.js ]; then
  echo "[bench] build/server.js is missing: running npm run build"
  npm run build
fi

exec npx tsx bench/webhook-intake.ts
