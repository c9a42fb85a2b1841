import "server-only";
import { GATEWAY_BRIDGE_NAME } from "@/lib/topology/build-topology";
import type {
  EngineClusterState,
  EngineContainerInspect,
  EngineContainerSummary,
  EngineNetwork,
  EngineNetworkMember,
  EngineNode,
  EngineService,
  EngineSnapshot,
  EngineTask,
} from "@/lib/topology/engine-types";
import { defaultEngineId, engineCall } from "./client";
import { EngineRequestError } from "./errors";
import { pickInspect } from "./pick-inspect";

// Aliases and SandboxID exist only in container inspect, so every container needs one — but not
// on every request. An inspect is reused while the container's list entry says nothing
// network-relevant changed: same state, same name, same networks, same endpoint ids (a connect,
// disconnect or restart creates new endpoints, so new ids). The key reads the same from a list
// entry and from an inspect, so an inspect made for an event refreshes the cache too.
type InspectCache = Map<string, { key: string; inspect: EngineContainerInspect }>;
const inspectCaches = new Map<string, InspectCache>();

function inspectCache(engineId: string): InspectCache {
  let cache = inspectCaches.get(engineId);
  if (!cache) {
    cache = new Map();
    inspectCaches.set(engineId, cache);
  }
  return cache;
}
const INSPECT_CONCURRENCY = 8;

export type SnapshotStats = { engineCalls: number; inspects: number };

function keyOf(
  state: string,
  name: string,
  networks: Record<string, { EndpointID: string }> | null,
): string {
  const endpoints = Object.entries(networks ?? {})
    .map(([network, n]) => `${network}:${n.EndpointID}`)
    .sort()
    .join(",");
  return `${state}|${name}|${endpoints}`;
}

const summaryKey = (c: EngineContainerSummary) =>
  keyOf(c.State, c.Names?.[0] ?? "", c.NetworkSettings.Networks);
const inspectKey = (c: EngineContainerInspect) =>
  keyOf(c.State.Status, c.Name, c.NetworkSettings.Networks);

async function inspectOrNull(id: string, engineId: string): Promise<EngineContainerInspect | null> {
  try {
    const raw = await engineCall((d) => d.getContainer(id).inspect(), engineId);
    return pickInspect(raw as unknown as Record<string, unknown>);
  } catch (err) {
    // Removed meanwhile: it is simply gone.
    if (err instanceof EngineRequestError && err.statusCode === 404) return null;
    throw err;
  }
}

/** Inspect containers a few at a time; the result keeps the order of `ids`, gone ones left out. */
async function inspectMany(ids: string[], engineId: string): Promise<EngineContainerInspect[]> {
  const results: (EngineContainerInspect | null)[] = new Array(ids.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const i = next++;
      results[i] = await inspectOrNull(ids[i] as string, engineId);
    }
  };
  await Promise.all(Array.from({ length: Math.min(INSPECT_CONCURRENCY, ids.length) }, worker));
  return results.filter((r): r is EngineContainerInspect => r !== null);
}

/** Networks whose members hold Swarm's own sandboxes (ingress-sbox, lb-<network>). */
export const hasSwarmMembers = (n: EngineNetwork) =>
  n.Scope === "swarm" || (n.Name === GATEWAY_BRIDGE_NAME && n.Scope === "local");

/**
 * Read everything one engine's topology needs: 4 list calls, one inspect per new or changed
 * container, one per swarm-scope network, and on a swarm manager 3 more for the cluster.
 */
export async function readEngineSnapshot(engineId: string = defaultEngineId): Promise<{
  snapshot: EngineSnapshot;
  stats: SnapshotStats;
}> {
  const call = <T>(c: Parameters<typeof engineCall<T>>[0]) => engineCall(c, engineId);
  const [info, version, networks, listed] = await Promise.all([
    call((d) => d.info() as Promise<EngineSnapshot["info"]>),
    call((d) => d.version()),
    call((d) => d.listNetworks() as Promise<unknown> as Promise<EngineNetwork[]>),
    call(
      (d) =>
        d.listContainers({ all: true }) as Promise<unknown> as Promise<EngineContainerSummary[]>,
    ),
  ]);
  const cache = inspectCache(engineId);
  const stale = listed.filter((c) => cache.get(c.Id)?.key !== summaryKey(c));
  const swarmNetworks = networks.filter(hasSwarmMembers).map((n) => n.Id);
  const manager = info.Swarm?.ControlAvailable === true;
  const [inspected, members, cluster] = await Promise.all([
    inspectMany(
      stale.map((c) => c.Id),
      engineId,
    ),
    readNetworkMembers(swarmNetworks, engineId),
    manager ? readClusterState(engineId) : null,
  ]);
  const fresh = new Map(inspected.map((i) => [i.Id, i]));
  for (const c of stale) {
    const inspect = fresh.get(c.Id);
    if (inspect) cache.set(c.Id, { key: inspectKey(inspect), inspect });
  }
  const ids = new Set(listed.map((c) => c.Id));
  for (const id of cache.keys()) if (!ids.has(id)) cache.delete(id);
  const containers = listed.flatMap((c) => {
    const hit = cache.get(c.Id);
    return hit ? [hit.inspect] : [];
  });
  return {
    snapshot: {
      info: {
        ID: info.ID,
        Name: info.Name,
        ServerVersion: info.ServerVersion,
        ...(info.Swarm ? { Swarm: pickSwarm(info.Swarm) } : {}),
      },
      apiVersion: version.ApiVersion,
      networks,
      containers,
      members,
      cluster,
    },
    stats: {
      engineCalls: 4 + stale.length + swarmNetworks.length + (manager ? 3 : 0),
      inspects: stale.length,
    },
  };
}

function pickSwarm(s: NonNullable<EngineSnapshot["info"]["Swarm"]>) {
  return {
    NodeID: s.NodeID,
    LocalNodeState: s.LocalNodeState,
    ControlAvailable: s.ControlAvailable,
    ...(s.Cluster?.ID ? { Cluster: { ID: s.Cluster.ID } } : {}),
  };
}

/** What a swarm manager knows of the cluster: 3 calls. */
export async function readClusterState(engineId: string): Promise<EngineClusterState> {
  const [nodes, services, tasks] = await Promise.all([
    engineCall((d) => d.listNodes() as Promise<unknown> as Promise<EngineNode[]>, engineId),
    engineCall(
      (d) => d.listServices({ status: true }) as Promise<unknown> as Promise<EngineService[]>,
      engineId,
    ),
    engineCall((d) => d.listTasks() as Promise<unknown> as Promise<EngineTask[]>, engineId),
  ]);
  return { nodes, services, tasks };
}

/** The member lists of some networks (one inspect each); gone networks are left out. */
export async function readNetworkMembers(
  ids: string[],
  engineId: string,
): Promise<Record<string, Record<string, EngineNetworkMember>>> {
  const entries = await Promise.all(
    ids.map(async (id) => {
      try {
        const n = (await engineCall(
          (d) => d.getNetwork(id).inspect() as Promise<unknown>,
          engineId,
        )) as { Containers?: Record<string, EngineNetworkMember> | null };
        return [[id, n.Containers ?? {}] as const];
      } catch (err) {
        if (err instanceof EngineRequestError && err.statusCode === 404) return [];
        throw err;
      }
    }),
  );
  return Object.fromEntries(entries.flat());
}

/**
 * Re-read only the containers events touched: one inspect each, nothing else. Containers that
 * no longer exist are absent from the result. What was read refreshes the snapshot's cache.
 */
export async function readContainers(
  ids: string[],
  engineId: string,
): Promise<EngineContainerInspect[]> {
  const inspects = await inspectMany(ids, engineId);
  const cache = inspectCache(engineId);
  for (const i of inspects) cache.set(i.Id, { key: inspectKey(i), inspect: i });
  return inspects;
}

/** Re-read only some networks; removed ones are absent from the result. */
export async function readNetworks(ids: string[], engineId: string): Promise<EngineNetwork[]> {
  const wanted = new Set(ids);
  const listed = (await engineCall(
    (d) => d.listNetworks({ filters: { id: ids } }) as Promise<unknown>,
    engineId,
  )) as EngineNetwork[];
  // Docker's id filter also matches prefixes: keep exact ids only.
  return listed.filter((n) => wanted.has(n.Id));
}

/** The ids of every network: one cheap call that shows what changes without events (swarm). */
export async function readNetworkIds(engineId: string): Promise<string[]> {
  const listed = (await engineCall(
    (d) => d.listNetworks() as Promise<unknown>,
    engineId,
  )) as EngineNetwork[];
  return listed.map((n) => n.Id);
}
