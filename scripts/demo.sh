#!/usr/bin/env bash
# npm run demo: everything a fresh machine needs, the lab's scenarios on the engine, then the
# dashboard on http://${HOST:-127.0.0.1}:${PORT:-3000}.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare.sh
bash scripts/lab.sh up
echo "[demo] building…"
npx next build >/tmp/netlens-build.log 2>&1 || { tail -40 /tmp/netlens-build.log; exit 1; }
host=${HOST:-127.0.0.1}
port=${PORT:-3000}
case "$host" in
  127.*|localhost|::1) ;;
  *) echo "[demo] WARNING: serving on $host, beyond this machine, over plain HTTP: put a TLS-terminating" \
       "proxy in front and list its name in NETLENS_ALLOWED_HOSTS (README, Security)." >&2 ;;
esac
echo "[demo] Netlens on http://$host:$port  (stop with Ctrl-C; remove the lab with npm run lab:down)"
# Probes run in the local busybox the lab uses: no registry is needed (README, Debugging).
export NETLENS_PROBE_IMAGE=${NETLENS_PROBE_IMAGE:-netlens-busybox:latest}
# The server prints its login URL as it starts (instrumentation.ts).
HOST=$host PORT=$port exec npm start --silent
