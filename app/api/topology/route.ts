// GET /api/topology[?fresh=1] — every engine's networks, containers, sandboxes, endpoints and swarm as one CNM model.
// ?format=json|dot|mermaid[&stopped&driver&engine&q&group] — the same, filtered, as a file to save.
// ?at=<ISO-8601> — the same as it was at that moment, from history (combines with format).
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { read } from "@/lib/api/guard";
import { topologyAt } from "@/lib/history/history";
import { currentTopology, readTopology } from "@/lib/server/current-topology";
import { exportQuerySchema, exportTopology } from "@/lib/export/export-file";

export const dynamic = "force-dynamic";

// fresh=1: read the engines now instead of the live feed's memory (what the feed's own re-list
// costs, or a second opinion when the map is doubted).
const querySchema = z
  .object({ fresh: z.enum(["0", "1"]).optional(), at: z.string().optional() })
  .loose()
  .refine((q) => q.fresh !== "1" || q.at === undefined, {
    message: "fresh=1 reads the engines now: it cannot be combined with at",
    path: ["fresh"],
  });

export const GET = read(async (req: Request) => {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const { fresh, at } = querySchema.parse(params);
  // Without `format` the answer is exactly what it always was: no filter reads the model.
  const exportQuery = params.format === undefined ? null : exportQuerySchema.parse(params);
  const moment =
    at !== undefined
      ? await topologyAt(at)
      : { ...(fresh === "1" ? await readTopology() : await currentTopology()), at: new Date() };
  const { topology, json, stats } = moment;
  // What the snapshot cost, visible in the browser's network panel and to the benchmark.
  const serverTiming = [
    `engine;dur=${stats.engineMs.toFixed(1)};desc="${stats.engineCalls} Engine calls, ${stats.inspects} inspects"`,
    `build;dur=${stats.buildMs.toFixed(1)}`,
  ].join(", ");
  const cost = {
    "Server-Timing": serverTiming,
    "X-Netlens-Engine-Calls": String(stats.engineCalls),
  };
  if (exportQuery) {
    const file = exportTopology(topology, exportQuery, moment.at);
    if ("refused" in file) throw new ApiError(file.refused.code, file.refused.message);
    return new Response(file.ok.body, {
      headers: {
        "Content-Type": file.ok.contentType,
        "Content-Disposition": `attachment; filename="${file.ok.fileName}"`,
        ...cost,
      },
    });
  }
  // From memory, each state of the engine is serialised once, however many clients ask. (Not
  // compressed ahead too: Next drops a route's Content-Encoding and compresses on its own.)
  return new Response(json(), { headers: { "Content-Type": "application/json", ...cost } });
});
