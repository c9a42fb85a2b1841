#!/usr/bin/env bash
# Remove every container and network a test or benchmark created (label netlens.test=1, and the
# big map of `npm run lab:scale`, netlens.scale=1), including leftovers of a run that was killed
# before its teardown.
set -uo pipefail
label=${1:-netlens.test=1}
ids=$(docker ps -aq --filter "label=$label"; docker ps -aq --filter "label=netlens.scale=1")
# shellcheck disable=SC2086
[ -z "$ids" ] || docker rm -f $ids >/dev/null
# Probe helpers a killed test server left inside test containers' namespaces.
ids=$(docker ps -aq --filter "label=netlens.probe=1")
# shellcheck disable=SC2086
[ -z "$ids" ] || docker rm -f $ids >/dev/null
ids=$(docker network ls -q --filter "label=$label"; docker network ls -q --filter "label=netlens.scale=1")
# shellcheck disable=SC2086
[ -z "$ids" ] || docker network rm $ids >/dev/null
exit 0
