// What differs between two topologies, by kind and field: the answer of /api/topology/diff.
// Pure; unlike a patch (whole entities, for replay) it names the fields, for people.
import { ENTITY_KINDS } from "@/lib/topology/patch";
import type { Topology } from "@/lib/topology/types";
import type { ChangedEntity, TopologyDiff } from "./types";

type Entity = { id: string } & Record<string, unknown>;

const json = (v: unknown) => JSON.stringify(v);

/** The fields whose values differ, [old, new]; a field missing on one side is null there. */
function changedFields(a: Entity, b: Entity): ChangedEntity["fields"] {
  const fields: ChangedEntity["fields"] = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (json(a[key]) !== json(b[key])) fields[key] = [a[key] ?? null, b[key] ?? null];
  }
  return fields;
}

/**
 * Every entity in `to` and not in `from` (added), the reverse (removed), and those in both whose
 * fields differ (changed), in the topology's own order. The topologies' times are not compared.
 */
export function diffTopologies(from: Topology, to: Topology): TopologyDiff {
  const diff: TopologyDiff = { added: {}, removed: {}, changed: [] };
  for (const kind of ENTITY_KINDS) {
    const before = new Map((from[kind] as Entity[]).map((e) => [e.id, e]));
    const after = to[kind] as Entity[];
    const afterIds = new Set(after.map((e) => e.id));
    const added: string[] = [];
    for (const e of after) {
      const old = before.get(e.id);
      if (!old) {
        added.push(e.id);
        continue;
      }
      const fields = changedFields(old, e);
      if (Object.keys(fields).length) diff.changed.push({ kind, id: e.id, fields });
    }
    const removed = [...before.keys()].filter((id) => !afterIds.has(id));
    if (added.length) diff.added[kind] = added;
    if (removed.length) diff.removed[kind] = removed;
  }
  return diff;
}
