// POST /api/networks/[id]/connect — attach a container, with optional aliases and static addresses.
import { NextResponse } from "next/server";
import { readJson } from "@/lib/api/body";
import { methodNotAllowed } from "@/lib/api/errors";
import { mutation } from "@/lib/api/guard";
import { refParams } from "@/lib/api/params";
import { connectToNetwork } from "@/lib/server/network-actions";
import { connectSpecSchema } from "@/lib/topology/connect-spec";

export const dynamic = "force-dynamic";

export const POST = mutation(
  "operator",
  "connect",
  async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
    const { id } = refParams.parse(await ctx.params);
    const spec = await readJson(req, connectSpecSchema);
    return NextResponse.json(await connectToNetwork(id, spec));
  },
);

export const GET = methodNotAllowed;
