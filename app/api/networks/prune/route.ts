// POST /api/networks/prune — list ({dryRun:true}) or remove one engine's networks nothing is attached to.
import { NextResponse } from "next/server";
import { z } from "zod";
import { readJson } from "@/lib/api/body";
import { methodNotAllowed } from "@/lib/api/errors";
import { mutation } from "@/lib/api/guard";
import { dockerRef } from "@/lib/api/params";
import { pruneNetworks } from "@/lib/server/network-actions";
import { engineIdSchema } from "@/lib/topology/engine-target";

export const dynamic = "force-dynamic";

const pruneSchema = z.strictObject({
  dryRun: z.boolean(),
  networkIds: z.array(dockerRef).max(1000).optional(),
  engineId: engineIdSchema.optional(),
});

export const POST = mutation("admin", "prune networks", async (req: Request) => {
  const { dryRun, networkIds, engineId } = await readJson(req, pruneSchema);
  return NextResponse.json(await pruneNetworks(dryRun, networkIds, engineId));
});

export const GET = methodNotAllowed;
