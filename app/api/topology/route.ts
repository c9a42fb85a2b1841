// GET /api/topology — the engine's networks, containers, sandboxes and endpoints as one CNM model.
import { read } from "@/lib/api/guard";
import { currentTopology } from "@/lib/server/current-topology";

export const dynamic = "force-dynamic";

export const GET = read(async (_req: Request) => {
  const { json, stats } = await currentTopology();
  // What the snapshot cost, visible in the browser's network panel and to the benchmark.
  const serverTiming = [
    `engine;dur=${stats.engineMs.toFixed(1)};desc="${stats.engineCalls} Engine calls, ${stats.inspects} inspects"`,
    `build;dur=${stats.buildMs.toFixed(1)}`,
  ].join(", ");
  // From memory, each state of the engine is serialised once, however many clients ask. (Not
  // compressed ahead too: Next drops a route's Content-Encoding and compresses on its own.)
  return new Response(json(), {
    headers: {
      "Content-Type": "application/json",
      "Server-Timing": serverTiming,
      "X-Netlens-Engine-Calls": String(stats.engineCalls),
    },
  });
});
