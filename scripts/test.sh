#!/usr/bin/env bash
# The whole test suite, from a clean clone: installs and starts what it needs, builds the
# app, then runs unit tests once and the integration and end-to-end tests against each
# database backend (SQLite, then PostgreSQL). Set TEST_BACKENDS="sqlite" to skip PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

backends=${TEST_BACKENDS:-"sqlite postgresql"}
services="redis chromium"
case " $backends " in *" postgresql "*) services="$services postgresql" ;; esac
bash scripts/ensure-services.sh $services

npm run build --silent
echo "=== typecheck ==="
npm run typecheck --silent

results=$(mktemp -d)
status=0
run() {
  local label=$1; shift
  echo "=== $label ==="
  npx vitest run "$@" --reporter=default --reporter=json --outputFile="$results/$label.json" || status=1
}

run unit --project unit
for backend in $backends; do
  TEST_DATABASE_BACKEND=$backend run "integration-$backend" --project integration
  TEST_DATABASE_BACKEND=$backend run "e2e-$backend" --project e2e
done

node scripts/summarise-test-results.mjs "$results"
exit $status
