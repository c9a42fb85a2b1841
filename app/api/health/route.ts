// GET /api/health — each engine reachable? which version; live-stream counts. 200 even when down.
import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/api/errors";
import { checkHost } from "@/lib/api/guard";
import { engineEndpoint, engines } from "@/lib/docker/client";
import { EngineUnreachableError } from "@/lib/docker/errors";
import { engineVersion } from "@/lib/docker/resources";
import { feedStats } from "@/lib/live/engine-feed";

export const dynamic = "force-dynamic";

async function engineHealth(id: string) {
  const endpoint = engineEndpoint(id);
  try {
    return { reachable: true, endpoint, ...(await engineVersion(id)) };
  } catch (err) {
    const message =
      err instanceof EngineUnreachableError ? err.message : `Docker engine error: ${String(err)}`;
    return { reachable: false, endpoint, message };
  }
}

export async function GET(req: Request) {
  try {
    checkHost(req);
  } catch (err) {
    return errorResponse(err);
  }
  const healths = await Promise.all(engines.map((e) => engineHealth(e.id)));
  return NextResponse.json({
    // The first (default) engine, as before there were several.
    engine: healths[0],
    engines: healths.map((h, i) => ({ id: engines[i]?.id, ...h })),
    stream: feedStats(),
  });
}
