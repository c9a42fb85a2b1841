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
