// GET /api/topology/stream — Server-Sent Events: a snapshot, then patches as the engine changes.
import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { sessionKey } from "@/lib/security/auth";
import { read } from "@/lib/api/guard";
import { openTopologyStream, parseLastEventId } from "@/lib/live/sse-stream";

export const dynamic = "force-dynamic";

// Open streams per session: a runaway page (or script) cannot hold the server's sockets.
const open = new Map<string, number>();

export const GET = read(async (req: Request) => {
  const key = sessionKey(req.headers);
  const held = open.get(key) ?? 0;
  if (held >= env.NETLENS_STREAMS_PER_SESSION) {
    throw new ApiError(
      "rate_limited",
      `This session already has ${held} live streams open; close some tabs.`,
    );
  }
  open.set(key, held + 1);
  const release = () => {
    const n = (open.get(key) ?? 1) - 1;
    if (n > 0) open.set(key, n);
    else open.delete(key);
  };
  const lastEventId = parseLastEventId(req.headers.get("last-event-id"));
  return new Response(await openTopologyStream(lastEventId, req.signal, release), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform keeps compression from buffering the stream.
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
