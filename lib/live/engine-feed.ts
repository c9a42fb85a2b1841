import "server-only";
import { defaultEngineId, engines } from "@/lib/docker/client";
import { historyRecorder } from "@/lib/history/recorder-instance";
import { buildCluster } from "@/lib/topology/build-cluster";
import { diffEncoded, encodeTopology, type TopologyJson } from "@/lib/topology/patch";
import type { Topology } from "@/lib/topology/types";
import { EngineSource, type EngineStatus } from "./engine-source";

export type { EngineStatus };

export type FeedEvent = { id: number; event: "snapshot" | "patch" | "engine"; data: string };

export interface Subscriber {
  deliver(event: FeedEvent): void;
  heartbeat(): void;
}

const HEARTBEAT_EVERY_MS = 15_000;
/** How long a read from memory waits for events already received to be applied. */
const SETTLE_MAX_MS = 2_000;
/** Patches kept for clients that come back with Last-Event-ID; older ones get a snapshot. */
const HISTORY_LIMIT = 1_000;

/**
 * Every configured engine followed live (one EngineSource, so one upstream event subscription,
 * each), merged into one model and fanned out to every browser as patches. One engine down never
 * hides the others: its last known part stays, marked down in `engines`.
 */
export class EngineFeed {
  private readonly sources: EngineSource[];
  private topology: Topology | null = null;
  /** The topology's entities as JSON, for the next diff, and the whole as JSON, made on demand. */
  private encoded: TopologyJson | null = null;
  private json: string | null = null;
  /** The engines' status as one, for the "engine" event: up while any engine is. */
  private engine: EngineStatus;
  // Ids start from the clock so they keep increasing across server restarts (a client's
  // Last-Event-ID from before a restart is then simply older than anything kept).
  private lastId = Date.now();
  private history: FeedEvent[] = [];
  /** Every event after this id is in `history`. */
  private historyFloor = this.lastId;
  private subscribers = new Set<Subscriber>();
  private firstAttempt: Promise<void> | null = null;
  /** Nothing is published until every engine's first attempt is done: one snapshot, not many. */
  private ready = false;
  /** Resolved whenever every engine has applied everything it has received (see settled()). */
  private idleWaiters: (() => void)[] = [];
  /** Every published change also goes to history (queued: written off this path). */
  private readonly recorder = historyRecorder();

  constructor() {
    const listener = {
      changed: () => this.publish(),
      statusChanged: () => this.statusChanged(),
      idle: () => this.wakeIdleWaiters(),
    };
    this.sources = engines.map((e) => new EngineSource(e.id, listener));
    this.engine = this.combinedStatus();
  }

  /**
   * Start the feed (once). Resolves when every engine's first connection attempt has succeeded
   * or failed, so the first client gets the engines' real state, not a passing "connecting".
   */
  start(): Promise<void> {
    if (!this.firstAttempt) {
      setInterval(() => this.subscribers.forEach((s) => s.heartbeat()), HEARTBEAT_EVERY_MS).unref();
      this.firstAttempt = Promise.all(this.sources.map((s) => s.start())).then(() => {
        this.ready = true;
        this.publish();
        this.statusChanged();
      });
    }
    return this.firstAttempt;
  }

  /**
   * The engines' state from memory, once every event received so far is applied; null while no
   * engine is followed (all down, reconnecting), when only a fresh read will do.
   */
  async settled(): Promise<{ topology: Topology; json: () => string } | null> {
    if (!this.inSync()) return null;
    if (!this.idle()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, SETTLE_MAX_MS);
        this.idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const topology = this.topology;
    if (!topology || !this.inSync() || !this.idle()) return null;
    return { topology, json: () => this.topologyJson(topology) };
  }

  /** One serialisation per state of the engines, however many clients ask. */
  private topologyJson(topology: Topology): string {
    if (topology !== this.topology) return JSON.stringify(topology);
    this.json ??= JSON.stringify(topology);
    return this.json;
  }

  private inSync(): boolean {
    return this.ready && this.topology !== null && this.sources.some((s) => s.inSync());
  }

  private idle(): boolean {
    return this.sources.every((s) => !s.inSync() || s.idle());
  }

  private wakeIdleWaiters() {
    if (!this.idle() && this.inSync()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  stats() {
    return {
      subscribers: this.subscribers.size,
      upstreams: this.sources.filter((s) => s.connected).length,
    };
  }

  /** Each engine's status, for /api/health. */
  engineStatuses(): { id: string; status: EngineStatus }[] {
    return this.sources.map((s) => ({ id: s.engineId, status: s.status }));
  }

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** What a (re)connecting client needs: the events it missed, or a fresh snapshot. */
  catchUp(lastEventId: number | null): FeedEvent[] {
    if (lastEventId !== null && lastEventId >= this.historyFloor && lastEventId <= this.lastId) {
      return this.history.filter((e) => e.id > lastEventId);
    }
    const events: FeedEvent[] = [];
    if (this.topology) events.push(this.encodedEvent("snapshot", this.topologyJson(this.topology)));
    events.push(this.event("engine", this.engine));
    return events;
  }

  private event(event: FeedEvent["event"], data: unknown): FeedEvent {
    return this.encodedEvent(event, JSON.stringify(data));
  }

  private encodedEvent(event: FeedEvent["event"], data: string): FeedEvent {
    return { id: ++this.lastId, event, data };
  }

  private broadcast(kind: "patch" | "engine", data: unknown) {
    const e = this.event(kind, data);
    this.history.push(e);
    if (this.history.length > HISTORY_LIMIT)
      this.historyFloor = this.history.shift()?.id ?? this.historyFloor;
    for (const s of this.subscribers) s.deliver(e);
  }

  /**
   * The default engine's status while it is up (as with one engine); otherwise the first engine
   * that is up; down only when every engine is.
   */
  private combinedStatus(): EngineStatus {
    const first = this.sources.find((s) => s.engineId === defaultEngineId) ?? this.sources[0];
    const up =
      first?.status.status === "up" ? first : this.sources.find((s) => s.status.status === "up");
    return (up ?? first)?.status as EngineStatus;
  }

  private statusChanged() {
    if (!this.ready) return;
    // An engine going down or up is also a change of `engines` in the model.
    this.publish();
    this.recorder?.statuses(this.engineStatuses(), this.topology);
    const status = this.combinedStatus();
    if (JSON.stringify(status) === JSON.stringify(this.engine)) return;
    this.engine = status;
    this.broadcast("engine", status);
  }

  private publish() {
    if (!this.ready) return;
    if (this.sources.every((s) => !s.snapshot())) return;
    const next = buildCluster(
      this.sources.map((s) => ({
        id: s.engineId,
        status: s.inSync() ? "up" : "down",
        message: s.status.status === "down" ? s.status.message : null,
        snapshot: s.snapshot(),
      })),
    );
    const encoded = encodeTopology(next);
    const prev = this.encoded;
    if (!prev) {
      this.remember(next, encoded);
      this.recorder?.started(next);
      // The first topology: clients already waiting get it whole, and a client coming back
      // with an id from before it must get it too, so nothing older can be replayed.
      const snapshot = this.encodedEvent("snapshot", this.topologyJson(next));
      this.history = [];
      this.historyFloor = snapshot.id;
      for (const s of this.subscribers) s.deliver(snapshot);
      return;
    }
    // Only the new side is encoded: the old one was kept from the last time.
    const patch = diffEncoded(prev, encoded, next);
    const before = this.topology;
    const sameEngine = JSON.stringify(next.engine) === JSON.stringify(before?.engine);
    if (patch || !sameEngine) {
      this.remember(next, encoded);
      if (before) this.recorder?.changed(before, next, patch);
    }
    if (patch) this.broadcast("patch", patch);
  }

  private remember(topology: Topology, encoded: TopologyJson) {
    this.topology = topology;
    this.encoded = encoded;
    this.json = null;
  }
}

const FEED = Symbol.for("netlens.engineFeed");
type WithFeed = typeof globalThis & { [FEED]?: EngineFeed };

/**
 * The process-wide feed. Kept on globalThis because each route is bundled on its own and would
 * otherwise get a feed — and an upstream connection — of its own.
 */
export function engineFeed(): EngineFeed {
  const g = globalThis as WithFeed;
  g[FEED] ??= new EngineFeed();
  return g[FEED];
}

/** Stream counts without starting a feed. */
export function feedStats() {
  return (globalThis as WithFeed)[FEED]?.stats() ?? { subscribers: 0, upstreams: 0 };
}
