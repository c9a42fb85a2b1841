// GET /api/health — is the engine reachable, and which version; 200 even when it is not.
import { NextResponse } from "next/server";
import { engineEndpoint } from "@/lib/docker/client";
import { EngineUnreachableError } from "@/lib/docker/errors";
import { engineVersion } from "@/lib/docker/resources";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const version = await engineVersion();
    return NextResponse.json({ engine: { reachable: true, endpoint: engineEndpoint, ...version } });
  } catch (err) {
    const message =
      err instanceof EngineUnreachableError ? err.message : `Docker engine error: ${String(err)}`;
    return NextResponse.json({ engine: { reachable: false, endpoint: engineEndpoint, message } });
  }
}
