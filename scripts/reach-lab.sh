#!/usr/bin/env bash
# The reachability cases of issue 8, built on the real engine: `reach-lab.sh up` / `reach-lab.sh down`.
# Used by the reachability integration test and to record the unit tests' `reach` fixture.
# Every resource is labelled netlens.test=1 and named nl-t-reach-*. Containers are started with
# --dns 127.0.0.1 so that a name Docker's DNS does not know is never forwarded off this machine.
set -euo pipefail
# The CLI warns about --dns 127.0.0.1 on every run; that address is the point here.
exec 2> >(grep -v --line-buffered 'Localhost DNS (127.0.0.1) may fail' >&2)

IMAGE=${NETLENS_TEST_IMAGE:-netlens-busybox:latest}
P=nl-t-reach
LABEL=netlens.test=1
# A port on the host for the host-mode server; the container ports are all 80.
HOST_PORT=${NETLENS_REACH_HOST_PORT:-39781}

down() {
  local ids
  ids=$(docker ps -aq --filter "name=^$P-")
  # shellcheck disable=SC2086
  [ -z "$ids" ] || docker rm -f $ids >/dev/null
  ids=$(docker network ls -q --filter "name=^$P-")
  # shellcheck disable=SC2086
  [ -z "$ids" ] || docker network rm $ids >/dev/null
}

net() { docker network create --label "$LABEL" "$@" >/dev/null; }
# serve NAME ARGS...: a container answering HTTP on port 80.
serve() {
  local name=$1; shift
  docker run -d --name "$P-$name" --label "$LABEL" "$@" "$IMAGE" httpd -f -p 80 -h /var/www >/dev/null
}

up() {
  down
  net "$P-front"
  net "$P-back"
  # Docker forbids traffic between this network's members (their names still resolve).
  net -o com.docker.network.bridge.enable_icc=false "$P-quiet"
  net --internal "$P-inner"
  # Two networks with one name: Docker allows it unless asked not to (the CLI asks; the API need not).
  local engine=(--unix-socket /var/run/docker.sock http://localhost)
  case "${DOCKER_HOST:-}" in
    unix://*) engine=(--unix-socket "${DOCKER_HOST#unix://}" http://localhost) ;;
    tcp://*) engine=("http://${DOCKER_HOST#tcp://}") ;;
  esac
  for _ in 1 2; do
    curl -sf -H 'Content-Type: application/json' \
      -d "{\"Name\":\"$P-dup\",\"CheckDuplicate\":false,\"Labels\":{\"netlens.test\":\"1\"}}" \
      "${engine[@]:0:${#engine[@]}-1}" "${engine[-1]}/networks/create" >/dev/null
  done
  local dns=(--dns 127.0.0.1)
  # a and d share front; a publishes on loopback only, d on every address.
  serve a "${dns[@]}" --network "$P-front" -p 127.0.0.1::80
  serve d "${dns[@]}" --network "$P-front" -p 80
  # b joins front and back; c only back: a and c share no network (A–B–C).
  serve b "${dns[@]}" --network "$P-front"
  docker network connect "$P-back" "$P-b"
  serve c "${dns[@]}" --network "$P-back"
  serve q1 "${dns[@]}" --network "$P-quiet"
  serve q2 "${dns[@]}" --network "$P-quiet"
  # The default bridge: reachable by IP, no names.
  serve l1 "${dns[@]}"
  serve l2 "${dns[@]}"
  serve inner "${dns[@]}" --network "$P-inner"
  # side shares a's namespace (talks over loopback); stale joined c, which then restarted.
  docker run -d --name "$P-side" --label "$LABEL" --network "container:$P-a" "$IMAGE" >/dev/null
  docker run -d --name "$P-stale" --label "$LABEL" --network "container:$P-c" "$IMAGE" >/dev/null
  docker restart -t 0 "$P-c" >/dev/null
  serve none "${dns[@]}" --network none
  docker create --name "$P-stopped" --label "$LABEL" "${dns[@]}" --network "$P-front" "$IMAGE" >/dev/null
  # A server in the host's own stack: containers reach it through their network's gateway.
  docker run -d --name "$P-hostsrv" --label "$LABEL" --network host "$IMAGE" \
    httpd -f -p "$HOST_PORT" -h /var/www >/dev/null
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
