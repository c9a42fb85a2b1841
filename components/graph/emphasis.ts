// What the map shows bright, dim or ringed: the selection's neighbourhood, a reachability or
// exposure answer's roles, an engine that does not answer, a stopped box. The same rules the SVG
// renderer applies as attributes (svg-renderer's applySelection, highlight-layer's roles), as
// numbers a painter can multiply.
import type { GraphLink, GraphModel, GraphNode } from "@/lib/graph/graph-model";
import type { GraphHighlight, HighlightRole } from "@/lib/graph/highlight";
import { relatedTo, type GraphTarget } from "@/lib/graph/selection";
import { DIM_OPACITY, DOWN_OPACITY, stoppedOpacity } from "./graph-style";

/** What globals.css's `.nl-dim` multiplies in: left out of a highlight that dims the rest. */
const HIGHLIGHT_DIM = 0.13;
/** What globals.css gives something removed since a moment: a ghost of what was there. */
const REMOVED_GHOST = 0.38;

export type Emphasis = {
  /**
   * The selection's dimming, a stopped box's and a down engine's: the `opacity` the SVG map
   * writes (its stylesheet dims what a highlight leaves out, over it).
   */
  nodeOpacity(node: GraphNode): number;
  linkOpacity(link: GraphLink): number;
  /** The same with a highlight's dimming multiplied in: what the canvas paints. */
  nodeAlpha(node: GraphNode): number;
  linkAlpha(link: GraphLink): number;
  /** Drawn with the selection ring (nodes) or thicker (links). */
  primary(id: string): boolean;
  /** A part drawn with a node (a port chip): dimmed when a highlight leaves it out. */
  partAlpha(id: string): number;
  nodeRole(id: string): HighlightRole | null;
  linkRole(id: string): HighlightRole | null;
};

export function computeEmphasis(
  model: GraphModel,
  selection: GraphTarget | null,
  highlight: GraphHighlight | null,
): Emphasis {
  const down = new Set(model.regions.filter((r) => r.status === "down").map((r) => r.id));
  const downNodes = new Set(
    model.nodes.filter((n) => n.region && down.has(n.region)).map((n) => n.id),
  );
  const related = selection ? relatedTo(model, selection) : null;
  const active = related !== null && (related.nodes.size > 0 || related.links.size > 0);
  // A highlight that dims the map decides what is dim; the selection keeps only its ring.
  const dimOthers = highlight?.dimOthers ?? false;
  const selectionDims = active && !dimOthers;
  const highlightAlpha = (map: "nodes" | "links", id: string) => {
    const role = highlight?.[map].get(id);
    if (role === "removed") return REMOVED_GHOST;
    return dimOthers && role === undefined ? HIGHLIGHT_DIM : 1;
  };

  const nodeOpacity = (node: GraphNode) => {
    const own =
      !selectionDims || related.nodes.has(node.id)
        ? node.kind === "sandbox" && node.stopped
          ? stoppedOpacity(node)
          : 1
        : DIM_OPACITY;
    return own * (downNodes.has(node.id) ? DOWN_OPACITY : 1);
  };
  const linkOpacity = (link: GraphLink) => {
    const own = !selectionDims || related.links.has(link.id) ? 1 : DIM_OPACITY;
    const isDown = downNodes.has(link.source) || downNodes.has(link.target);
    return own * (isDown ? DOWN_OPACITY : 1);
  };

  return {
    nodeOpacity,
    linkOpacity,
    nodeAlpha: (node) => nodeOpacity(node) * highlightAlpha("nodes", node.id),
    linkAlpha: (link) => linkOpacity(link) * highlightAlpha("links", link.id),
    primary: (id) => active && related.primary.has(id),
    partAlpha: (id) => highlightAlpha("links", id),
    nodeRole: (id) => highlight?.nodes.get(id) ?? null,
    linkRole: (id) => highlight?.links.get(id) ?? null,
  };
}
