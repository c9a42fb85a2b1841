#!/usr/bin/env bash
# Build the Netlens image here, where no image registry is reachable: the local Node base first
# (scripts/build-base-image.sh, skipped when it exists), then the Dockerfile on it. Elsewhere,
# `docker build -t netlens .` builds on the official node:20-bookworm-slim.
#   NETLENS_IMAGE  tag to build (default netlens:latest, what the README runs as `netlens`)
#   NODE_IMAGE     base image (default netlens-node-base:20, built locally when missing)
# Extra arguments go to `docker build` (e.g. --label netlens.test=1).
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE=${NETLENS_IMAGE:-netlens:latest}
NODE_IMAGE=${NODE_IMAGE:-netlens-node-base:20}

if [ "$NODE_IMAGE" = netlens-node-base:20 ]; then
  NETLENS_BASE_IMAGE=$NODE_IMAGE bash scripts/build-base-image.sh
fi
started=$SECONDS
# Behind a TLS-intercepting proxy, npm inside the build trusts what Node.js trusts here.
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r "$NODE_EXTRA_CA_CERTS" ]; then
  cp "$NODE_EXTRA_CA_CERTS" .build-ca.pem
  trap 'rm -f .build-ca.pem' EXIT
fi
revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
version=$(node -p 'require("./package.json").version')
# The classic builder (no buildx here) caches every step; BuildKit, where present, does too.
docker build \
  --build-arg NODE_IMAGE="$NODE_IMAGE" \
  --build-arg VERSION="$version" \
  --build-arg REVISION="$revision" \
  --build-arg CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  -t "$IMAGE" "$@" . >&2
# The build stages stay tagged as the next build's cache; those of earlier builds go, as do
# earlier Netlens images no tag points to any more.
for stage in build socket-proxy; do
  docker build -q --build-arg NODE_IMAGE="$NODE_IMAGE" --target "$stage" -t "netlens-cache:$stage" . \
    >/dev/null 2>&1 || echo "[image] could not keep the $stage stage as cache" >&2
done
docker image prune -f --filter label=netlens.build-cache=1 >/dev/null
docker image prune -f --filter label=org.opencontainers.image.title=Netlens >/dev/null
size=$(docker image inspect -f '{{.Size}}' "$IMAGE")
echo "[image] built $IMAGE in $((SECONDS - started)) s, $((size / 1000000)) MB" >&2
