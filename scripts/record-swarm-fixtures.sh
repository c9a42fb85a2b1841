#!/usr/bin/env bash
# Record the raw Engine API answers of both swarm-lab engines (scripts/swarm-lab.sh) into
# lib/topology/__fixtures__/swarm/<node>/, exactly as the engine sent them:
#   both nodes   info.json, version.json, networks.json, containers.json,
#                network-<name>.json   (GET /networks/<id>?verbose=true) for every swarm-scope network
#                                      and docker_gwbridge (only the manager's verbose lists services)
#                container-<name>.json (GET /containers/<id>/json) for every container
#   node1        nodes.json, services.json (?status=true), tasks.json   (the manager)
#   node2        services-error.json: {"status": <code>, "body": <the worker's error>}
# Brings the lab up first when it is not (idempotent); ids change with every new lab.
set -euo pipefail
cd "$(dirname "$0")/.."

API=v1.41
OUT=lib/topology/__fixtures__/swarm

log=$(mktemp)
trap 'rm -f "$log"' EXIT
bash scripts/swarm-lab.sh up >/dev/null 2>"$log" || {
  cat "$log" >&2
  exit 1
}

socket() { echo "${1#unix://}"; }
# The engine hosts, as swarm-lab.sh names them.
eval "$(bash scripts/swarm-lab.sh env | sed 's/^NETLENS_ENGINES=/engines=/')"
declare -A HOSTS
IFS=, read -ra pairs <<<"${engines:?}"
for pair in "${pairs[@]}"; do HOSTS[${pair%%=*}]=${pair#*=}; done

# get NODE PATH FILE: the body of GET PATH, written raw; fails on a non-2xx status.
get() {
  curl -sS --fail-with-body --unix-socket "$(socket "${HOSTS[$1]}")" \
    "http://localhost/$API$2" -o "$3" || {
    echo "[swarm-fixtures] GET $2 on $1 failed: $(cat "$3" 2>/dev/null)" >&2
    exit 1
  }
}

record_node() {
  local node=$1 dir=$OUT/$1
  rm -rf "$dir"
  mkdir -p "$dir"
  get "$node" /info "$dir/info.json"
  get "$node" /version "$dir/version.json"
  get "$node" /networks "$dir/networks.json"
  local id name
  jq -r '.[] | select(.Scope == "swarm" or .Name == "docker_gwbridge") | "\(.Id) \(.Name)"' \
    "$dir/networks.json" | while read -r id name; do
    get "$node" "/networks/$id?verbose=true" "$dir/network-$name.json"
  done
  get "$node" "/containers/json?all=1" "$dir/containers.json"
  jq -r '.[] | "\(.Id) \(.Names[0] | ltrimstr("/"))"' "$dir/containers.json" |
    while read -r id name; do
      get "$node" "/containers/$id/json" "$dir/container-$name.json"
    done
}

record_node node1
get node1 /nodes "$OUT/node1/nodes.json"
get node1 "/services?status=true" "$OUT/node1/services.json"
get node1 /tasks "$OUT/node1/tasks.json"

record_node node2
# A worker refuses the manager's endpoints: keep its status code and error body.
body=$log
code=$(curl -sS --unix-socket "$(socket "${HOSTS[node2]}")" -o "$body" -w '%{http_code}' \
  "http://localhost/$API/services")
jq -c --argjson status "$code" '{status: $status, body: .}' "$body" >"$OUT/node2/services-error.json"
echo "[swarm-fixtures] node2 GET /services: $code $(cat "$body")" >&2
for node in node1 node2; do
  echo "[swarm-fixtures] $node: $(find "$OUT/$node" -name '*.json' | wc -l) files in $OUT/$node" >&2
done
