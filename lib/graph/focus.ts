// Focus mode: one container (or network, or group) with its neighbourhood only, everything else
// hidden. A hop is a step along an endpoint: a box to its networks, a network to its boxes.
// Pure: no DOM, no d3.
import { keepNodes, type GraphModel } from "./graph-model";
import { nodeIdOfTarget, type GraphTarget } from "./selection";

export type FocusHops = 1 | 2;

export type ViewFocus = { target: GraphTarget; hops: FocusHops };

/** What can be focused: what stands on the map as a box or a hub. */
export function canFocus(target: GraphTarget): boolean {
  return ["container", "sandbox", "network", "group"].includes(target.kind);
}

/** Links that say "this box is on that network"; a service's tasks or published ports do not. */
const MEMBERSHIP_KINDS = new Set(["endpoint", "stopped", "group"]);

/** The node a focus starts from: the target's own, or the group it is folded into. */
export function focusNodeId(model: GraphModel, target: GraphTarget): string | undefined {
  const own = nodeIdOfTarget(model, target);
  if (own !== undefined || (target.kind !== "container" && target.kind !== "sandbox")) return own;
  return model.nodes.find(
    (n) =>
      n.kind === "group" &&
      (target.kind === "container" ? n.containerIds : n.sandboxIds).includes(target.id),
  )?.id;
}

/**
 * Only what lies within `hops` of the focus: a container's box, its networks (1), the other boxes
 * on them (2); a network, its boxes (1), their other networks (2). A focus that is not on the map
 * (gone, or hidden by a filter) leaves the map whole rather than blank.
 */
export function focusGraphModel(model: GraphModel, focus: ViewFocus): GraphModel {
  const start = focusNodeId(model, focus.target);
  if (start === undefined) return model;
  const neighbours = new Map<string, string[]>();
  const connect = (a: string, b: string) => {
    const list = neighbours.get(a);
    if (list) list.push(b);
    else neighbours.set(a, [b]);
  };
  for (const link of model.links) {
    if (!MEMBERSHIP_KINDS.has(link.kind)) continue;
    connect(link.source, link.target);
    connect(link.target, link.source);
  }
  const kept = new Set([start]);
  let frontier = [start];
  for (let hop = 0; hop < focus.hops; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const other of neighbours.get(id) ?? []) {
        if (kept.has(other)) continue;
        kept.add(other);
        next.push(other);
      }
    }
    frontier = next;
  }
  return keepNodes(model, kept);
}
