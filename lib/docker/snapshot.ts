import "server-only";
import type Docker from "dockerode";
import type {
  EngineContainerInspect,
  EngineContainerSummary,
  EngineNetwork,
  EngineSnapshot,
} from "@/lib/topology/engine-types";
import { engineCall } from "./client";
import { EngineRequestError } from "./errors";
import { pickInspect } from "./pick-inspect";

// Aliases and SandboxID exist only in container inspect, so every container needs one — but
// not on every request. An inspect is reused while the container's list entry says nothing
// network-relevant changed: same state and same networks and endpoint ids (a connect, disconnect or restart
// creates new endpoints, so new ids).
const inspectCache = new Map<string, { key: string; inspect: EngineContainerInspect }>();
const INSPECT_CONCURRENCY = 8;

export type SnapshotStats = { engineCalls: number; inspects: number };

function cacheKey(c: EngineContainerSummary): string {
  const endpoints = Object.entries(c.NetworkSettings.Networks ?? {})
    .map(([name, n]) => `${name}:${n.EndpointID}`)
    .sort()
    .join(",");
  return `${c.State}|${endpoints}`;
}

async function inspectContainer(id: string): Promise<EngineContainerInspect | null> {
  try {
    const raw = await engineCall((d) => d.getContainer(id).inspect());
    return pickInspect(raw as unknown as Record<string, unknown>);
  } catch (err) {
    // Removed between list and inspect: it is simply gone from this snapshot.
    if (err instanceof EngineRequestError && err.statusCode === 404) return null;
    throw err;
  }
}

async function inspectAll(containers: EngineContainerSummary[], stats: SnapshotStats) {
  const inspects: Record<string, EngineContainerInspect> = {};
  const stale = containers.filter((c) => {
    const hit = inspectCache.get(c.Id);
    if (hit && hit.key === cacheKey(c)) {
      inspects[c.Id] = hit.inspect;
      return false;
    }
    return true;
  });
  let next = 0;
  const worker = async () => {
    for (let c = stale[next++]; c; c = stale[next++]) {
      stats.engineCalls++;
      stats.inspects++;
      const inspect = await inspectContainer(c.Id);
      if (inspect) {
        inspects[c.Id] = inspect;
        inspectCache.set(c.Id, { key: cacheKey(c), inspect });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(INSPECT_CONCURRENCY, stale.length) }, worker));
  const listed = new Set(containers.map((c) => c.Id));
  for (const id of inspectCache.keys()) if (!listed.has(id)) inspectCache.delete(id);
  return inspects;
}

/** Read everything a topology needs: 4 list calls plus one inspect per new or changed container. */
export async function readEngineSnapshot(): Promise<{
  snapshot: EngineSnapshot;
  stats: SnapshotStats;
}> {
  const stats: SnapshotStats = { engineCalls: 4, inspects: 0 };
  const [info, version, networks, containers] = await Promise.all([
    engineCall((d) => d.info() as Promise<EngineSnapshot["info"]>),
    engineCall((d) => d.version()),
    engineCall((d) => d.listNetworks() as Promise<unknown> as Promise<EngineNetwork[]>),
    engineCall(
      (d: Docker) =>
        d.listContainers({ all: true }) as Promise<unknown> as Promise<EngineContainerSummary[]>,
    ),
  ]);
  const inspects = await inspectAll(containers, stats);
  return {
    snapshot: {
      info: { ID: info.ID, Name: info.Name, ServerVersion: info.ServerVersion },
      apiVersion: version.ApiVersion,
      networks,
      containers,
      inspects,
    },
    stats,
  };
}
