// "Changes since…" on the map: what was added, removed and changed between two moments, as a
// highlight over the graph model (the renderer colours it like a reach answer), with what was
// removed put back from the earlier topology so it can be drawn as a ghost. Pure.
import type { EntityKind, TopologyDiff } from "../history/types";
import type { Topology } from "../topology/types";
import type { GraphModel, GraphNode } from "./graph-model";
import type { GraphHighlight, HighlightRole } from "./highlight";

type ChangeRole = Extract<HighlightRole, "added" | "removed" | "changed">;

/** What a ghost may be: things drawn on the map (not engines or swarm nodes, which are regions). */
const GHOST_KINDS = [
  "networks",
  "containers",
  "sandboxes",
  "endpoints",
  "services",
  "tasks",
] as const;

type Entity = { id: string };

/**
 * `current` plus what `diff` says was removed since `earlier`, taken from `earlier`: the map then
 * draws the removed things where they were, for the highlight to mark as ghosts.
 */
export function withRemoved(current: Topology, earlier: Topology, diff: TopologyDiff): Topology {
  let out: Topology = current;
  for (const kind of GHOST_KINDS) {
    const removed = new Set(diff.removed[kind] ?? []);
    if (removed.size === 0) continue;
    const list: readonly Entity[] = current[kind];
    const present = new Set(list.map((e) => e.id));
    const ghosts = (earlier[kind] as readonly Entity[]).filter(
      (e) => removed.has(e.id) && !present.has(e.id),
    );
    if (ghosts.length > 0) out = { ...out, [kind]: [...list, ...ghosts] };
  }
  return out;
}

/** Added or removed outweighs changed: a new box that also changed is new. */
function mark(map: Map<string, HighlightRole>, id: string | undefined, role: ChangeRole) {
  if (id === undefined) return;
  const current = map.get(id);
  if (current === undefined || current === "changed") map.set(id, role);
}

/** The nodes an entity of `kind` is drawn as (a container: every box it is listed in). */
function nodesOf(model: GraphModel, kind: EntityKind, id: string): GraphNode[] {
  switch (kind) {
    case "networks":
    case "sandboxes":
      return model.nodes.filter((n) => n.id === id);
    case "containers":
      return model.nodes.filter((n) => n.kind === "sandbox" && n.containerIds.includes(id));
    case "services":
      return model.nodes.filter((n) => n.kind === "service" && n.serviceId === id);
    case "tasks":
      return model.nodes.filter((n) => n.kind === "remoteTask" && n.taskId === id);
    default:
      return [];
  }
}

/**
 * What else an entity of `kind` is drawn as, keyed as links are: an endpoint's line, a
 * container's published-port chips.
 */
function linksOf(model: GraphModel, kind: EntityKind, id: string): string[] {
  if (kind === "endpoints") {
    return model.links.filter((l) => l.kind === "endpoint" && l.endpointId === id).map((l) => l.id);
  }
  if (kind === "containers") {
    return model.nodes.flatMap((n) =>
      n.kind === "sandbox" ? n.ports.filter((p) => p.containerId === id).map((p) => p.id) : [],
    );
  }
  return [];
}

/**
 * Marks what `diff` names on `model` (drawn from `withRemoved`): added, removed (a ghost) and
 * changed. A container added to or gone from a shared box changes the box rather than adding it.
 */
export function changesHighlight(model: GraphModel, diff: TopologyDiff): GraphHighlight {
  const nodes = new Map<string, HighlightRole>();
  const links = new Map<string, HighlightRole>();
  const apply = (kind: EntityKind, id: string, role: ChangeRole) => {
    for (const node of nodesOf(model, kind, id)) {
      const shared =
        kind === "containers" && node.kind === "sandbox" && node.containerIds.length > 1;
      mark(nodes, node.id, shared ? "changed" : role);
    }
    for (const link of linksOf(model, kind, id)) mark(links, link, role);
  };
  for (const [kind, ids] of Object.entries(diff.added) as [EntityKind, string[]][]) {
    for (const id of ids) apply(kind, id, "added");
  }
  for (const [kind, ids] of Object.entries(diff.removed) as [EntityKind, string[]][]) {
    for (const id of ids) apply(kind, id, "removed");
  }
  for (const change of diff.changed) apply(change.kind, change.id, "changed");
  return {
    kind: "changes",
    nodes,
    links,
    // The rest of the map stays as it is: the colours are enough, and it is still the live map.
    dimOthers: false,
    ends: { from: null, to: null },
    marks: [],
  };
}

/** How many things each way, for a line above the list: "2 added · 1 removed · 3 changed". */
export function diffCounts(diff: TopologyDiff): Record<ChangeRole, number> {
  const count = (side: TopologyDiff["added"]) =>
    Object.values(side).reduce((sum, ids) => sum + (ids?.length ?? 0), 0);
  return { added: count(diff.added), removed: count(diff.removed), changed: diff.changed.length };
}
