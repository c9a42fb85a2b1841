// GET /api/topology — the engine's networks, containers, sandboxes and endpoints as one CNM model.
import { read } from "@/lib/api/guard";
import { currentTopology } from "@/lib/server/current-topology";

export const dynamic = "force-dynamic";

export const GET = read(async (req: Request) => {
  const { json, gzip, stats } = await currentTopology();
  // What the snapshot cost, visible in the browser's network panel and to the benchmark.
  const serverTiming = [
    `engine;dur=${stats.engineMs.toFixed(1)};desc="${stats.engineCalls} Engine calls, ${stats.inspects} inspects"`,
    `build;dur=${stats.buildMs.toFixed(1)}`,
  ].join(", ");
  const headers = {
    "Content-Type": "application/json",
    "Server-Timing": serverTiming,
    "X-Netlens-Engine-Calls": String(stats.engineCalls),
    Vary: "Accept-Encoding",
  };
  // From memory, each state is serialised and compressed once, whoever asks; Next leaves a
  // body that is already encoded alone.
  if (gzip && /\bgzip\b/.test(req.headers.get("accept-encoding") ?? "")) {
    return new Response(new Uint8Array(gzip()), {
      headers: { ...headers, "Content-Encoding": "gzip" },
    });
  }
  return new Response(json(), { headers });
});
