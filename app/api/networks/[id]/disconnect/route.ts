// POST /api/networks/[id]/disconnect — detach a container (force: even if it is not running).
import { NextResponse } from "next/server";
import { readJson } from "@/lib/api/body";
import { methodNotAllowed } from "@/lib/api/errors";
import { mutation } from "@/lib/api/guard";
import { refParams } from "@/lib/api/params";
import { disconnectFromNetwork } from "@/lib/server/network-actions";
import { disconnectSpecSchema } from "@/lib/topology/connect-spec";

export const dynamic = "force-dynamic";

export const POST = mutation(
  "operator",
  "disconnect",
  async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
    const { id } = refParams.parse(await ctx.params);
    const spec = await readJson(req, disconnectSpecSchema);
    return NextResponse.json(await disconnectFromNetwork(id, spec));
  },
);

export const GET = methodNotAllowed;
