// GET /api/health — engine reachable? which version; live-stream counts. 200 even when it is down.
import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/api/errors";
import { checkHost } from "@/lib/api/guard";
import { engineEndpoint } from "@/lib/docker/client";
import { EngineUnreachableError } from "@/lib/docker/errors";
import { engineVersion } from "@/lib/docker/resources";
import { feedStats } from "@/lib/live/engine-feed";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  try {
    checkHost(req);
  } catch (err) {
    return errorResponse(err);
  }
  try {
    const version = await engineVersion();
    return NextResponse.json({
      engine: { reachable: true, endpoint: engineEndpoint, ...version },
      stream: feedStats(),
    });
  } catch (err) {
    const message =
      err instanceof EngineUnreachableError ? err.message : `Docker engine error: ${String(err)}`;
    return NextResponse.json({
      engine: { reachable: false, endpoint: engineEndpoint, message },
      stream: feedStats(),
    });
  }
}
