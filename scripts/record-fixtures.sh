#!/usr/bin/env bash
# Re-record every unit-test fixture from the real engine, scenario by scenario.
# Rebuilds the lab (its ids change), so run it only when the fixtures must change.
set -euo pipefail
cd "$(dirname "$0")/.."
record() { npm run -s fixture:record -- "$1"; }

bash scripts/ensure-engine.sh
bash scripts/build-test-image.sh
bash scripts/lab.sh up >/dev/null
record lab
# The sidecar's owner stops: the sidecar runs on, alone with loopback.
docker stop -t 0 web >/dev/null
record owner-stopped
# The owner starts again, in a new namespace; the sidecar stays in the old one.
docker start web >/dev/null
record owner-restarted
# ipvlan: Docker creates the network, but this kernel cannot start a container on it.
docker network create --label netlens.lab=1 -d ipvlan -o parent=nl-lab-mv1 --subnet 10.78.0.0/24 lab-ipvlan >/dev/null
docker run -d --label netlens.lab=1 --name ipv1 --network lab-ipvlan "${NETLENS_TEST_IMAGE:-netlens-busybox:latest}" >/dev/null 2>&1 || true
record failed-start
bash scripts/lab.sh up >/dev/null
# The reachability cases (issue 8), on top of the lab.
bash scripts/reach-lab.sh up
record reach
bash scripts/record-probe-outputs.sh
bash scripts/reach-lab.sh down
# Grouping (issue 11): containers labelled as compose projects and a stack, on two networks of
# their own, with a container: sidecar and a stopped member.
grouping_net() { docker network create --label netlens.test=1 --subnet "$2" "$1" >/dev/null; }
grouping_run() {
  local name=$1 label=$2 net=$3
  docker run -d --label netlens.test=1 --label "$label" --dns 127.0.0.1 --name "$name" \
    --network "$net" "${NETLENS_TEST_IMAGE:-netlens-busybox:latest}" sleep 3600 >/dev/null
}
grouping_net nl-t-fx-front 10.231.1.0/24
grouping_net nl-t-fx-back 10.231.2.0/24
grouping_run nl-t-fx-shop-web com.docker.compose.project=shop nl-t-fx-front
docker network connect nl-t-fx-back nl-t-fx-shop-web
grouping_run nl-t-fx-shop-api com.docker.compose.project=shop nl-t-fx-back
grouping_run nl-t-fx-shop-db com.docker.compose.project=shop nl-t-fx-back
grouping_run nl-t-fx-blog-web com.docker.compose.project=blog nl-t-fx-front
grouping_run nl-t-fx-blog-cache com.docker.compose.project=blog nl-t-fx-front
grouping_run nl-t-fx-stk-a com.docker.stack.namespace=stk nl-t-fx-back
# A container: sidecar takes its owner's DNS settings; Docker refuses --dns beside it.
docker run -d --label netlens.test=1 --label com.docker.compose.project=shop --name nl-t-fx-shop-side \
  --network container:nl-t-fx-shop-web "${NETLENS_TEST_IMAGE:-netlens-busybox:latest}" sleep 3600 >/dev/null
grouping_run nl-t-fx-shop-worker com.docker.compose.project=shop nl-t-fx-back
docker stop -t 0 nl-t-fx-shop-worker >/dev/null
record grouping
docker rm -f $(docker ps -aq --filter name=nl-t-fx-) >/dev/null
docker network rm nl-t-fx-front nl-t-fx-back >/dev/null
