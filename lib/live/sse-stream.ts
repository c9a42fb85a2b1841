import "server-only";
import { engineFeed, type FeedEvent, type Subscriber } from "./engine-feed";

const encoder = new TextEncoder();
/** Frames queued for one client before it is cut over to a resync: a slow tab costs at most this. */
const CLIENT_BUFFER_FRAMES = 64;
const RETRY_MS = 2_000;

const frame = (e: FeedEvent) =>
  encoder.encode(`id: ${e.id}\nevent: ${e.event}\ndata: ${e.data}\n\n`);
const HEARTBEAT = encoder.encode(": heartbeat\n\n");

/**
 * One browser's view of the feed as Server-Sent Events. A client that stops reading never delays
 * the others: once its buffer is full it is skipped, and when it reads again it gets the current
 * state whole (a snapshot) instead of the patches it missed.
 */
export async function openTopologyStream(
  lastEventId: number | null,
  signal: AbortSignal,
  onClose: () => void = () => {},
): Promise<ReadableStream<Uint8Array>> {
  const feed = engineFeed();
  await feed.start();
  let unsubscribe = () => {};
  let behind = false;
  let closed = false;
  // The client went away (abort) or the stream was cancelled: whichever comes first, once.
  const finish = () => {
    if (closed) return false;
    closed = true;
    unsubscribe();
    onClose();
    return true;
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const hasRoom = () => (controller.desiredSize ?? 0) > 0;
        const subscriber: Subscriber = {
          deliver(e) {
            if (closed || behind) return;
            if (!hasRoom()) behind = true;
            else controller.enqueue(frame(e));
          },
          heartbeat() {
            if (!closed && !behind && hasRoom()) controller.enqueue(HEARTBEAT);
          },
        };
        controller.enqueue(encoder.encode(`retry: ${RETRY_MS}\n\n`));
        for (const e of feed.catchUp(lastEventId)) controller.enqueue(frame(e));
        unsubscribe = feed.subscribe(subscriber);
        signal.addEventListener(
          "abort",
          () => {
            if (finish()) controller.close();
          },
          { once: true },
        );
      },
      pull(controller) {
        if (!behind || closed) return;
        behind = false;
        for (const e of feed.catchUp(null)) controller.enqueue(frame(e));
      },
      cancel() {
        finish();
      },
    },
    new CountQueuingStrategy({ highWaterMark: CLIENT_BUFFER_FRAMES }),
  );
}

/** Last-Event-ID as the browser sends it back; anything else means "start afresh". */
export function parseLastEventId(value: string | null): number | null {
  return value && /^\d{1,20}$/.test(value) ? Number(value) : null;
}
