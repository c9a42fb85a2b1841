// Test-only: the two-node swarm lab (scripts/swarm-lab.sh) as Netlens sees it, built by the API's
// own builder from the raw Engine API answers recorded by scripts/record-swarm-fixtures.sh —
// node1 the manager (with the cluster's nodes, services and tasks), node2 a worker.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pickInspect } from "../docker/pick-inspect";
import { buildCluster, type EnginePart } from "./build-cluster";
import type {
  EngineClusterState,
  EngineNetwork,
  EngineNetworkMember,
  EngineSnapshot,
} from "./engine-types";
import type { Topology } from "./types";

export type SwarmFixtureNode = "node1" | "node2";

const DIR = join(__dirname, "__fixtures__", "swarm");

function read<T>(node: SwarmFixtureNode, file: string): T {
  return JSON.parse(readFileSync(join(DIR, node, file), "utf8")) as T;
}

/** One engine's snapshot, assembled as lib/docker/snapshot.ts assembles a live one. */
export function loadSwarmSnapshot(node: SwarmFixtureNode): EngineSnapshot {
  const files = readdirSync(join(DIR, node));
  const info = read<EngineSnapshot["info"]>(node, "info.json");
  const members: Record<string, Record<string, EngineNetworkMember>> = {};
  for (const file of files.filter((f) => f.startsWith("network-"))) {
    const inspect = read<EngineNetwork & { Containers?: Record<string, EngineNetworkMember> }>(
      node,
      file,
    );
    members[inspect.Id] = inspect.Containers ?? {};
  }
  const manager = existsSync(join(DIR, node, "tasks.json"));
  const cluster: EngineClusterState | null = manager
    ? {
        nodes: read(node, "nodes.json"),
        services: read(node, "services.json"),
        tasks: read(node, "tasks.json"),
      }
    : null;
  return {
    info,
    apiVersion: read<{ ApiVersion: string }>(node, "version.json").ApiVersion,
    networks: read(node, "networks.json"),
    containers: files
      .filter((f) => f.startsWith("container-"))
      .map((f) => pickInspect(read<Record<string, unknown>>(node, f))),
    members,
    cluster,
  };
}

export function swarmPart(node: SwarmFixtureNode): EnginePart {
  return { id: node, status: "up", message: null, snapshot: loadSwarmSnapshot(node) };
}

/** The lab with both engines up; `parts` replaces the default parts (e.g. node2 down). */
export function swarmTopology(parts: EnginePart[] = [swarmPart("node1"), swarmPart("node2")]) {
  return buildCluster(parts, new Date("2026-01-01T00:00:00Z")) satisfies Topology;
}
