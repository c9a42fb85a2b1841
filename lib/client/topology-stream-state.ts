// The state behind the live page, as a pure reducer over what GET /api/topology/stream sends
// (and what happens to the connection itself), so it can be tested without a browser.
import { describePatch, type ActivityItem } from "../topology/describe-patch";
import { applyPatch, diffTopology, type TopologyPatch } from "../topology/patch";
import type { Topology } from "../topology/types";

/** Newest first; older lines drop off. */
export const ACTIVITY_LIMIT = 200;

export type EngineStatus = "up" | "down" | "connecting";

export type EngineState = {
  status: EngineStatus;
  /** ISO-8601: since when the status holds; null before anything was heard. */
  since: string | null;
  message?: string;
  /** Where the server looks for the engine, e.g. unix:///var/run/docker.sock. */
  endpoint?: string;
};

/** The data of the stream's `engine` event. */
export type EngineEventData =
  | { status: "up"; since: string; endpoint: string; serverVersion: string; apiVersion: string }
  | { status: "down"; since: string; endpoint: string; message: string };

export type TopologyStreamState = {
  topology: Topology | null;
  engine: EngineState;
  /** generatedAt of the last state received: how fresh the map is. */
  asOf: string | null;
  activity: ActivityItem[];
  /**
   * The engine as the server last reported it. `engine` differs from it while the stream itself
   * is down (then nobody knows), and takes it back when the stream reopens: a resumed stream
   * replays only what was missed, which need not include an engine event.
   */
  reportedEngine: EngineState | null;
};

export type StreamEvent =
  | { type: "snapshot"; id: string; topology: Topology }
  | { type: "patch"; id: string; patch: TopologyPatch }
  | { type: "engine"; id: string; engine: EngineEventData }
  /** The stream (re)opened. */
  | { type: "open" }
  /** The stream broke; the browser is reconnecting. */
  | { type: "lost"; at: string };

const LOST_MESSAGE = "Lost the connection to the Netlens server; reconnecting…";

export function initialStreamState(): TopologyStreamState {
  return {
    topology: null,
    engine: { status: "connecting", since: null },
    asOf: null,
    activity: [],
    reportedEngine: null,
  };
}

function engineStateOf(data: EngineEventData): EngineState {
  if (data.status === "up") return { status: "up", since: data.since, endpoint: data.endpoint };
  return { status: "down", since: data.since, endpoint: data.endpoint, message: data.message };
}

/** A line for the engine going away or coming back; none for the first word about it. */
function engineActivity(
  previous: EngineState | null,
  data: EngineEventData,
  id: string,
): ActivityItem | null {
  if (data.status === "up" && previous?.status === "down") {
    return {
      id: `${id}/engine:up`,
      time: data.since,
      text: `Docker engine reachable again (Docker ${data.serverVersion})`,
      target: null,
      tone: "add",
    };
  }
  if (data.status === "down" && previous?.status === "up") {
    return {
      id: `${id}/engine:down`,
      time: data.since,
      text: data.message.startsWith("Docker engine")
        ? data.message
        : `Docker engine lost: ${data.message}`,
      target: null,
      tone: "remove",
    };
  }
  return null;
}

function withActivity(activity: ActivityItem[], items: ActivityItem[]): ActivityItem[] {
  if (items.length === 0) return activity;
  return [...items, ...activity].slice(0, ACTIVITY_LIMIT);
}

/** Stream event ids make lines unique even if two patches carry the same time. */
const keyed = (id: string, items: ActivityItem[]) =>
  items.map((item) => ({ ...item, id: `${id}:${item.id}` }));

export function reduceStream(state: TopologyStreamState, event: StreamEvent): TopologyStreamState {
  switch (event.type) {
    case "snapshot": {
      // A resync (after a reconnect, or when the client fell behind): the difference is what
      // happened meanwhile. The first snapshot is the starting point, not news.
      const patch = state.topology ? diffTopology(state.topology, event.topology) : null;
      const items = patch && state.topology ? describePatch(state.topology, patch) : [];
      return {
        ...state,
        topology: event.topology,
        asOf: event.topology.generatedAt,
        activity: withActivity(state.activity, keyed(event.id, items)),
      };
    }
    case "patch": {
      // Patches continue a snapshot; without one there is nothing to apply them to, and the
      // server sends a snapshot first to any client it cannot replay for.
      if (!state.topology) return state;
      const items = describePatch(state.topology, event.patch);
      return {
        ...state,
        topology: applyPatch(state.topology, event.patch),
        asOf: event.patch.generatedAt,
        activity: withActivity(state.activity, keyed(event.id, items)),
      };
    }
    case "engine": {
      const engine = engineStateOf(event.engine);
      const item = engineActivity(state.reportedEngine, event.engine, event.id);
      return {
        ...state,
        engine,
        reportedEngine: engine,
        activity: withActivity(state.activity, item ? [item] : []),
      };
    }
    case "open":
      return state.engine.status === "connecting" && state.reportedEngine
        ? { ...state, engine: state.reportedEngine }
        : state;
    case "lost":
      if (state.engine.status === "connecting") return state;
      return {
        ...state,
        engine: {
          status: "connecting",
          since: event.at,
          message: LOST_MESSAGE,
          endpoint: state.engine.endpoint,
        },
      };
  }
}
