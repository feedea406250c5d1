#!/usr/bin/env bash
# Review-email benchmark, end to end (see bench/review-emails.ts and docs/benchmarks.md).
# Usage: npm run bench:emails   (options as environment variables: BENCH_BACKENDS, BENCH_SHOPS,
#        BENCH_ORDERS_PER_SHOP, BENCH_LIMITER_ORDERS, BENCH_CONCURRENCY, BENCH_WORKER_CONCURRENCY,
#        BENCH_LOG_LEVEL, BENCH_STALL_SECONDS, BENCH_CEILING_MESSAGES, BENCH_CPU_PROF,
#        BENCH_WORKER_NODE_OPTIONS, BENCH_WRITE_DOCS, BENCH_JSON)
# Exits non-zero when a target is missed; the results are written to docs/benchmarks.md
# either way.
set -euo pipefail
cd "$(dirname "$0")/.."

services=(redis)
case " ${BENCH_BACKENDS:-postgresql sqlite} " in
  *postgresql*) services+=(postgresql) ;;
esac
bash scripts/ensure-services.sh "${services[@]}"

if [ ! -f build/server.js ] || [ ! -f build/worker.js ] || [ ! -f build/server/index.js ]; then
  echo "[bench] build/ is missing: running npm run build"
  npm run build
fi

exec npx tsx bench/review-emails.ts
