// Test-only: a run of recorded engine states as the live feed would have published them, one
// minute apart, with the patch between each pair — history's unit tests replay these.
import { buildTopology } from "@/lib/topology/build-topology";
import { diffTopology, type TopologyPatch } from "@/lib/topology/patch";
import { loadSnapshot, type FixtureName } from "@/lib/topology/test-fixtures";
import type { Topology } from "@/lib/topology/types";

export const CHAIN: FixtureName[] = [
  "lab",
  "failed-start",
  "owner-stopped",
  "owner-restarted",
  "grouping",
  "reach",
  "lab",
];

export const T0 = Date.parse("2026-01-01T00:00:00Z");

export function recordedChain(): { states: Topology[]; patches: TopologyPatch[] } {
  const states = CHAIN.map((name, i) =>
    buildTopology(loadSnapshot(name), new Date(T0 + i * 60_000)),
  );
  const patches = states.slice(1).map((s, i) => {
    const patch = diffTopology(states[i] as Topology, s);
    if (!patch) throw new Error(`no change from ${CHAIN[i]} to ${CHAIN[i + 1]}`);
    return patch;
  });
  return { states, patches };
}
