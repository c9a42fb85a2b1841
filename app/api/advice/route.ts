// GET /api/advice — the seed's "which setup fits" table as checks over the current topology.
import { NextResponse } from "next/server";
import { read } from "@/lib/api/guard";
import { currentTopology } from "@/lib/server/current-topology";
import { adviseOn } from "@/lib/topology/advice";

export const dynamic = "force-dynamic";

export const GET = read(async (_req: Request) => {
  const { topology } = await currentTopology();
  return NextResponse.json(adviseOn(topology));
});
