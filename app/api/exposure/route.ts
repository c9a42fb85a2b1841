// GET /api/exposure — what the outside can reach: published ports and host-network containers.
import { NextResponse } from "next/server";
import { read } from "@/lib/api/guard";
import { currentTopology } from "@/lib/server/current-topology";
import { exposureOf } from "@/lib/topology/exposure";

export const dynamic = "force-dynamic";

export const GET = read(async (_req: Request) => {
  const { topology } = await currentTopology();
  return NextResponse.json(exposureOf(topology));
});
