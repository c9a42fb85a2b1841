import type { Topology } from "@/lib/topology/types";
import { applyPatch, type TopologyPatch } from "@/lib/topology/patch";
import { bearer } from "./server";

export type SseEvent = { id: string | null; event: string; data: string };

/**
 * A test client for /api/topology/stream that reads the raw SSE bytes (no EventSource), keeps
 * every event, and folds snapshots and patches into the topology a browser would hold.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  topology: Topology | null = null;
  engineStatus: string | null = null;
  private abort = new AbortController();
  private waiters: (() => void)[] = [];
  private done: Promise<void> = Promise.resolve();

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    const res = await fetch(`${url}/api/topology/stream`, {
      headers: { ...bearer("viewer"), ...headers },
      signal: client.abort.signal,
    });
    if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
    if (!res.headers.get("content-type")?.startsWith("text/event-stream")) {
      throw new Error(`stream content-type ${res.headers.get("content-type")}`);
    }
    client.done = client.read(res.body).catch(() => {});
    return client;
  }

  private async read(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        this.onFrame(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  private onFrame(frame: string) {
    let id: string | null = null;
    let event = "message";
    const data: string[] = [];
    for (const line of frame.split("\n")) {
      if (line.startsWith(":")) continue;
      const [field, ...rest] = line.split(":");
      const value = rest.join(":").replace(/^ /, "");
      if (field === "id") id = value;
      else if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (!data.length) return;
    const e = { id, event, data: data.join("\n") };
    this.events.push(e);
    if (event === "snapshot") this.topology = JSON.parse(e.data) as Topology;
    if (event === "patch" && this.topology) {
      this.topology = applyPatch(this.topology, JSON.parse(e.data) as TopologyPatch);
    }
    if (event === "engine") this.engineStatus = (JSON.parse(e.data) as { status: string }).status;
    for (const w of this.waiters.splice(0)) w();
  }

  patches(): TopologyPatch[] {
    return this.events
      .filter((e) => e.event === "patch")
      .map((e) => JSON.parse(e.data) as TopologyPatch);
  }

  /** Resolve once `check` holds after some event, or fail after `timeoutMs`. */
  async waitFor(check: (c: SseClient) => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async close() {
    this.abort.abort();
    await this.done;
  }
}

/** A topology without the fields that differ between two reads of the same state. */
export function comparable(t: Topology | null) {
  if (!t) return null;
  return { ...t, generatedAt: "" };
}
