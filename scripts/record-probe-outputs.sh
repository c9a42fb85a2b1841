#!/usr/bin/env bash
# Record what the probe's commands print on the real engine (lib/topology/__fixtures__/probe-outputs.json),
# for the unit tests that read them. Needs scripts/reach-lab.sh up.
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE=${NETLENS_TEST_IMAGE:-netlens-busybox:latest}
P=nl-t-reach
ip() { docker inspect -f "{{(index .NetworkSettings.Networks \"$2\").IPAddress}}" "$1"; }
# case NAME SOURCE ARGS...: one command in SOURCE's namespace; its output and exit status.
case_() {
  local name=$1 source=$2; shift 2
  local out rc=0
  out=$(docker run --rm --label netlens.test=1 --network "container:$source" "$IMAGE" "$@" 2>&1) || rc=$?
  python3 -c 'import json,sys; print(json.dumps({"case": sys.argv[1], "argv": sys.argv[4:], "exitCode": int(sys.argv[2]), "output": sys.argv[3]}))' \
    "$name" "$rc" "$out" "$@"
}
{
  case_ dns-found "$P-a" timeout 3 nslookup -type=a "$P-d." 127.0.0.11
  case_ dns-unknown "$P-a" timeout 3 nslookup -type=a "$P-c." 127.0.0.11
  case_ dns-no-server "$P-l1" timeout 3 nslookup -type=a "$P-l2." 127.0.0.11
  case_ tcp-open "$P-a" nc -w 2 "$(ip $P-d $P-front)" 80
  case_ tcp-refused "$P-a" nc -w 2 "$(ip $P-d $P-front)" 81
  case_ tcp-timeout "$P-q1" nc -w 2 "$(ip $P-q2 $P-quiet)" 80
  case_ tcp-unreachable "$P-none" nc -w 2 "$(ip $P-d $P-front)" 80
  case_ ping-ok "$P-a" ping -c 1 -W 2 "$(ip $P-d $P-front)"
  case_ ping-lost "$P-q1" ping -c 1 -W 2 "$(ip $P-q2 $P-quiet)"
} | python3 -c 'import json,sys; print(json.dumps([json.loads(l) for l in sys.stdin], indent=2))' \
  >lib/topology/__fixtures__/probe-outputs.json
echo "recorded lib/topology/__fixtures__/probe-outputs.json"
