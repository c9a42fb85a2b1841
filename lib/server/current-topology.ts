import "server-only";
import { readEngineSnapshot } from "@/lib/docker/snapshot";
import { buildTopology } from "@/lib/topology/build-topology";

export async function currentTopology() {
  const started = performance.now();
  const { snapshot, stats } = await readEngineSnapshot();
  const read = performance.now();
  const topology = buildTopology(snapshot);
  const timing = { engineMs: read - started, buildMs: performance.now() - read };
  return { topology, stats: { ...stats, ...timing } };
}
