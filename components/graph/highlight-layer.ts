// Emphasis over the drawn map (a reachability answer, exposure): roles and dimming as attributes
// and classes on the elements already there, plus a few marks of its own (a host gateway, a break
// between two boxes, loopback). Applying it is one pass of attribute toggles; nothing is redrawn.
import { select, type Selection } from "d3";
import type { GraphNode } from "@/lib/graph/graph-model";
import type { GraphHighlight, HighlightMark } from "@/lib/graph/highlight";
import type { AnySelection } from "./d3-joins";
import type { Point } from "./force-layout";
import { BG, SANS } from "./graph-style";

const ROUTE_COLOR = "#34d399";
const BREAK_COLOR = "#fb7185";
const BADGE_FONT = 10.5;

/** Where a node is drawn: its centre and half extent (a hub is round). */
export type NodeBox = {
  x: number;
  y: number;
  halfWidth: number;
  halfHeight: number;
  round: boolean;
};

type LineMark = Extract<HighlightMark, { kind: "line" }>;
type Group = Selection<SVGGElement, unknown, null, undefined>;

/** Where the segment from a node's centre towards `to` leaves the node. */
function edgePoint(box: NodeBox, to: Point): Point {
  const dx = to.x - box.x;
  const dy = to.y - box.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return { x: box.x, y: box.y };
  const t = box.round
    ? box.halfWidth / length
    : Math.min(
        dx === 0 ? Infinity : box.halfWidth / Math.abs(dx),
        dy === 0 ? Infinity : box.halfHeight / Math.abs(dy),
      );
  return { x: box.x + dx * Math.min(t, 1), y: box.y + dy * Math.min(t, 1) };
}

const badgeWidth = (text: string) => text.length * BADGE_FONT * 0.58 + 14;

/** Dim what the highlight leaves out; write each kept element's role as `data-<kind>`. */
function applyRoles<E extends SVGElement, D extends { id: string }>(
  sel: AnySelection<E, D>,
  h: GraphHighlight | null,
  map: "nodes" | "links",
): AnySelection<E, D> {
  const roleIn = (kind: GraphHighlight["kind"]) => (d: D) =>
    h?.kind === kind ? (h[map].get(d.id) ?? null) : null;
  return sel
    .classed("nl-dim", (d) => (h?.dimOthers ?? false) && !h?.[map].has(d.id))
    .attr("data-reach", roleIn("reach"))
    .attr("data-exposure", roleIn("exposure"));
}

/**
 * `below` sits under the nodes (the lines), `above` over everything (badges, the break's cross
 * and the lines' labels), so a mark never hides the box it is about.
 */
export function createHighlightLayer(below: Group, above: Group) {
  let highlight: GraphHighlight | null = null;
  let lines: Selection<SVGLineElement, LineMark, SVGGElement, unknown> = below.selectAll("line");
  let tags: Selection<SVGGElement, HighlightMark, SVGGElement, unknown> = above.selectAll("g");
  /** The node ids the marks hang on: a tick that moved none of them leaves the marks alone. */
  let anchors = new Set<string>();

  function drawMarks(marks: HighlightMark[]) {
    const lineMarks = marks.filter((m): m is LineMark => m.kind === "line");
    anchors = new Set(marks.flatMap((m) => (m.kind === "line" ? [m.source, m.target] : [m.node])));
    lines = below
      .selectAll<SVGLineElement, LineMark>("line.reach-mark")
      .data(lineMarks, (d) => d.id)
      .join("line")
      .attr("class", "reach-mark")
      .attr("data-testid", (d) => (d.role === "break" ? "reach-break" : "reach-line"))
      .attr("data-reach", (d) => d.role)
      .attr("stroke", (d) => (d.role === "break" ? BREAK_COLOR : ROUTE_COLOR))
      .attr("stroke-width", (d) => (d.role === "break" ? 2.2 : 2.6))
      .attr("stroke-dasharray", (d) => (d.role === "break" ? "6 5" : "7 4"))
      .attr("stroke-linecap", "round")
      .style("pointer-events", "none");
    // Over the map: a cross on a break, a label on a line that has one, each badge.
    const overlays = marks.filter((m) => m.kind === "badge" || m.role === "break" || m.label);
    tags = above
      .selectAll<SVGGElement, HighlightMark>("g.reach-tag")
      .data(overlays, (d) => d.id)
      .join((enter) => {
        const g = enter.append("g").attr("class", "reach-tag").style("pointer-events", "none");
        g.append("rect");
        g.append("text");
        return g;
      })
      .attr("data-testid", (d) => (d.kind === "badge" ? "reach-badge" : "reach-mark-label"))
      .attr("data-reach", (d) => d.role)
      .each(function (d) {
        drawTag(select<SVGGElement, HighlightMark>(this), d);
      });
  }

  function drawTag(g: Selection<SVGGElement, HighlightMark, null, undefined>, d: HighlightMark) {
    const color = d.role === "break" ? BREAK_COLOR : ROUTE_COLOR;
    const text = d.kind === "badge" ? d.text : d.role === "break" ? "✕" : (d.label ?? "");
    const cross = d.kind === "line" && d.role === "break";
    const width = cross ? 20 : badgeWidth(text);
    g.select("rect")
      .attr("x", -width / 2)
      .attr("y", -10)
      .attr("width", width)
      .attr("height", 20)
      .attr("rx", 10)
      .attr("fill", BG)
      .attr("stroke", color)
      .attr("stroke-width", 1.4);
    g.select("text")
      .attr("text-anchor", "middle")
      .attr("y", cross ? 4.5 : 3.6)
      .attr("font-family", SANS)
      .attr("font-size", cross ? 13 : BADGE_FONT)
      .attr("font-weight", 600)
      .attr("fill", color)
      .text(text);
  }

  return {
    current: () => highlight,

    set(next: GraphHighlight | null) {
      highlight = next;
      drawMarks(next?.marks ?? []);
    },

    /** Roles and dimming on the drawn nodes; again after every setData, for the newcomers. */
    applyToNodes(nodes: AnySelection<SVGGElement, GraphNode>) {
      const h = highlight;
      applyRoles(nodes, h, "nodes").attr("data-reach-end", (d) => {
        if (!h) return null;
        const from = h.ends.from === d.id;
        const to = h.ends.to === d.id;
        return from && to ? "both" : from ? "from" : to ? "to" : null;
      });
    },

    /** The same for links and what hangs off them (keyed by the link's id). */
    applyToLinks<E extends SVGElement, D extends { id: string }>(links: AnySelection<E, D>) {
      applyRoles(links, highlight, "links");
    },

    /** Put the marks where their nodes are; `moved` null places them all. */
    place(boxOf: (id: string) => NodeBox | null, moved: Set<string> | null) {
      if (anchors.size === 0) return;
      if (moved && ![...anchors].some((id) => moved.has(id))) return;
      const ends = new Map<string, { from: Point; to: Point }>();
      lines.each(function (d) {
        const a = boxOf(d.source);
        const b = boxOf(d.target);
        const line = select(this);
        if (!a || !b) {
          line.attr("visibility", "hidden");
          return;
        }
        const from = edgePoint(a, b);
        const to = edgePoint(b, a);
        ends.set(d.id, { from, to });
        line
          .attr("visibility", null)
          .attr("x1", from.x)
          .attr("y1", from.y)
          .attr("x2", to.x)
          .attr("y2", to.y);
      });
      tags.each(function (d) {
        let at: Point | null = null;
        if (d.kind === "line") {
          const end = ends.get(d.id);
          if (end) at = { x: (end.from.x + end.to.x) / 2, y: (end.from.y + end.to.y) / 2 };
        } else {
          const box = boxOf(d.node);
          if (box) at = { x: box.x, y: box.y - box.halfHeight - 14 };
        }
        select(this)
          .attr("visibility", at ? null : "hidden")
          .attr("transform", at ? `translate(${at.x},${at.y})` : null);
      });
    },
  };
}
