#!/usr/bin/env bash
# npm test: installs what is missing, then lint, typecheck, unit, integration and e2e tests
# against a real Docker engine and a real Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare.sh

if [ ! -x "${NETLENS_CHROMIUM:-/usr/bin/chromium}" ]; then
  [ "$(id -u)" = 0 ] || { echo "[test] Chromium is missing and installing it needs root" >&2; exit 1; }
  echo "[test] installing Debian's chromium…"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

step() { echo; echo "=== $1"; }
step "lint";       npx eslint . && npx prettier --check . >/dev/null && echo "eslint and prettier: clean"
step "typecheck";  npx tsc --noEmit -p . && echo "tsc: clean"
step "unit";       npx vitest run
step "build";      npx next build >/tmp/netlens-test-build.log 2>&1 || { tail -40 /tmp/netlens-test-build.log; exit 1; }
echo "next build: ok"
step "integration + e2e (real engine, real Chromium)"
npx playwright test
