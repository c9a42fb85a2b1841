import "server-only";
import { engineEndpoint, streamingDocker } from "./client";
import { translateEngineError } from "./errors";

/** One Docker event, reduced to what decides which objects to re-read. */
export type EngineEvent = {
  /**
   * "engine": the daemon or its swarm node changed (reload, node update): re-list everything.
   * "cluster": a swarm service changed (a manager says so): re-read services, tasks and nodes.
   */
  type: "container" | "network" | "engine" | "cluster";
  action: string;
  id: string;
  /** For network connect/disconnect: the container. */
  containerId?: string;
  /** Nanoseconds since the epoch, as Docker stamps it. */
  timeNano: number;
};

type RawEvent = {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  timeNano?: number;
};

// Container actions that can change what the map shows; exec_*, attach, resize, top… cannot.
const CONTAINER_ACTIONS = new Set([
  "create",
  "start",
  "restart",
  "die",
  "stop",
  "kill",
  "pause",
  "unpause",
  "rename",
  "update",
  "destroy",
]);

function toEvent(raw: RawEvent): EngineEvent | null {
  const id = raw.Actor?.ID;
  if (!id || !raw.Action) return null;
  const timeNano = raw.timeNano ?? Date.now() * 1e6;
  if (raw.Type === "network") {
    const containerId = raw.Actor?.Attributes?.container;
    return {
      type: "network",
      action: raw.Action,
      id,
      timeNano,
      ...(containerId ? { containerId } : {}),
    };
  }
  if (raw.Type === "container" && CONTAINER_ACTIONS.has(raw.Action.split(":")[0] ?? "")) {
    return { type: "container", action: raw.Action, id, timeNano };
  }
  if (raw.Type === "daemon" || raw.Type === "node") {
    return { type: "engine", action: raw.Action, id, timeNano };
  }
  if (raw.Type === "service") return { type: "cluster", action: raw.Action, id, timeNano };
  return null;
}

export type EventSubscription = { close: () => void };

const OPEN_TIMEOUT_MS = 5_000;

/**
 * Open Docker's event stream (containers and networks). Resolves once the engine has accepted
 * the subscription, so a list made afterwards cannot miss an event. `onEnd` fires once, when the
 * stream ends for any reason other than close().
 */
export async function subscribeEngineEvents(
  engineId: string,
  onEvent: (e: EngineEvent) => void,
  onEnd: (err: Error) => void,
): Promise<EventSubscription> {
  const endpoint = engineEndpoint(engineId);
  const abort = new AbortController();
  // The stream has no inactivity timeout, so a hung engine must not hang the opening either.
  const opening = setTimeout(() => abort.abort(), OPEN_TIMEOUT_MS);
  let stream: NodeJS.ReadableStream;
  try {
    stream = await streamingDocker(engineId).getEvents({
      // Swarm init/leave sends no network event for ingress or docker_gwbridge; daemon and node
      // events, where the engine sends them, say something engine-wide changed. Service events
      // come from managers only; task changes have no events at all (the feed polls for them).
      filters: { type: ["container", "network", "daemon", "node", "service"] },
      abortSignal: abort.signal,
    });
  } catch (err) {
    throw translateEngineError(err, endpoint);
  } finally {
    clearTimeout(opening);
  }
  let buffered = "";
  let ended = false;
  const end = (err: Error) => {
    if (ended) return;
    ended = true;
    if (!abort.signal.aborted) onEnd(err);
  };
  stream.on("data", (chunk: Buffer) => {
    // Events arrive as JSON lines, but a chunk may end mid-line.
    buffered += chunk.toString("utf8");
    let nl: number;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (!line) continue;
      try {
        const event = toEvent(JSON.parse(line) as RawEvent);
        if (event) onEvent(event);
      } catch {
        // A line that is not JSON is not an event we could act on.
      }
    }
  });
  stream.on("end", () => end(new Error("the engine closed the event stream")));
  stream.on("error", (err: Error) => end(translateEngineError(err, endpoint)));
  return {
    close: () => {
      ended = true;
      abort.abort();
    },
  };
}

/** A cheap liveness probe with its own short deadline. */
export async function pingEngine(engineId: string, timeoutMs: number): Promise<void> {
  try {
    const client = streamingDocker(engineId);
    // dockerode's ping takes an abortSignal, but its type declaration does not say so.
    const ping = client.ping as unknown as (opts: { abortSignal: AbortSignal }) => Promise<unknown>;
    await ping.call(client, { abortSignal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw translateEngineError(err, engineEndpoint(engineId));
  }
}
