#!/usr/bin/env bash
# Build the local busybox image every lab and test container runs (no registry is reachable).
# Idempotent: does nothing when the image already exists.
set -euo pipefail
IMAGE=${NETLENS_TEST_IMAGE:-netlens-busybox:latest}

if docker image inspect "$IMAGE" >/dev/null 2>&1; then exit 0; fi

# busybox-static's /bin/busybox needs no libraries inside the image; a dynamic one would.
busybox=/bin/busybox
if [ ! -x "$busybox" ] || ldd "$busybox" >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || { echo "[image] busybox-static is missing and installing it needs root" >&2; exit 1; }
  echo "[image] installing busybox-static…" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq busybox-static >/dev/null
fi

rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs"/{bin,etc,tmp,var/www,proc,sys,dev}
cp "$busybox" "$rootfs/bin/busybox"
for applet in $("$rootfs/bin/busybox" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
done
echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"
echo 'root:x:0:' >"$rootfs/etc/group"
echo '<h1>netlens lab</h1>' >"$rootfs/var/www/index.html"
tar -C "$rootfs" -c . | docker import \
  --change 'LABEL netlens.image=1' \
  --change 'ENV PATH=/bin' \
  --change 'CMD ["sleep","infinity"]' \
  - "$IMAGE" >/dev/null
echo "[image] built $IMAGE" >&2
