// GET /api/history/export?since=&until= — a time window (snapshot at since, changes up to until, gaps) as a JSON file.
import { read } from "@/lib/api/guard";
import { historyExport } from "@/lib/history/history";
import { queryOf } from "@/lib/history/params";

export const dynamic = "force-dynamic";

export const GET = read(async (req: Request) => {
  const { file, fileName } = await historyExport(queryOf(req));
  return new Response(JSON.stringify(file), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
    },
  });
});
