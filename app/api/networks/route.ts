// POST /api/networks — create a network from a checked spec; 201 with it in the topology's shape.
import { NextResponse } from "next/server";
import { readJson } from "@/lib/api/body";
import { methodNotAllowed } from "@/lib/api/errors";
import { mutation } from "@/lib/api/guard";
import { createNetworkFromSpec } from "@/lib/server/network-actions";
import { networkSpecSchema } from "@/lib/topology/network-spec";

export const dynamic = "force-dynamic";

export const POST = mutation("admin", "create network", async (req: Request) => {
  const spec = await readJson(req, networkSpecSchema);
  return NextResponse.json(await createNetworkFromSpec(spec), { status: 201 });
});

export const GET = methodNotAllowed;
