#!/usr/bin/env bash
# Data-rights benchmark: inventory, export and erasure of one customer at scale (see
# bench/data-rights.ts and docs/benchmarks.md).
# Usage: npm run bench:data-rights   (options as environment variables: BENCH_REQUESTS,
#        BENCH_CUSTOMERS, BENCH_SHOPS, BENCH_DELIVERIES, BENCH_SAMPLES, BENCH_WARMUP, BENCH_SEED,
#        BENCH_COMPARE_SQL, BENCH_LOG_LEVEL, BENCH_KEEP_DATABASE, BENCH_WRITE_DOCS, BENCH_JSON)
# Exits non-zero when a target or a check is missed; the results are written to
# docs/benchmarks.md either way.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-services.sh redis postgresql

exec npx tsx bench/data-rights.ts
