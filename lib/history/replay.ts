// A moment rebuilt from a snapshot and the patches after it. Pure.
import { inOrder } from "@/lib/topology/build-topology";
import { ENTITY_KINDS, type EntityKind, type TopologyPatch } from "@/lib/topology/patch";
import type { Topology } from "@/lib/topology/types";

/**
 * `snapshot` with `patches` applied in turn: the same as applyPatch one after another, but the
 * model is sorted once at the end rather than after each of up to hundreds of patches.
 */
export function replay(snapshot: Topology, patches: readonly TopologyPatch[]): Topology {
  const last = patches.at(-1);
  if (!last) return snapshot;
  const byKind = new Map<EntityKind, Map<string, { id: string }>>();
  for (const kind of ENTITY_KINDS) {
    byKind.set(kind, new Map((snapshot[kind] as { id: string }[]).map((e) => [e.id, e])));
  }
  for (const patch of patches) {
    for (const kind of ENTITY_KINDS) {
      const entities = byKind.get(kind);
      if (!entities) continue;
      for (const id of patch.removals[kind] ?? []) entities.delete(id);
      for (const e of (patch.upserts[kind] ?? []) as { id: string }[]) entities.set(e.id, e);
    }
  }
  const next = { ...snapshot, generatedAt: last.generatedAt } as Record<string, unknown>;
  for (const [kind, entities] of byKind) next[kind] = [...entities.values()];
  return inOrder(next as Topology);
}
