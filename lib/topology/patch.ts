import { inOrder } from "./build-topology";
import type { Topology } from "./types";

export const ENTITY_KINDS = ["networks", "containers", "sandboxes", "endpoints"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

type Entities = { [K in EntityKind]: Topology[K] };

/** What changed between two topologies; empty kinds are left out. The SSE `patch` event's data. */
export type TopologyPatch = {
  upserts: Partial<Entities>;
  removals: Partial<Record<EntityKind, string[]>>;
  generatedAt: string;
};

function diffKind<T extends { id: string }>(before: T[], after: T[]) {
  const old = new Map(before.map((e) => [e.id, JSON.stringify(e)]));
  const upserts = after.filter((e) => old.get(e.id) !== JSON.stringify(e));
  const kept = new Set(after.map((e) => e.id));
  const removals = before.filter((e) => !kept.has(e.id)).map((e) => e.id);
  return { upserts, removals };
}

/** The patch that turns `prev` into `next`, or null when nothing but the time changed. */
export function diffTopology(prev: Topology, next: Topology): TopologyPatch | null {
  const patch: TopologyPatch = { upserts: {}, removals: {}, generatedAt: next.generatedAt };
  let changed = false;
  for (const kind of ENTITY_KINDS) {
    const { upserts, removals } = diffKind<{ id: string }>(prev[kind], next[kind]);
    if (upserts.length) (patch.upserts as Record<string, unknown>)[kind] = upserts;
    if (removals.length) patch.removals[kind] = removals;
    changed ||= upserts.length > 0 || removals.length > 0;
  }
  return changed ? patch : null;
}

function applyKind<T extends { id: string }>(
  list: T[],
  upserts: T[] = [],
  removals: string[] = [],
) {
  const byId = new Map(list.map((e) => [e.id, e]));
  for (const id of removals) byId.delete(id);
  for (const e of upserts) byId.set(e.id, e);
  return [...byId.values()];
}

export function applyPatch(topology: Topology, patch: TopologyPatch): Topology {
  const { upserts: u, removals: r } = patch;
  return inOrder({
    ...topology,
    generatedAt: patch.generatedAt,
    networks: applyKind(topology.networks, u.networks, r.networks),
    containers: applyKind(topology.containers, u.containers, r.containers),
    sandboxes: applyKind(topology.sandboxes, u.sandboxes, r.sandboxes),
    endpoints: applyKind(topology.endpoints, u.endpoints, r.endpoints),
  });
}
