import "server-only";
import { engineEndpoint } from "@/lib/docker/client";
import {
  pingEngine,
  subscribeEngineEvents,
  type EngineEvent,
  type EventSubscription,
} from "@/lib/docker/events";
import {
  hasSwarmMembers,
  readClusterState,
  readContainers,
  readEngineSnapshot,
  readNetworkIds,
  readNetworkMembers,
  readNetworks,
} from "@/lib/docker/snapshot";
import type {
  EngineClusterState,
  EngineContainerInspect,
  EngineNetwork,
  EngineNetworkMember,
  EngineSnapshot,
} from "@/lib/topology/engine-types";

export type EngineStatus =
  | { status: "up"; since: string; endpoint: string; serverVersion: string; apiVersion: string }
  | { status: "down"; since: string; endpoint: string; message: string };

// A lone event is read at once; events within this window of the last read (and all that arrive
// while one is under way) are read and applied together: `docker compose up` of 30 containers is
// a handful of patches, not 30 snapshots.
const COALESCE_MS = 15;
const PING_EVERY_MS = 2_000;
const PING_TIMEOUT_MS = 2_000;
/**
 * Swarm init/leave creates and removes networks (ingress, docker_gwbridge) with no event: the
 * network list, compared this often, shows it.
 */
const NETWORK_CHECK_EVERY_MS = 5_000;
/** Tasks change state with no event at all: a manager is asked this often (3 list calls). */
const CLUSTER_CHECK_EVERY_MS = 2_000;
/** A cheap re-list (inspects only what changed) that corrects anything no event announced. */
const RECONCILE_EVERY_MS = 60_000;
// A local socket costs nothing to retry: the map is live again within a second of the engine.
const LOCAL_RETRY_MS = 1_000;
const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

type Members = Map<string, Record<string, EngineNetworkMember>>;

/** What the feed hears from a source: its state or its status changed, or it became idle. */
export interface SourceListener {
  changed(): void;
  statusChanged(): void;
  idle(): void;
}

/**
 * One engine followed live: one upstream subscription to its events; it keeps the engine's
 * state and re-reads only what each event touches. After any reconnect it re-lists everything,
 * since Docker's own replay (`since`) keeps only 256 events and loses them when the engine restarts.
 */
export class EngineSource {
  private state: {
    info: EngineSnapshot["info"];
    apiVersion: string;
    networks: Map<string, EngineNetwork>;
    containers: Map<string, EngineContainerInspect>;
    members: Members;
    cluster: EngineClusterState | null;
  } | null = null;
  /** The state as a snapshot, made once per change. */
  private snapshotMemo: EngineSnapshot | null = null;
  private clusterJson = "";
  // Never reported as such: start() resolves only once the first attempt has set the real status.
  status: EngineStatus;
  private subscription: EventSubscription | null = null;
  private pendingContainers = new Set<string>();
  private pendingNetworks = new Set<string>();
  private clusterWanted = false;
  private reconcileWanted = false;
  private flushTimer: NodeJS.Timeout | null = null;
  private lastFlushAt = 0;
  private busy = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private backoffMs = BACKOFF_MIN_MS;
  private firstAttempt: Promise<void> | null = null;

  constructor(
    readonly engineId: string,
    private readonly listener: SourceListener,
  ) {
    this.status = {
      status: "down",
      since: new Date().toISOString(),
      endpoint: engineEndpoint(engineId),
      message: "connecting to the engine…",
    };
  }

  /** Start following (once); resolves when the first connection attempt has succeeded or failed. */
  start(): Promise<void> {
    if (!this.firstAttempt) {
      setInterval(() => this.checkAlive(), PING_EVERY_MS).unref();
      setInterval(() => this.checkNetworks(), NETWORK_CHECK_EVERY_MS).unref();
      setInterval(() => this.checkCluster(), CLUSTER_CHECK_EVERY_MS).unref();
      setInterval(() => this.requestReconcile(), RECONCILE_EVERY_MS).unref();
      this.firstAttempt = this.connect();
    }
    return this.firstAttempt;
  }

  get connected(): boolean {
    return this.subscription !== null;
  }

  /** Following the engine: up, subscribed and listed. */
  inSync(): boolean {
    return this.status.status === "up" && this.subscription !== null && this.state !== null;
  }

  /** Everything received so far is applied. */
  idle(): boolean {
    return (
      !this.busy &&
      !this.flushTimer &&
      !this.reconcileWanted &&
      !this.clusterWanted &&
      this.pendingContainers.size === 0 &&
      this.pendingNetworks.size === 0
    );
  }

  /** The engine's last known state (kept while it is down); null until first listed. */
  snapshot(): EngineSnapshot | null {
    const state = this.state;
    if (!state) return null;
    this.snapshotMemo ??= {
      info: state.info,
      apiVersion: state.apiVersion,
      networks: [...state.networks.values()],
      containers: [...state.containers.values()],
      members: Object.fromEntries(state.members),
      cluster: state.cluster,
    };
    return this.snapshotMemo;
  }

  private setStatus(status: EngineStatus) {
    this.status = status;
    this.listener.statusChanged();
  }

  private async connect() {
    this.reconnectTimer = null;
    this.busy = true;
    // The re-list below covers everything that happened before it.
    this.pendingContainers.clear();
    this.pendingNetworks.clear();
    this.clusterWanted = false;
    try {
      // Subscribe first, then list: an event can then only be counted twice, never lost.
      this.subscription = await subscribeEngineEvents(
        this.engineId,
        (e) => this.onEvent(e),
        (err) => this.lost(err),
      );
      const snapshot = await this.relist();
      this.backoffMs = BACKOFF_MIN_MS;
      this.setStatus({
        status: "up",
        since: new Date().toISOString(),
        endpoint: engineEndpoint(this.engineId),
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

  private async relist(): Promise<EngineSnapshot> {
    const { snapshot } = await readEngineSnapshot(this.engineId);
    this.state = {
      info: snapshot.info,
      apiVersion: snapshot.apiVersion,
      networks: new Map(snapshot.networks.map((n) => [n.Id, n])),
      containers: new Map(snapshot.containers.map((c) => [c.Id, c])),
      members: new Map(Object.entries(snapshot.members ?? {})),
      cluster: snapshot.cluster ?? null,
    };
    this.clusterJson = JSON.stringify(snapshot.cluster ?? null);
    this.applied();
    return snapshot;
  }

  private applied() {
    this.snapshotMemo = null;
    this.listener.changed();
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
    const was = this.status;
    if (was.status === "up" || was.message !== message) {
      this.setStatus({
        status: "down",
        since: was.status === "down" ? was.since : new Date().toISOString(),
        endpoint: engineEndpoint(this.engineId),
        message,
      });
    }
    const local = engineEndpoint(this.engineId).startsWith("unix:");
    this.reconnectTimer = setTimeout(
      () => void this.connect(),
      local ? LOCAL_RETRY_MS : this.backoffMs,
    );
    this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
    this.reconcileWanted = false;
    this.clusterWanted = false;
    // Whoever waits for memory to settle reads the engine instead (and learns it is down).
    this.listener.idle();
  }

  private checkAlive() {
    // A killed engine closes the event stream at once; a hung one only fails to answer.
    if (!this.subscription) return;
    pingEngine(this.engineId, PING_TIMEOUT_MS).catch((err) => this.lost(err));
  }

  private checkNetworks() {
    if (!this.subscription || !this.idle()) return;
    readNetworkIds(this.engineId).then(
      (ids) => {
        const known = this.state?.networks;
        if (!known || !this.idle()) return;
        if (ids.length !== known.size || ids.some((id) => !known.has(id))) this.requestReconcile();
      },
      // Liveness is checkAlive's to judge.
      () => {},
    );
  }

  private checkCluster() {
    if (!this.subscription || !this.state?.info.Swarm?.ControlAvailable) return;
    this.clusterWanted = true;
    this.scheduleFlush();
  }

  private onEvent(e: EngineEvent) {
    if (e.type === "engine") this.reconcileWanted = true;
    else if (e.type === "cluster") this.clusterWanted = true;
    else if (e.type === "container") this.pendingContainers.add(e.id);
    else {
      // A container joining or leaving a network changes the container, not the network as the
      // model knows it (its member list is read only for swarm networks): one read, not two.
      const known = this.state?.networks.get(e.id);
      const membersOnly =
        e.containerId !== undefined &&
        (e.action === "connect" || e.action === "disconnect") &&
        known !== undefined &&
        !hasSwarmMembers(known);
      if (!membersOnly) this.pendingNetworks.add(e.id);
      if (e.containerId) this.pendingContainers.add(e.containerId);
    }
    this.scheduleFlush();
  }

  private scheduleFlush() {
    if (this.flushTimer || this.busy || !this.subscription) return;
    if (this.idle()) {
      this.listener.idle();
      return;
    }
    const wait = Math.max(0, this.lastFlushAt + COALESCE_MS - performance.now());
    this.flushTimer = setTimeout(() => void this.flush(), wait);
  }

  private async flush() {
    this.flushTimer = null;
    this.lastFlushAt = performance.now();
    const state = this.state;
    if (!state) return;
    if (this.reconcileWanted) return this.run(() => this.reconcile());
    const containerIds = [...this.pendingContainers];
    const networkIds = [...this.pendingNetworks];
    const wantCluster = this.clusterWanted && state.info.Swarm?.ControlAvailable === true;
    this.pendingContainers.clear();
    this.pendingNetworks.clear();
    this.clusterWanted = false;
    await this.run(async () => {
      const [containers, networks, cluster] = await Promise.all([
        containerIds.length ? readContainers(containerIds, this.engineId) : null,
        networkIds.length ? readNetworks(networkIds, this.engineId) : null,
        wantCluster ? readClusterState(this.engineId) : null,
      ]);
      let changed = containerIds.length > 0 || networkIds.length > 0;
      // Swarm's own sandboxes come and go with the tasks on a network, with no event of theirs.
      const memberNetworks = new Set<string>();
      const swarmish = (id: string) => {
        const n = state.networks.get(id) ?? networks?.find((x) => x.Id === id);
        return n !== undefined && hasSwarmMembers(n);
      };
      for (const id of containerIds) {
        for (const ep of Object.values(state.containers.get(id)?.NetworkSettings.Networks ?? {}))
          if (swarmish(ep.NetworkID)) memberNetworks.add(ep.NetworkID);
        state.containers.delete(id);
      }
      for (const c of containers ?? []) {
        state.containers.set(c.Id, c);
        for (const ep of Object.values(c.NetworkSettings.Networks ?? {}))
          if (swarmish(ep.NetworkID)) memberNetworks.add(ep.NetworkID);
      }
      for (const id of networkIds) {
        const network = networks?.find((n) => n.Id === id);
        if (network) state.networks.set(id, network);
        else state.networks.delete(id);
        if (network && hasSwarmMembers(network)) memberNetworks.add(id);
        else state.members.delete(id);
      }
      if (memberNetworks.size) {
        // An overlay task also has a way out on docker_gwbridge, which its inspect does not list.
        for (const n of state.networks.values())
          if (hasSwarmMembers(n) && n.Scope === "local") memberNetworks.add(n.Id);
        const members = await readNetworkMembers([...memberNetworks], this.engineId);
        for (const id of memberNetworks) {
          const m = members[id];
          if (m) state.members.set(id, m);
          else state.members.delete(id);
        }
      }
      if (cluster) {
        // Polled every few seconds: only a real change is worth a rebuild.
        const json = JSON.stringify(cluster);
        if (json !== this.clusterJson) {
          this.clusterJson = json;
          state.cluster = cluster;
          changed = true;
        }
      }
      if (changed) this.applied();
    });
  }

  /** A re-list covers every pending event too: they were received before it started. */
  private async reconcile() {
    this.reconcileWanted = false;
    this.clusterWanted = false;
    this.pendingContainers.clear();
    this.pendingNetworks.clear();
    await this.relist();
  }

  private async run(work: () => Promise<void>) {
    this.busy = true;
    try {
      await work();
    } catch (err) {
      // Nothing is lost: the reconnect re-lists everything.
      this.lost(err);
    } finally {
      this.busy = false;
      this.scheduleFlush();
    }
  }
}
