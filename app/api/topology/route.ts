// GET /api/topology[?fresh=1] — every engine's networks, containers, sandboxes, endpoints and swarm as one CNM model.
import { z } from "zod";
import { read } from "@/lib/api/guard";
import { currentTopology, readTopology } from "@/lib/server/current-topology";

export const dynamic = "force-dynamic";

// fresh=1: read the engines now instead of the live feed's memory (what the feed's own re-list
// costs, or a second opinion when the map is doubted).
const querySchema = z.object({ fresh: z.enum(["0", "1"]).optional() }).loose();

export const GET = read(async (req: Request) => {
  const { fresh } = querySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const { json, stats } = fresh === "1" ? await readTopology() : await currentTopology();
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
