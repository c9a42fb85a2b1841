import "server-only";
import { readEngineSnapshot } from "@/lib/docker/snapshot";
import { buildTopology } from "@/lib/topology/build-topology";

export async function currentTopology() {
  const { snapshot, stats } = await readEngineSnapshot();
  return { topology: buildTopology(snapshot), stats };
}
