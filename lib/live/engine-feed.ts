import "server-only";
import { engineEndpoint } from "@/lib/docker/client";
import {
  pingEngine,
  subscribeEngineEvents,
  type EngineEvent,
  type EventSubscription,
} from "@/lib/docker/events";
import {
  readContainers,
  readEngineSnapshot,
  readNetworkIds,
  readNetworks,
} from "@/lib/docker/snapshot";
import { buildTopology } from "@/lib/topology/build-topology";
import type {
  EngineContainerInspect,
  EngineNetwork,
  EngineSnapshot,
} from "@/lib/topology/engine-types";
import { diffEncoded, encodeTopology, type TopologyJson } from "@/lib/topology/patch";
import type { Topology } from "@/lib/topology/types";

export type EngineStatus =
  | { status: "up"; since: string; endpoint: string; serverVersion: string; apiVersion: string }
  | { status: "down"; since: string; endpoint: string; message: string };

export type FeedEvent = { id: number; event: "snapshot" | "patch" | "engine"; data: string };

export interface Subscriber {
  deliver(event: FeedEvent): void;
  heartbeat(): void;
}

// Events within this window are read and sent as one patch: `docker compose up` of 30
// containers is a handful of patches, not 30 snapshots.
const COALESCE_MS = 15;
const PING_EVERY_MS = 2_000;
const PING_TIMEOUT_MS = 2_000;
/**
 * Swarm init/leave creates and removes networks (ingress, docker_gwbridge) with no event: the
 * network list, compared this often, shows it.
 */
const NETWORK_CHECK_EVERY_MS = 5_000;
/** A cheap re-list (inspects only what changed) that corrects anything no event announced. */
const RECONCILE_EVERY_MS = 60_000;
const HEARTBEAT_EVERY_MS = 15_000;
// A local socket costs nothing to retry: the map is live again within a second of the engine.
const LOCAL_RETRY_MS = 1_000;
const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
/** How long a read from memory waits for events already received to be applied. */
const SETTLE_MAX_MS = 2_000;
/** Patches kept for clients that come back with Last-Event-ID; older ones get a snapshot. */
const HISTORY_LIMIT = 1_000;

/**
 * One upstream subscription to the engine's events, shared by every browser. It keeps the engine's
 * state, re-reads only what each event touches, and fans patches out to subscribers. After any
 * reconnect it re-lists everything and sends the difference, since Docker's own replay (`since`)
 * keeps only 256 events and loses them when the engine restarts.
 */
export class EngineFeed {
  private state: {
    info: EngineSnapshot["info"];
    apiVersion: string;
    networks: Map<string, EngineNetwork>;
    containers: Map<string, EngineContainerInspect>;
  } | null = null;
  private topology: Topology | null = null;
  /** The topology's entities as JSON, for the next diff, and the whole as JSON, made on demand. */
  private encoded: TopologyJson | null = null;
  private json: string | null = null;
  // Never sent as such: start() resolves only once the first attempt has set the real status.
  private engine: EngineStatus = {
    status: "down",
    since: new Date().toISOString(),
    endpoint: engineEndpoint,
    message: "connecting to the engine…",
  };
  // Ids start from the clock so they keep increasing across server restarts (a client's
  // Last-Event-ID from before a restart is then simply older than anything kept).
  private lastId = Date.now();
  private history: FeedEvent[] = [];
  /** Every event after this id is in `history`. */
  private historyFloor = this.lastId;
  private subscribers = new Set<Subscriber>();
  private subscription: EventSubscription | null = null;
  private pendingContainers = new Set<string>();
  private pendingNetworks = new Set<string>();
  private flushTimer: NodeJS.Timeout | null = null;
  private busy = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private backoffMs = BACKOFF_MIN_MS;
  private firstAttempt: Promise<void> | null = null;
  private reconcileWanted = false;
  /** Resolved whenever the feed has applied everything it has received (see settled()). */
  private idleWaiters: (() => void)[] = [];

  /**
   * Start the feed (once). Resolves when the first connection attempt has succeeded or failed,
   * so the first client gets the engine's real state, not a passing "connecting".
   */
  start(): Promise<void> {
    if (!this.firstAttempt) {
      setInterval(() => this.checkAlive(), PING_EVERY_MS).unref();
      setInterval(() => this.checkNetworks(), NETWORK_CHECK_EVERY_MS).unref();
      setInterval(() => this.requestReconcile(), RECONCILE_EVERY_MS).unref();
      setInterval(() => this.subscribers.forEach((s) => s.heartbeat()), HEARTBEAT_EVERY_MS).unref();
      this.firstAttempt = this.connect();
    }
    return this.firstAttempt;
  }

  /**
   * The engine's state from memory, once every event received so far is applied; null while the
   * feed is not in sync with the engine (down, reconnecting), when only a fresh read will do.
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

  /** One serialisation per state of the engine, however many clients ask. */
  private topologyJson(topology: Topology): string {
    if (topology !== this.topology) return JSON.stringify(topology);
    this.json ??= JSON.stringify(topology);
    return this.json;
  }

  private inSync(): boolean {
    return this.engine.status === "up" && this.subscription !== null && this.topology !== null;
  }

  private idle(): boolean {
    return (
      !this.busy &&
      !this.flushTimer &&
      !this.reconcileWanted &&
      this.pendingContainers.size === 0 &&
      this.pendingNetworks.size === 0
    );
  }

  private wakeIdleWaiters() {
    if (this.idle()) this.releaseWaiters();
  }

  private releaseWaiters() {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  stats() {
    return { subscribers: this.subscribers.size, upstreams: this.subscription ? 1 : 0 };
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

  private setEngine(status: EngineStatus) {
    this.engine = status;
    this.broadcast("engine", status);
  }

  private async connect() {
    this.reconnectTimer = null;
    this.busy = true;
    // The re-list below covers everything that happened before it.
    this.pendingContainers.clear();
    this.pendingNetworks.clear();
    try {
      // Subscribe first, then list: an event can then only be counted twice, never lost.
      this.subscription = await subscribeEngineEvents(
        (e) => this.onEvent(e),
        (err) => this.lost(err),
      );
      const snapshot = await this.relist();
      this.backoffMs = BACKOFF_MIN_MS;
      this.setEngine({
        status: "up",
        since: new Date().toISOString(),
        endpoint: engineEndpoint,
        serverVersion: snapshot.info.ServerVersion,
        apiVersion: snapshot.apiVersion,
      });
    } catch (err) {
      this.lost(err);
    } finally {
      this.busy = false;
      this.scheduleFlush();
    }
  }

  /** Read everything again and send what differs from what the clients have, as a patch. */
  private async relist(): Promise<EngineSnapshot> {
    const { snapshot } = await readEngineSnapshot();
    this.state = {
      info: snapshot.info,
      apiVersion: snapshot.apiVersion,
      networks: new Map(snapshot.networks.map((n) => [n.Id, n])),
      containers: new Map(snapshot.containers.map((c) => [c.Id, c])),
    };
    this.publish();
    return snapshot;
  }

  private requestReconcile() {
    if (!this.subscription) return;
    this.reconcileWanted = true;
    this.scheduleFlush();
  }

  private lost(err: unknown) {
    // Stream end, failed ping and failed read can all report the same loss: act once.
    if (this.reconnectTimer) return;
    this.subscription?.close();
    this.subscription = null;
    const message = err instanceof Error ? err.message : String(err);
    if (this.engine.status === "up" || this.engine.message !== message) {
      this.setEngine({
        status: "down",
        since: this.engine.status === "down" ? this.engine.since : new Date().toISOString(),
        endpoint: engineEndpoint,
        message,
      });
    }
    const local = engineEndpoint.startsWith("unix:");
    this.reconnectTimer = setTimeout(
      () => void this.connect(),
      local ? LOCAL_RETRY_MS : this.backoffMs,
    );
    this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
    this.reconcileWanted = false;
    // Whoever waits for memory to settle reads the engine instead (and learns it is down).
    this.releaseWaiters();
  }

  private checkAlive() {
    // A killed engine closes the event stream at once; a hung one only fails to answer.
    if (!this.subscription) return;
    pingEngine(PING_TIMEOUT_MS).catch((err) => this.lost(err));
  }

  private checkNetworks() {
    if (!this.subscription || !this.idle()) return;
    readNetworkIds().then(
      (ids) => {
        const known = this.state?.networks;
        if (!known || !this.idle()) return;
        if (ids.length !== known.size || ids.some((id) => !known.has(id))) this.requestReconcile();
      },
      // Liveness is checkAlive's to judge.
      () => {},
    );
  }

  private onEvent(e: EngineEvent) {
    if (e.type === "engine") this.reconcileWanted = true;
    else if (e.type === "container") this.pendingContainers.add(e.id);
    else {
      this.pendingNetworks.add(e.id);
      if (e.containerId) this.pendingContainers.add(e.containerId);
    }
    this.scheduleFlush();
  }

  private scheduleFlush() {
    if (this.flushTimer || this.busy || !this.subscription) return;
    if (!this.pendingContainers.size && !this.pendingNetworks.size && !this.reconcileWanted) {
      this.wakeIdleWaiters();
      return;
    }
    this.flushTimer = setTimeout(() => void this.flush(), COALESCE_MS);
  }

  private async flush() {
    this.flushTimer = null;
    const state = this.state;
    if (!state) return;
    if (this.reconcileWanted) return this.reconcile();
    const containerIds = [...this.pendingContainers];
    const networkIds = [...this.pendingNetworks];
    this.pendingContainers.clear();
    this.pendingNetworks.clear();
    this.busy = true;
    try {
      const [containers, networks] = await Promise.all([
        containerIds.length ? readContainers(containerIds) : null,
        networkIds.length ? readNetworks(networkIds) : null,
      ]);
      for (const id of containerIds) state.containers.delete(id);
      for (const c of containers ?? []) state.containers.set(c.Id, c);
      for (const id of networkIds) {
        const network = networks?.find((n) => n.Id === id);
        if (network) state.networks.set(id, network);
        else state.networks.delete(id);
      }
      this.publish();
    } catch (err) {
      // Nothing is lost: the reconnect re-lists everything.
      this.lost(err);
    } finally {
      this.busy = false;
      this.scheduleFlush();
    }
  }

  /** A re-list covers every pending event too: they were received before it started. */
  private async reconcile() {
    this.reconcileWanted = false;
    this.pendingContainers.clear();
    this.pendingNetworks.clear();
    this.busy = true;
    try {
      await this.relist();
    } catch (err) {
      this.lost(err);
    } finally {
      this.busy = false;
      this.scheduleFlush();
    }
  }

  private publish() {
    const state = this.state;
    if (!state) return;
    const next = buildTopology({
      info: state.info,
      apiVersion: state.apiVersion,
      networks: [...state.networks.values()],
      containers: [...state.containers.values()],
    });
    const encoded = encodeTopology(next);
    const prev = this.encoded;
    if (!prev) {
      this.remember(next, encoded);
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
    const sameEngine = JSON.stringify(next.engine) === JSON.stringify(this.topology?.engine);
    if (patch || !sameEngine) this.remember(next, encoded);
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
