#!/usr/bin/env bash
# The seed article's scenarios, built on the real engine: `lab.sh up` / `lab.sh down`.
# Every resource carries the label netlens.lab=1; `down` removes exactly those.
set -uo pipefail

IMAGE=${NETLENS_TEST_IMAGE:-netlens-busybox:latest}
LABEL=netlens.lab=1
# The macvlan network needs a parent link; a veth pair stands in for a NIC (no dummy module here).
VETH=nl-lab-mv0
VETH_PEER=nl-lab-mv1

say() { echo "[lab] $*"; }
skip() { echo "[lab] SKIPPED: $*"; }

down() {
  local ids
  ids=$(docker ps -aq --filter "label=$LABEL")
  # shellcheck disable=SC2086
  [ -z "$ids" ] || docker rm -f $ids >/dev/null
  ids=$(docker network ls -q --filter "label=$LABEL")
  # shellcheck disable=SC2086
  [ -z "$ids" ] || docker network rm $ids >/dev/null
  if ip link show "$VETH" >/dev/null 2>&1; then ip link del "$VETH" 2>/dev/null || true; fi
  say "removed all netlens.lab resources"
}

# run NAME ARGS...: start a labelled lab container, reporting Docker's own error if it fails.
run() {
  local name=$1; shift
  local out
  if out=$(docker run -d --name "$name" --label "$LABEL" "$@" 2>&1); then
    say "container $name"
  else
    skip "container $name: ${out##*Error response from daemon: }"
  fi
}

network() {
  local name=$1; shift
  local out
  if out=$(docker network create --label "$LABEL" "$@" "$name" 2>&1); then
    say "network $name"
  else
    skip "network $name: ${out##*Error response from daemon: }"
  fi
}

up() {
  docker version >/dev/null 2>&1 || { echo "[lab] ERROR: no Docker engine answers (run scripts/ensure-engine.sh)" >&2; exit 1; }
  down >/dev/null
  # User-defined bridge with a chosen subnet: web and db resolve each other by name.
  network lab-mynet --driver bridge --subnet 172.20.0.0/16 --gateway 172.20.0.1
  # An internal network: no route out, reachable only from its members.
  network lab-backend --driver bridge --internal --subnet 172.21.0.0/24

  # web serves HTTP with busybox httpd; -p 8080:80 is DNAT from the host's port 8080.
  run web --network lab-mynet --network-alias www -p 8080:80 -p 127.0.0.1:8443:443 \
    "$IMAGE" httpd -f -p 80 -h /var/www
  run db --network lab-mynet --network-alias database "$IMAGE"
  docker network connect --alias db-internal lab-backend db 2>/dev/null && say "db also on lab-backend"
  # Multi-homed: api has an endpoint on lab-mynet and one on the internal lab-backend.
  run api --network lab-mynet "$IMAGE"
  docker network connect lab-backend api 2>/dev/null && say "api also on lab-backend (multi-homed)"
  # Sidecar sharing web's sandbox: same IP, talks to web over localhost.
  run web-sidecar --network container:web "$IMAGE"
  # The default bridge (docker0, 172.17.0.0/16): no name resolution there.
  run legacy "$IMAGE"
  # Host mode: the host's own network namespace, no NAT, no own IP.
  run hostnet --network host "$IMAGE"
  # None mode: only loopback inside its own namespace.
  run isolated --network none "$IMAGE"
  # A stopped container keeps its network settings but has no sandbox.
  if docker create --name batch --label "$LABEL" --network lab-mynet "$IMAGE" true >/dev/null 2>&1 \
    && docker start -a batch >/dev/null 2>&1; then say "container batch (exited)"; else skip "container batch"; fi

  if [ "$(id -u)" != 0 ]; then
    skip "macvlan: creating the veth pair that stands in for a NIC needs root"
  elif ! ip link add "$VETH" type veth peer name "$VETH_PEER" 2>/dev/null; then
    skip "macvlan: this host cannot create a veth pair ($VETH)"
  else
    ip link set "$VETH" up && ip link set "$VETH_PEER" up
    network lab-macvlan --driver macvlan --subnet 10.77.0.0/24 --gateway 10.77.0.1 \
      -o parent="$VETH" -o macvlan_mode=bridge
    run mv1 --network lab-macvlan --ip 10.77.0.10 "$IMAGE"
  fi
  say "up: $(docker ps -q --filter "label=$LABEL" | wc -l) running containers, $(docker network ls -q --filter "label=$LABEL" | wc -l) networks"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
