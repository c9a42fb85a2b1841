#!/usr/bin/env bash
# Shared first steps of `npm run demo` and `npm test` on any machine, fresh or not:
# Node packages, a Docker engine, and the local busybox image.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

# npm ci again whenever package-lock.json changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[prepare] installing Node packages (npm ci)…"
  npm ci --no-audit --no-fund
fi
bash scripts/ensure-engine.sh
bash scripts/build-test-image.sh
