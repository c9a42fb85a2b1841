// What a recorded change says besides its patch: which engine it came from and its plain words.
// Pure: the recorder runs it off the live path, the tests on recorded engine states.
import { describePatch, type ActivityItem } from "@/lib/topology/describe-patch";
import { ENTITY_KINDS, type EntityKind, type TopologyPatch } from "@/lib/topology/patch";
import type { Topology } from "@/lib/topology/types";

type Entity = { id: string; engineId?: string | null; containerId?: string | null };

/** The engine an entity of `kind` belongs to, when it says so. */
function engineOf(kind: EntityKind, entity: Entity): string | null {
  if (kind === "engines") return entity.id;
  return typeof entity.engineId === "string" ? entity.engineId : null;
}

/**
 * The one engine whose entities `patch` touches (what it upserts, and what it removes as `before`
 * had it); with one engine configured, that engine. Null when the patch spans several engines, or
 * touches only what belongs to none (a swarm network, services, tasks) with several configured.
 */
export function engineIdOf(before: Topology, patch: TopologyPatch): string | null {
  const found = new Set<string>();
  for (const kind of ENTITY_KINDS) {
    for (const e of (patch.upserts[kind] ?? []) as Entity[]) {
      const id = engineOf(kind, e);
      if (id) found.add(id);
    }
    const removed = patch.removals[kind];
    if (!removed?.length) continue;
    const gone = new Set(removed);
    for (const e of before[kind] as Entity[]) {
      if (!gone.has(e.id)) continue;
      const id = engineOf(kind, e);
      if (id) found.add(id);
    }
  }
  if (found.size === 1) return [...found][0] ?? null;
  if (found.size === 0 && before.engines.length === 1) return before.engines[0]?.id ?? null;
  return null;
}

/**
 * A patch the activity feed has no line for (an engine's version, a swarm node's state, a
 * container's labels): what kinds it touches, so the summary is never empty.
 */
function countsSummary(patch: TopologyPatch): string {
  const parts: string[] = [];
  for (const kind of ENTITY_KINDS) {
    const n = (patch.upserts[kind]?.length ?? 0) + (patch.removals[kind]?.length ?? 0);
    if (n) parts.push(`${n} ${n === 1 ? kind.replace(/s$/, "") : kind}`);
  }
  return `${parts.join(", ")} changed`;
}

/** An engine going down or coming back: the feed shows it as a banner, history as a line. */
function engineItems(before: Topology, patch: TopologyPatch): ActivityItem[] {
  const was = new Map(before.engines.map((e) => [e.id, e]));
  return (patch.upserts.engines ?? []).flatMap((e): ActivityItem[] => {
    const old = was.get(e.id);
    if (!old || old.status === e.status) return [];
    const down = e.status === "down";
    return [
      {
        id: `engine:${e.id}:${e.status}`,
        time: patch.generatedAt,
        text: down
          ? `engine ${e.name} down${e.message ? ` (${e.message})` : ""}`
          : `engine ${e.name} up again`,
        target: null,
        tone: down ? "remove" : "add",
      },
    ];
  });
}

/** The change in plain words, as the activity feed has it, and the feed's lines. */
export function describeChange(
  before: Topology,
  patch: TopologyPatch,
): { summary: string; items: ActivityItem[] } {
  const items = [...engineItems(before, patch), ...describePatch(before, patch)];
  const summary = items.length ? items.map((i) => i.text).join("; ") : countsSummary(patch);
  return { summary, items };
}
