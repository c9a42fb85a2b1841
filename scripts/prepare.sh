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
# Graphviz's dot, which the unit tests run on the DOT export (Debian's package; the demo works without).
if ! command -v dot >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[prepare] installing Debian's graphviz (dot)…"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
  else
    echo "[prepare] Graphviz's dot is missing (apt-get install graphviz, as root): the DOT export test needs it" >&2
  fi
fi
