// GET /api/history?since=&until=&limit=&cursor= — recorded changes in time order, with the gaps and how far back history goes.
import { NextResponse } from "next/server";
import { read } from "@/lib/api/guard";
import { historyPage } from "@/lib/history/history";
import { queryOf } from "@/lib/history/params";

export const dynamic = "force-dynamic";

export const GET = read(async (req: Request) => NextResponse.json(await historyPage(queryOf(req))));
