import "server-only";
import type {
  EngineContainerInspect,
  EngineContainerSummary,
  EngineNetwork,
  EngineSnapshot,
} from "@/lib/topology/engine-types";
import { engineCall } from "./client";
import { EngineRequestError } from "./errors";
import { pickInspect } from "./pick-inspect";

// Aliases and SandboxID exist only in container inspect, so every container needs one — but not
// on every request. An inspect is reused while the container's list entry says nothing
// network-relevant changed: same state, same name, same networks, same endpoint ids (a connect,
// disconnect or restart creates new endpoints, so new ids). The key reads the same from a list
// entry and from an inspect, so an inspect made for an event refreshes the cache too.
const inspectCache = new Map<string, { key: string; inspect: EngineContainerInspect }>();
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

async function inspectOrNull(id: string): Promise<EngineContainerInspect | null> {
  try {
    const raw = await engineCall((d) => d.getContainer(id).inspect());
    return pickInspect(raw as unknown as Record<string, unknown>);
  } catch (err) {
    // Removed meanwhile: it is simply gone.
    if (err instanceof EngineRequestError && err.statusCode === 404) return null;
    throw err;
  }
}

/** Inspect containers a few at a time; the result keeps the order of `ids`, gone ones left out. */
async function inspectMany(ids: string[]): Promise<EngineContainerInspect[]> {
  const results: (EngineContainerInspect | null)[] = new Array(ids.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const i = next++;
      results[i] = await inspectOrNull(ids[i] as string);
    }
  };
  await Promise.all(Array.from({ length: Math.min(INSPECT_CONCURRENCY, ids.length) }, worker));
  return results.filter((r): r is EngineContainerInspect => r !== null);
}

/** Read everything a topology needs: 4 list calls plus one inspect per new or changed container. */
export async function readEngineSnapshot(): Promise<{
  snapshot: EngineSnapshot;
  stats: SnapshotStats;
}> {
  const [info, version, networks, listed] = await Promise.all([
    engineCall((d) => d.info() as Promise<EngineSnapshot["info"]>),
    engineCall((d) => d.version()),
    engineCall((d) => d.listNetworks() as Promise<unknown> as Promise<EngineNetwork[]>),
    engineCall(
      (d) =>
        d.listContainers({ all: true }) as Promise<unknown> as Promise<EngineContainerSummary[]>,
    ),
  ]);
  const stale = listed.filter((c) => inspectCache.get(c.Id)?.key !== summaryKey(c));
  const fresh = new Map((await inspectMany(stale.map((c) => c.Id))).map((i) => [i.Id, i]));
  for (const c of stale) {
    const inspect = fresh.get(c.Id);
    if (inspect) inspectCache.set(c.Id, { key: inspectKey(inspect), inspect });
  }
  const ids = new Set(listed.map((c) => c.Id));
  for (const id of inspectCache.keys()) if (!ids.has(id)) inspectCache.delete(id);
  const containers = listed.flatMap((c) => {
    const hit = inspectCache.get(c.Id);
    return hit ? [hit.inspect] : [];
  });
  return {
    snapshot: {
      info: { ID: info.ID, Name: info.Name, ServerVersion: info.ServerVersion },
      apiVersion: version.ApiVersion,
      networks,
      containers,
    },
    stats: { engineCalls: 4 + stale.length, inspects: stale.length },
  };
}

/**
 * Re-read only the containers events touched: one inspect each, nothing else. Containers that
 * no longer exist are absent from the result. What was read refreshes the snapshot's cache.
 */
export async function readContainers(ids: string[]): Promise<EngineContainerInspect[]> {
  const inspects = await inspectMany(ids);
  for (const i of inspects) inspectCache.set(i.Id, { key: inspectKey(i), inspect: i });
  return inspects;
}

/** Re-read only some networks; removed ones are absent from the result. */
export async function readNetworks(ids: string[]): Promise<EngineNetwork[]> {
  const wanted = new Set(ids);
  const listed = (await engineCall(
    (d) => d.listNetworks({ filters: { id: ids } }) as Promise<unknown>,
  )) as EngineNetwork[];
  // Docker's id filter also matches prefixes: keep exact ids only.
  return listed.filter((n) => wanted.has(n.Id));
}

/** The ids of every network: one cheap call that shows what changes without events (swarm). */
export async function readNetworkIds(): Promise<string[]> {
  const listed = (await engineCall((d) => d.listNetworks() as Promise<unknown>)) as EngineNetwork[];
  return listed.map((n) => n.Id);
}
