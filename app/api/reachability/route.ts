// GET /api/reachability?from=X&to=Y[&port=P][&protocol=tcp|udp] — can X reach Y, from the CNM alone.
import { NextResponse } from "next/server";
import { read } from "@/lib/api/guard";
import { reachability } from "@/lib/server/reachability";
import { reachQuerySchema } from "@/lib/topology/reach-spec";

export const dynamic = "force-dynamic";

export const GET = read(async (req: Request) => {
  const query = reachQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return NextResponse.json(await reachability(query));
});
