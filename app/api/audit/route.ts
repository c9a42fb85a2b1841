// GET /api/audit — the audit log of changes, newest first, filtered (admin only).
import { NextResponse } from "next/server";
import { z } from "zod";
import { read } from "@/lib/api/guard";
import { queryAudit } from "@/lib/audit/audit-log";

export const dynamic = "force-dynamic";

const filterSchema = z.strictObject({
  operation: z.string().max(64).optional(),
  outcome: z.enum(["done", "refused", "failed"]).optional(),
  role: z.enum(["admin", "operator", "viewer", "anonymous"]).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const GET = read(async (req: Request) => {
  const filter = filterSchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return NextResponse.json({ entries: queryAudit(filter) });
}, "admin");
