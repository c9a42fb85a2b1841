"use client";

import { useSyncExternalStore } from "react";
import type { TopologyPatch } from "../topology/patch";
import type { Topology } from "../topology/types";
import {
  initialStreamState,
  reduceStream,
  type EngineEventData,
  type StreamEvent,
  type TopologyStreamState,
} from "./topology-stream-state";

export type { ActivityItem, ActivityTarget } from "../topology/describe-patch";
export type { EngineState, EngineStatus, TopologyStreamState } from "./topology-stream-state";

export const TOPOLOGY_STREAM_URL = "/api/topology/stream";
/** The server's own `retry:`; used when the browser gives up on a stream (an HTTP error). */
const REOPEN_MS = 2000;

/**
 * The page's one live topology. Events are applied as they arrive, outside React; listeners hear
 * about them at most once per animation frame, so a burst of patches costs one render, and a
 * hidden tab renders nothing until it is shown again.
 */
class TopologyStreamStore {
  private state: TopologyStreamState = initialStreamState();
  private readonly listeners = new Set<() => void>();
  private source: EventSource | null = null;
  private reopenTimer: ReturnType<typeof setTimeout> | undefined;
  private frame = 0;

  constructor(private readonly url: string) {}

  readonly getSnapshot = (): TopologyStreamState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.open();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  };

  private dispatch(event: StreamEvent) {
    const next = reduceStream(this.state, event);
    if (next === this.state) return;
    this.state = next;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      for (const listener of this.listeners) listener();
    });
  }

  private listen<T>(source: EventSource, name: string, handle: (data: T, id: string) => void) {
    source.addEventListener(name, (event: MessageEvent<string>) => {
      let data: T;
      try {
        // The server's types are the contract (lib/live); checking them again here would
        // duplicate its job.
        data = JSON.parse(event.data) as T;
      } catch {
        console.warn(`netlens: ignoring an unreadable "${name}" event`);
        return;
      }
      handle(data, event.lastEventId);
    });
  }

  private open() {
    clearTimeout(this.reopenTimer);
    const source = new EventSource(this.url);
    this.source = source;
    source.addEventListener("open", () => this.dispatch({ type: "open" }));
    this.listen<Topology>(source, "snapshot", (topology, id) => {
      // The render benchmark (scripts/bench-render.mts) times the map from here.
      performance.mark("netlens:snapshot");
      this.dispatch({ type: "snapshot", id, topology });
    });
    this.listen<TopologyPatch>(source, "patch", (patch, id) =>
      this.dispatch({ type: "patch", id, patch }),
    );
    this.listen<EngineEventData>(source, "engine", (engine, id) =>
      this.dispatch({ type: "engine", id, engine }),
    );
    source.addEventListener("error", () => {
      if (source !== this.source) return;
      this.dispatch({ type: "lost", at: new Date().toISOString() });
      // CONNECTING: the browser retries by itself, with Last-Event-ID. CLOSED: it has given up
      // (an HTTP error or a wrong content type), so start a fresh stream a little later.
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        this.source = null;
        this.reopenTimer = setTimeout(() => {
          if (this.listeners.size > 0) this.open();
        }, REOPEN_MS);
      }
    });
  }

  private close() {
    clearTimeout(this.reopenTimer);
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.source?.close();
    this.source = null;
    // Whoever subscribes next must not take the last state for live until the stream says so.
    this.state = reduceStream(this.state, { type: "lost", at: new Date().toISOString() });
  }
}

let store: TopologyStreamStore | null = null;
const serverState = initialStreamState();

function theStore(): TopologyStreamStore {
  store ??= new TopologyStreamStore(TOPOLOGY_STREAM_URL);
  return store;
}

const subscribe = (listener: () => void) => theStore().subscribe(listener);
const getSnapshot = () => theStore().getSnapshot();
const getServerSnapshot = () => serverState;

/**
 * The live topology from GET /api/topology/stream: one EventSource for the whole page, opened by
 * the first component that uses this and closed when the last one unmounts.
 */
export function useTopologyStream(): TopologyStreamState {
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}
