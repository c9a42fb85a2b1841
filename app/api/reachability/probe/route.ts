// POST /api/reachability/probe — the prediction, then the same question tried from inside X's namespace.
import { NextResponse } from "next/server";
import { readJson } from "@/lib/api/body";
import { methodNotAllowed } from "@/lib/api/errors";
import { mutation } from "@/lib/api/guard";
import { probe } from "@/lib/server/reachability";
import { probeSpecSchema } from "@/lib/topology/reach-spec";

export const dynamic = "force-dynamic";

// An operator's action, audited like a change: it starts a container on the engine.
export const POST = mutation("operator", "probe", async (req: Request) => {
  const spec = await readJson(req, probeSpecSchema);
  return NextResponse.json(await probe(spec, req.signal));
});

export const GET = methodNotAllowed;
