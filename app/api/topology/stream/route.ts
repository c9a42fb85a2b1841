// GET /api/topology/stream — Server-Sent Events: a snapshot, then patches as the engine changes.
import { errorResponse } from "@/lib/api/errors";
import { checkHost, requireRole } from "@/lib/api/guard";
import { openTopologyStream, parseLastEventId } from "@/lib/live/sse-stream";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  try {
    checkHost(req);
    requireRole(req);
  } catch (err) {
    return errorResponse(err);
  }
  const lastEventId = parseLastEventId(req.headers.get("last-event-id"));
  return new Response(await openTopologyStream(lastEventId, req.signal), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform keeps compression from buffering the stream.
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
