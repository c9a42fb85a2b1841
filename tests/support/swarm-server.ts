import { startServer } from "./spawn-server";
import { swarmLabEnv, type SwarmNode } from "./swarm-lab";

/**
 * A production server of its own following the swarm lab's engines (both, or only some — e.g. the
 * manager alone), never the shared engine.
 */
export async function startSwarmServer(port: number, nodes: SwarmNode[] = ["node1", "node2"]) {
  // Locally, a dev server already following both lab engines may be reused (never in CI).
  const reuse = process.env.NETLENS_SWARM_URL;
  if (reuse && !process.env.CI && nodes.length === 2) {
    return { url: reuse, stop: async () => {}, log: "" };
  }
  const lab = swarmLabEnv();
  return startServer(port, {
    NETLENS_ENGINES: nodes.map((n) => `${n}=${lab[n]}`).join(","),
    NETLENS_DATA_DIR: `/tmp/netlens-test-data-swarm-${port}`,
  });
}
