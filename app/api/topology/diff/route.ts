// GET /api/topology/diff?from=&to= — what was added, removed and changed (field by field) between two moments.
import { NextResponse } from "next/server";
import { read } from "@/lib/api/guard";
import { topologyDiff } from "@/lib/history/history";
import { queryOf } from "@/lib/history/params";

export const dynamic = "force-dynamic";

export const GET = read(async (req: Request) =>
  NextResponse.json(await topologyDiff(queryOf(req))),
);
