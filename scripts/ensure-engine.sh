#!/usr/bin/env bash
# Make sure a Docker engine answers, installing and starting one when none does.
# Uses DOCKER_HOST or /var/run/docker.sock when they answer; otherwise (Debian, root)
# installs docker.io and starts dockerd, clearing a stale pid file left by a killed run.
set -euo pipefail

log() { echo "[engine] $*" >&2; }
die() { echo "[engine] ERROR: $*" >&2; exit 1; }

engine_answers() { timeout 5 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if command -v docker >/dev/null 2>&1 && engine_answers; then
  log "engine answers at ${DOCKER_HOST:-unix:///var/run/docker.sock} (server $(docker version --format '{{.Server.Version}}'))"
  exit 0
fi
[ -z "${DOCKER_HOST:-}" ] || die "DOCKER_HOST=$DOCKER_HOST is set but no engine answers there"
[ "$(id -u)" = 0 ] || die "no engine answers at /var/run/docker.sock; installing or starting one needs root (or set DOCKER_HOST)"

if ! command -v docker >/dev/null 2>&1 || ! command -v dockerd >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || die "no Docker engine here and no apt-get to install one: install Docker, or set DOCKER_HOST"
  log "installing docker.io (Debian package)…"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io iproute2 >/dev/null \
    || die "apt-get install docker.io failed"
  if engine_answers; then log "engine started by the package"; exit 0; fi
fi

pidfile=/var/run/docker.pid
# A pid may have been reused by another process since: stale unless it is a live dockerd.
if [ -f "$pidfile" ] && [ "$(cat "/proc/$(cat "$pidfile")/comm" 2>/dev/null)" != dockerd ]; then
  log "removing stale $pidfile (its dockerd is gone)"
  rm -f "$pidfile"
fi
# containerd's own pid/socket may also be left over from a killed session.
rm -f /var/run/docker/containerd/containerd.pid 2>/dev/null || true

logfile=${NETLENS_DOCKERD_LOG:-/var/log/netlens-dockerd.log}
log "starting dockerd (log: $logfile)…"
nohup dockerd >"$logfile" 2>&1 &
dockerd_pid=$!
for _ in $(seq 1 60); do
  if ! kill -0 "$dockerd_pid" 2>/dev/null; then
    tail -20 "$logfile" >&2 || true
    die "dockerd exited at start; see $logfile"
  fi
  if engine_answers; then
    log "engine up (server $(docker version --format '{{.Server.Version}}'))"
    exit 0
  fi
  sleep 0.5
done
tail -20 "$logfile" >&2 || true
die "dockerd did not answer within 30 s; see $logfile"
