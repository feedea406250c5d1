#!/usr/bin/env bash
# `npm run demo`: installs and starts what the demo needs (npm packages, Redis), builds the
# app when the build is missing or older than the sources, then runs scripts/demo.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-services.sh redis
if [ ! -f build/server.js ] || [ -n "$(find app server prisma -newer build/server.js -type f -print -quit)" ]; then
  npm run build --silent
fi
exec npx tsx scripts/demo.ts
