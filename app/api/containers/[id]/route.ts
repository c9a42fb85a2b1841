// GET /api/containers/[id][?engineId=] — one container for its panel: model, sandbox, endpoints, network inspect.
import { NextResponse } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { read } from "@/lib/api/guard";
import { engineQuery, refParams } from "@/lib/api/params";
import { currentTopology } from "@/lib/server/current-topology";
import { inspectContainerOnEngines } from "@/lib/server/network-actions";
import { containerView } from "@/lib/topology/details";

export const dynamic = "force-dynamic";

export const GET = read(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = refParams.parse(await ctx.params);
  const inspect = await inspectContainerOnEngines(id, engineQuery(req));
  const { topology } = await currentTopology((t) => t.containers.some((c) => c.id === inspect.Id));
  const view = containerView(topology, inspect.Id);
  if (!view)
    throw new ApiError("not_found", `Container ${id} was removed while it was being read.`);
  return NextResponse.json({ ...view, inspect });
});
