import { inOrder } from "./build-topology";
import type { Topology } from "./types";

export const ENTITY_KINDS = [
  "networks",
  "containers",
  "sandboxes",
  "endpoints",
  "engines",
  "nodes",
  "services",
  "tasks",
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

type Entities = { [K in EntityKind]: Topology[K] };

/** What changed between two topologies; empty kinds are left out. The SSE `patch` event's data. */
export type TopologyPatch = {
  upserts: Partial<Entities>;
  removals: Partial<Record<EntityKind, string[]>>;
  generatedAt: string;
};

/** Each entity's JSON by id: what a diff compares, kept so the last side is not encoded again. */
export type TopologyJson = { [K in EntityKind]: Map<string, string> };

/** JSON of entity objects already encoded: build-topology reuses the objects nothing changed. */
const encodedOnce = new WeakMap<object, string>();

function encode(entity: object): string {
  let json = encodedOnce.get(entity);
  if (json === undefined) {
    json = JSON.stringify(entity);
    encodedOnce.set(entity, json);
  }
  return json;
}

export function encodeTopology(t: Topology): TopologyJson {
  const out = {} as TopologyJson;
  for (const kind of ENTITY_KINDS) {
    out[kind] = new Map((t[kind] as { id: string }[]).map((e) => [e.id, encode(e)]));
  }
  return out;
}

/** What changed between two encoded topologies; `next` supplies the entities sent. */
export function diffEncoded(
  prev: TopologyJson,
  next: TopologyJson,
  nextTopology: Topology,
): TopologyPatch | null {
  const patch: TopologyPatch = { upserts: {}, removals: {}, generatedAt: nextTopology.generatedAt };
  let changed = false;
  for (const kind of ENTITY_KINDS) {
    const before = prev[kind];
    const after = next[kind];
    const upserts = (nextTopology[kind] as { id: string }[]).filter(
      (e) => before.get(e.id) !== after.get(e.id),
    );
    const removals = [...before.keys()].filter((id) => !after.has(id));
    if (upserts.length) (patch.upserts as Record<string, unknown>)[kind] = upserts;
    if (removals.length) patch.removals[kind] = removals;
    changed ||= upserts.length > 0 || removals.length > 0;
  }
  return changed ? patch : null;
}

/** The patch that turns `prev` into `next`, or null when nothing but the time changed. */
export function diffTopology(prev: Topology, next: Topology): TopologyPatch | null {
  return diffEncoded(encodeTopology(prev), encodeTopology(next), next);
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
  const next = { ...topology, generatedAt: patch.generatedAt };
  for (const kind of ENTITY_KINDS) {
    (next as Record<EntityKind, unknown>)[kind] = applyKind<{ id: string }>(
      topology[kind] ?? [],
      patch.upserts[kind],
      patch.removals[kind],
    );
  }
  return inOrder(next);
}
