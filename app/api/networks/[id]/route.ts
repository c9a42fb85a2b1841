// GET /api/networks/[id] — one network for its panel; DELETE [?engineId=] — remove it (refused when in use).
import { NextResponse } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { mutation, read } from "@/lib/api/guard";
import { engineQuery, refParams } from "@/lib/api/params";
import { inspectNetworkOnEngines, removeNetworkChecked } from "@/lib/server/network-actions";
import { currentTopology } from "@/lib/server/current-topology";
import { findNetwork, networkEndpoints } from "@/lib/topology/details";

export const dynamic = "force-dynamic";

export const GET = read(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = refParams.parse(await ctx.params);
  const inspect = await inspectNetworkOnEngines(id, engineQuery(req));
  const { topology } = await currentTopology((t) => t.networks.some((n) => n.id === inspect.Id));
  const network = findNetwork(topology, String(inspect.Id));
  if (!network)
    throw new ApiError("not_found", `Network ${id} was removed while it was being read.`);
  return NextResponse.json({ network, endpoints: networkEndpoints(topology, network.id), inspect });
});

export const DELETE = mutation(
  "admin",
  "remove network",
  async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
    const { id } = refParams.parse(await ctx.params);
    await removeNetworkChecked(id, engineQuery(req));
    return new Response(null, { status: 204 });
  },
);
