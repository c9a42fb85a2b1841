import { startServer } from "./spawn-server";
import { swarmLabUp, type SwarmNode } from "./swarm-lab";

/**
 * A production server of its own following the swarm lab's engines (both, or only some — e.g. the
 * manager alone), never the shared engine. The lab is first put back as every spec expects it
 * (two tasks running, one a node; lab-solo running), whatever an earlier spec scaled or killed.
 */
export async function startSwarmServer(port: number, nodes: SwarmNode[] = ["node1", "node2"]) {
  const lab = await swarmLabUp();
  // Locally, a dev server already following both lab engines may be reused (never in CI).
  const reuse = process.env.NETLENS_SWARM_URL;
  if (reuse && !process.env.CI && nodes.length === 2) {
    return { url: reuse, stop: async () => {}, log: "" };
  }
  return startServer(port, {
    NETLENS_ENGINES: nodes.map((n) => `${n}=${lab[n]}`).join(","),
    NETLENS_DATA_DIR: `/tmp/netlens-test-data-swarm-${port}`,
  });
}
