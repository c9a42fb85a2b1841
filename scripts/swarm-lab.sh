#!/usr/bin/env bash
# A two-node Docker Swarm lab of its own: two dockerd engines, each in its own network, mount and
# UTS namespace, never the user's engine. node1 is the manager, node2 the worker.
#
#   swarm-lab.sh up          start (or repair) the lab, ensure its resources, print NETLENS_ENGINES
#   swarm-lab.sh down        remove everything the lab made; idempotent
#   swarm-lab.sh down --check | check-clean
#                            exit 1, listing them, if any namespace, link, mount, process, cgroup or
#                            state dir of the lab remains
#   swarm-lab.sh status      exit 0 when both engines answer and the swarm has 2 ready nodes
#   swarm-lab.sh env         print the NETLENS_ENGINES=… line only
#   swarm-lab.sh kill-engine NODE   SIGKILL one node's dockerd and containerd, as a crash would
#   swarm-lab.sh start-engine NODE  start that node's dockerd again on its data: it rejoins the swarm
#
# Layout (all addresses apart from the repo's other labs and from Docker's default pools):
#   netns nl-swarm-hub  bridge br0 joining the three links below. The bridge is in a namespace of
#                       its own, not the host's: the host has bridge-nf-call-iptables=1 and a
#                       FORWARD policy of DROP (the shared engine's), which would drop node-to-node
#                       frames on a host bridge.
#   host  nl-swarm-h    10.190.0.1/24   (veth to the hub: the host reaches both nodes)
#   netns nl-swarm1     eth0 10.190.0.11/24, hostname node1, bip 10.191.1.1/24, pool 10.192.0.0/16
#   netns nl-swarm2     eth0 10.190.0.12/24, hostname node2, bip 10.191.2.1/24, pool 10.193.0.0/16
#   swarm default address pool 10.194.0.0/16 (ingress), lab-overlay 10.195.0.0/24
# State, sockets, data: /run/netlens-swarm/<node>/; containers in cgroups netlens-swarm-<node>
# (relative --cgroup-parent: nested under dockerd's own cgroup, e.g. memory:/process_api/<session>/).
# The kernel lacks IPVS and ESP: services use --endpoint-mode dnsrr, no published ports, no
# encrypted overlays.
set -euo pipefail
cd "$(dirname "$0")/.."

STATE=${NETLENS_SWARM_DIR:-/run/netlens-swarm}
LOCK=/run/lock/netlens-swarm-lab.lock
IMAGE=${NETLENS_TEST_IMAGE:-netlens-busybox:latest}
LABEL=netlens.lab=swarm
NODES=(node1 node2)
HUB=nl-swarm-hub
HOST_IF=nl-swarm-h
HOST_ADDR=10.190.0.1
OVERLAY=lab-overlay
OVERLAY_SUBNET=10.195.0.0/24
SWARM_POOL=10.194.0.0/16
SERVICE=lab-svc
SOLO=lab-solo
export DOCKER_API_VERSION=${DOCKER_API_VERSION:-1.41}

log() { echo "[swarm-lab] $*" >&2; }
die() {
  echo "[swarm-lab] ERROR: $*" >&2
  exit 1
}

idx() { echo "${1#node}"; }                   # node1 -> 1
netns() { echo "nl-swarm$(idx "$1")"; }        # node1 -> nl-swarm1
addr() { echo "10.190.0.1$(idx "$1")"; }       # node1 -> 10.190.0.11
dir() { echo "$STATE/$1"; }
sock() { echo "$STATE/$1/docker.sock"; }
host() { echo "unix://$STATE/$1/docker.sock"; }
cgparent() { echo "netlens-swarm-$1"; }
engines_value() { echo "node1=$(host node1),node2=$(host node2)"; }

# dk NODE ARGS…: the docker CLI against one lab engine (never the user's).
dk() {
  local n=$1
  shift
  docker -H "$(host "$n")" "$@"
}

answers() { [ -S "$(sock "$1")" ] && timeout 5 docker -H "$(host "$1")" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

ready_nodes() {
  timeout 10 docker -H "$(host node1)" node ls --format '{{.Hostname}} {{.Status}}' 2>/dev/null |
    awk '$2 == "Ready"' | wc -l
}

is_up() { answers node1 && answers node2 && [ "$(ready_nodes)" = 2 ]; }

# ---------------------------------------------------------------------------------------------
# What belongs to the lab: processes, mounts, cgroups.

# A process's state letter (R, S, Z…), empty when gone: the field after "(comm) ".
proc_state() {
  local stat=""
  IFS= read -r stat 2>/dev/null <"/proc/$1/stat" || true
  stat=${stat##*) }
  echo "${stat%% *}"
}

# The namespace files of the lab that are bound (so stand for a live namespace).
ns_files() {
  local n
  for n in "${NODES[@]}"; do
    [ ! -e "/run/netns/$(netns "$n")" ] || echo "net /run/netns/$(netns "$n")"
    ! mountpoint -q "$(dir "$n")/mnt" 2>/dev/null || echo "mnt $(dir "$n")/mnt"
  done
  [ ! -e "/run/netns/$HUB" ] || echo "net /run/netns/$HUB"
}

# Every live (non-zombie) process of the lab, one "pid reason" a line: in a netlens-swarm cgroup,
# a dockerd/containerd/shim of the state dir, or in one of the lab's namespaces. Mostly builtins:
# it reads every process.
lab_pids() {
  local files=() kind f
  while read -r kind f; do files+=("$kind:$f"); done < <(ns_files)
  local p pid reason cg comm cmd st
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    [ "$pid" != $$ ] && [ "$pid" != "$BASHPID" ] || continue
    reason=""
    cg=""
    IFS= read -r -d "" cg 2>/dev/null <"$p/cgroup" || true
    if [[ $cg == *netlens-swarm-node* ]]; then
      reason="in a netlens-swarm cgroup"
    else
      comm=""
      IFS= read -r comm 2>/dev/null <"$p/comm" || continue
      case $comm in
        dockerd | containerd | containerd-shim* | runc | docker-proxy | docker-init)
          cmd=$(tr '\0' ' ' 2>/dev/null <"$p/cmdline") || continue
          [[ $cmd != *"$STATE/"* ]] || reason="$comm of the lab"
          ;;
      esac
      if [ -z "$reason" ]; then
        for f in "${files[@]}"; do
          if [[ $p/ns/${f%%:*} -ef ${f#*:} ]]; then
            reason="in namespace ${f#*:}"
            break
          fi
        done
      fi
    fi
    [ -n "$reason" ] || continue
    # A zombie holds nothing (no namespaces, files or mounts); only its parent can reap it.
    st=$(proc_state "$pid")
    [ -n "$st" ] && [ "$st" != Z ] || continue
    echo "$pid $reason"
  done
}

# The containers' cgroups: --cgroup-parent is relative, so runc nests them under dockerd's own
# cgroup of each hierarchy (e.g. memory:/process_api/<session>/netlens-swarm-node1/<id>).
cgroup_dirs() {
  find /sys/fs/cgroup -mindepth 1 -type d -name 'netlens-swarm-node*' -prune 2>/dev/null || true
}

# Host mounts under the state dir or of the lab's netns files, deepest first.
lab_mounts() {
  awk -v s="$STATE" '$5 == s || index($5, s "/") == 1 || index($5, "/run/netns/nl-swarm") == 1 {print $5}' \
    /proc/self/mountinfo | sort -r
}

kill_lab() {
  local pids i
  for i in $(seq 1 50); do
    pids=$(lab_pids | awk '{print $1}')
    [ -n "$pids" ] || return 0
    # shellcheck disable=SC2086
    kill -9 $pids 2>/dev/null || true
    sleep 0.2
  done
  log "WARNING: processes of the lab survive SIGKILL: $(echo $pids)"
}

teardown() {
  kill_lab
  local n m d
  # The namespaces bound to files, the netns mounts, then the state dir's own bind mount.
  for m in $(lab_mounts); do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
  for n in "${NODES[@]}"; do
    ip netns del "$(netns "$n")" 2>/dev/null || rm -f "/run/netns/$(netns "$n")"
  done
  ip netns del "$HUB" 2>/dev/null || rm -f "/run/netns/$HUB"
  ! ip link show "$HOST_IF" >/dev/null 2>&1 || ip link del "$HOST_IF" 2>/dev/null || true
  # The containers' cgroups (docker's --cgroup-parent), deepest first, once emptied.
  for d in $(cgroup_dirs); do
    find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null || true
  done
  for m in $(lab_mounts); do umount -l "$m" 2>/dev/null || true; done
  if [ -z "$(lab_mounts)" ]; then rm -rf "$STATE"; else log "WARNING: mounts remain under $STATE"; fi
}

# Everything of the lab that still exists, one line each; empty when clean.
leftovers() {
  local n l
  for n in "${NODES[@]}" hub; do
    l=$([ $n = hub ] && echo "$HUB" || netns "$n")
    [ ! -e "/run/netns/$l" ] || echo "network namespace $l"
  done
  ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | sed 's/@.*//' | grep -E '^nl-swarm' |
    sed 's/^/link /' || true
  lab_mounts | sed 's/^/mount /'
  lab_pids | awk '{pid=$1; $1=""; print "process " pid " (" substr($0, 2) ")"}'
  cgroup_dirs | sed 's/^/cgroup /'
  [ ! -e "$STATE" ] || echo "state dir $STATE"
}

check_clean() {
  local left
  left=$(leftovers)
  if [ -n "$left" ]; then
    echo "$left" | sed 's/^/[swarm-lab] left: /' >&2
    return 1
  fi
  log "clean: no namespace, link, mount, process, cgroup or state dir of the lab remains"
}

# ---------------------------------------------------------------------------------------------
# Bringing it up.

need_tools() {
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
    log "dockerd is missing: installing it with scripts/ensure-engine.sh"
    bash scripts/ensure-engine.sh
  fi
  local t
  for t in dockerd docker ip unshare nsenter mountpoint setsid flock iptables timeout; do
    command -v "$t" >/dev/null 2>&1 || die "$t is missing (Debian: util-linux, iproute2, iptables, docker.io)"
  done
}

make_links() {
  ip netns add "$HUB"
  ip -n "$HUB" link set lo up
  ip -n "$HUB" link add br0 type bridge
  ip -n "$HUB" link set br0 up
  ip link add "$HOST_IF" type veth peer name p-host netns "$HUB"
  ip addr add "$HOST_ADDR/24" dev "$HOST_IF"
  ip link set "$HOST_IF" up
  ip -n "$HUB" link set p-host master br0 up
  local n ns
  for n in "${NODES[@]}"; do
    ns=$(netns "$n")
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip -n "$HUB" link add "p-$n" type veth peer name eth0 netns "$ns"
    ip -n "$HUB" link set "p-$n" master br0 up
    ip -n "$ns" addr add "$(addr "$n")/24" dev eth0
    ip -n "$ns" link set eth0 up
  done
}

# The node's mount and UTS namespaces, kept alive by binding them to files in its dir.
make_node_namespaces() {
  local n=$1 d
  d=$(dir "$n")
  mkdir -p "$d/data" "$d/exec" "$d/etc-docker" "$d/cgroup-aside"
  touch "$d/mnt" "$d/uts"
  # Inside: a sysfs of the node's netns (dockerd reads /sys/class/net), with the host's cgroup v1
  # tree moved back over it (a fresh sysfs hides /sys/fs/cgroup, and runc needs it); private
  # /run/docker, /run/containerd (containerd's shim sockets) and /etc/docker (daemon.json, key.json),
  # so nothing is shared with the user's engine.
  nsenter --net="/run/netns/$(netns "$n")" -- \
    unshare --mount="$d/mnt" --uts="$d/uts" --propagation private -- \
    /bin/sh -ec '
      hostname "$1"
      mount --rbind /sys/fs/cgroup "$2/cgroup-aside"
      mount -t sysfs sysfs /sys
      mount --move "$2/cgroup-aside" /sys/fs/cgroup
      mkdir -p /run/docker /run/containerd /etc/docker
      mount -t tmpfs -o mode=0711 tmpfs /run/docker
      mount -t tmpfs -o mode=0711 tmpfs /run/containerd
      mount --bind "$2/etc-docker" /etc/docker
    ' sh "$n" "$d"
}

start_dockerd() {
  local n=$1 d i
  d=$(dir "$n")
  rm -f "$d/docker.pid" "$d/exec/containerd/containerd.pid"
  # setsid and a closed set of fds: a lock fd (or any other) inherited by dockerd would be held
  # for as long as it runs.
  (
    cd /
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      [ "$fd" -le 2 ] || eval "exec $fd>&-" 2>/dev/null || true
    done
    exec setsid nsenter --net="/run/netns/$(netns "$n")" --mount="$d/mnt" --uts="$d/uts" -- \
      dockerd \
      --host "$(host "$n")" \
      --data-root "$d/data" \
      --exec-root "$d/exec" \
      --pidfile "$d/docker.pid" \
      --bip "10.191.$(idx "$n").1/24" \
      --default-address-pool "base=10.19$((1 + $(idx "$n"))).0.0/16,size=24" \
      --cgroup-parent "$(cgparent "$n")" \
      --log-level info \
      </dev/null >>"$d/dockerd.log" 2>&1
  ) &
  local pid=$!
  for i in $(seq 1 120); do
    answers "$n" && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -20 "$d/dockerd.log" >&2 || true
      die "dockerd of $n exited at start; see $d/dockerd.log"
    fi
    sleep 0.5
  done
  tail -20 "$d/dockerd.log" >&2 || true
  die "dockerd of $n did not answer within 60 s; see $d/dockerd.log"
}

make_swarm() {
  dk node1 swarm init --advertise-addr "$(addr node1)" --listen-addr "$(addr node1):2377" \
    --default-addr-pool "$SWARM_POOL" --default-addr-pool-mask-length 24 >/dev/null
  local token i
  token=$(dk node1 swarm join-token -q worker)
  dk node2 swarm join --token "$token" --advertise-addr "$(addr node2)" \
    --listen-addr "$(addr node2):2377" "$(addr node1):2377" >/dev/null
  for i in $(seq 1 60); do
    [ "$(ready_nodes)" = 2 ] && return 0
    sleep 0.5
  done
  die "the swarm did not get 2 ready nodes within 30 s"
}

start_lab() {
  log "starting two engines under $STATE…"
  mkdir -p "$STATE"
  # unshare can bind a mount namespace only to a file on a private mount.
  mount --bind "$STATE" "$STATE"
  mount --make-private "$STATE"
  make_links
  local n
  for n in "${NODES[@]}"; do
    make_node_namespaces "$n"
    start_dockerd "$n"
    log "$n: dockerd $(dk "$n" version --format '{{.Server.Version}}') at $(host "$n"), address $(addr "$n")"
  done
  make_swarm
  log "swarm: node1 manager, node2 worker"
}

# The same image, by the same id, on both engines: built on node1, copied to node2 with save/load
# (two imports of one tarball get two ids: the image config holds the import time).
ensure_image() {
  DOCKER_HOST=$(host node1) bash scripts/build-test-image.sh
  local id1 id2
  id1=$(dk node1 image inspect -f '{{.Id}}' "$IMAGE")
  id2=$(dk node2 image inspect -f '{{.Id}}' "$IMAGE" 2>/dev/null || true)
  if [ "$id1" != "$id2" ]; then
    dk node1 save "$IMAGE" | dk node2 load >/dev/null
    id2=$(dk node2 image inspect -f '{{.Id}}' "$IMAGE")
    [ "$id1" = "$id2" ] || die "image ids differ after load: $id1 vs $id2"
  fi
  echo "$id1"
}

ensure_resources() {
  local image_id=$1
  if ! dk node1 network inspect "$OVERLAY" >/dev/null 2>&1; then
    dk node1 network create --driver overlay --attachable --subnet "$OVERLAY_SUBNET" \
      --label "$LABEL" "$OVERLAY" >/dev/null
    log "network $OVERLAY ($OVERLAY_SUBNET, overlay, attachable)"
  fi
  if ! dk node1 service inspect "$SERVICE" >/dev/null 2>&1; then
    # The image by id: a tag would make the engine ask a registry first (none is reachable).
    dk node1 service create --detach --no-resolve-image --name "$SERVICE" \
      --label "$LABEL" --container-label "$LABEL" --init \
      --endpoint-mode dnsrr --network "$OVERLAY" \
      --replicas 2 --replicas-max-per-node 1 \
      "$image_id" httpd -f -p 80 -h /var/www >/dev/null
    log "service $SERVICE (2 replicas, one a node, dnsrr)"
  fi
  # Tests scale, drain and re-place: put back what they may have changed.
  local spec
  spec=$(dk node1 service inspect -f \
    '{{.Spec.Mode.Replicated.Replicas}} {{.Spec.TaskTemplate.Placement.MaxReplicas}}' "$SERVICE")
  if [ "$spec" != "2 1" ]; then
    dk node1 service update --detach --replicas 2 --replicas-max-per-node 1 "$SERVICE" >/dev/null
    log "$SERVICE back to 2 replicas, one a node"
  fi
  if [ "$(dk node1 node inspect -f '{{.Spec.Availability}}' node2)" != active ]; then
    dk node1 node update --availability active node2 >/dev/null
    log "node2 active again"
  fi
  local state
  state=$(dk node2 container inspect -f '{{.State.Running}}' "$SOLO" 2>/dev/null || true)
  if [ -z "$state" ]; then
    dk node2 run -d --init --name "$SOLO" --network "$OVERLAY" --label "$LABEL" \
      "$image_id" sleep 1000000 >/dev/null
    log "container $SOLO on node2"
  elif [ "$state" != true ]; then
    dk node2 start "$SOLO" >/dev/null
    log "container $SOLO on node2 started again"
  fi
  local i tasks
  for i in $(seq 1 120); do
    # Exactly two tasks meant to run, both running, on two nodes (not three mid scale-down).
    tasks=$(dk node1 service ps "$SERVICE" --filter desired-state=running \
      --format '{{.Node}} {{.CurrentState}}')
    [ "$(echo "$tasks" | awk '$2 == "Running" {print $1}' | sort -u | wc -l)" = 2 ] &&
      [ "$(echo "$tasks" | grep -c .)" = 2 ] && return 0
    sleep 0.5
  done
  dk node1 service ps --no-trunc "$SERVICE" >&2 || true
  die "$SERVICE did not get a running task on each node within 60 s"
}

summary() {
  {
    echo "── nodes"
    dk node1 node ls
    echo "── swarm networks (node1)"
    dk node1 network ls --filter scope=swarm
    echo "── $SERVICE"
    dk node1 service ps "$SERVICE" --filter desired-state=running --format '{{.Name}}  {{.Node}}  {{.CurrentState}}'
    local n
    for n in "${NODES[@]}"; do
      echo "── containers on $n ($(addr "$n"), $(host "$n"))"
      dk "$n" ps --format '{{.Names}}  {{.Status}}  {{.Networks}}'
    done
  } >&2
}

up() {
  [ "$(id -u)" = 0 ] || die "the swarm lab needs root (network namespaces, mounts)"
  need_tools
  mkdir -p "$(dirname "$LOCK")"
  exec 9>"$LOCK"
  flock -w 300 9 || die "another swarm-lab.sh holds $LOCK"
  local t0=$SECONDS
  if is_up; then
    log "already up"
  else
    if [ -n "$(leftovers)" ]; then
      log "removing what a previous session left…"
      teardown
    fi
    start_lab
  fi
  local image_id
  image_id=$(ensure_image)
  ensure_resources "$image_id"
  exec 9>&-
  summary
  log "up in $((SECONDS - t0)) s"
  echo "NETLENS_ENGINES=$(engines_value)"
}

down() {
  [ "$(id -u)" = 0 ] || die "the swarm lab needs root"
  mkdir -p "$(dirname "$LOCK")"
  exec 9>"$LOCK"
  flock -w 300 9 || die "another swarm-lab.sh holds $LOCK"
  teardown
  exec 9>&-
  if [ "${1:-}" = --check ]; then check_clean; else log "down"; fi
}

status() {
  local ok=0 n
  for n in "${NODES[@]}"; do
    if answers "$n"; then log "$n answers at $(host "$n")"; else log "$n does not answer"; ok=1; fi
  done
  if [ $ok = 0 ]; then
    local r
    r=$(ready_nodes)
    log "swarm: $r ready node(s)"
    [ "$r" = 2 ] || ok=1
  fi
  return $ok
}

# kill-engine NODE: as a crash would — dockerd and its containerd, nothing cleaned.
kill_engine() {
  local n=$1 d f pid pids=()
  d=$(dir "$n")
  for f in "$d/docker.pid" "$d/exec/containerd/containerd.pid"; do
    pid=$(cat "$f" 2>/dev/null || true)
    [ -z "$pid" ] || pids+=("$pid")
  done
  [ ${#pids[@]} -gt 0 ] || die "$n has no running dockerd"
  kill -9 "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 1 50); do
    local alive=0
    for pid in "${pids[@]}"; do
      st=$(proc_state "$pid")
      [ -z "$st" ] || [ "$st" = Z ] || alive=1
    done
    [ $alive = 1 ] || break
    sleep 0.1
  done
  log "$n: dockerd killed (${pids[*]})"
}

# start-engine NODE: its dockerd again, in its namespaces, on its data (the swarm state included).
start_engine() {
  local n=$1
  answers "$n" && { log "$n already answers"; return 0; }
  [ -e "/run/netns/$(netns "$n")" ] || die "the lab is not up (no namespace for $n): run up"
  start_dockerd "$n"
  log "$n: dockerd started again"
}

case ${1:-} in
  up) up ;;
  kill-engine | start-engine)
    case ${2:-} in node1 | node2) ;; *) die "usage: $0 $1 node1|node2" ;; esac
    "${1/-/_}" "$2"
    ;;
  down) down "${2:-}" ;;
  check-clean) check_clean ;;
  status) status ;;
  env) echo "NETLENS_ENGINES=$(engines_value)" ;;
  *)
    echo "usage: $0 up | down [--check] | check-clean | status | env | kill-engine NODE | start-engine NODE" >&2
    exit 2
    ;;
esac
