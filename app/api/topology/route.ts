// GET /api/topology — the engine's networks, containers, sandboxes and endpoints as one CNM model.
import { NextResponse } from "next/server";
import { handle } from "@/lib/api/errors";
import { currentTopology } from "@/lib/server/current-topology";

export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  const { topology } = await currentTopology();
  return NextResponse.json(topology);
});
