// Emphasis over the drawn map (a reachability answer, exposure, changes since a moment): roles
// and dimming as attributes and classes on the elements already there, plus a few marks of its own
// (a host gateway, a break between two boxes, loopback). Applying it is one pass of attribute
// toggles; nothing is redrawn.
import { select, type Selection } from "d3";
import type { GraphNode } from "@/lib/graph/graph-model";
import type { GraphHighlight, HighlightMark } from "@/lib/graph/highlight";
import type { AnySelection } from "./d3-joins";
import type { Point } from "./force-layout";
import { BG, SANS, rectBorderPoint } from "./graph-style";

const ROUTE_COLOR = "#34d399";
const BREAK_COLOR = "#fb7185";
const END_COLOR = "#38bdf8";
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
  if (!box.round) {
    return rectBorderPoint(box, { width: 2 * box.halfWidth, height: 2 * box.halfHeight }, to);
  }
  const length = Math.hypot(to.x - box.x, to.y - box.y);
  const t = length === 0 ? 0 : Math.min(box.halfWidth / length, 1);
  return { x: box.x + (to.x - box.x) * t, y: box.y + (to.y - box.y) * t };
}

const tagWidth = (t: Tag) =>
  t.text.length * (t.shape === "tab" ? 9.5 * 0.72 : BADGE_FONT * 0.58) +
  (t.shape === "tab" ? 10 : 14);

/** Where a tag goes: a line's middle, above a node, or on a box's top-left corner. */
function tagPoint(
  t: Tag,
  lineEnds: Map<string, { from: Point; to: Point }>,
  boxOf: (id: string) => NodeBox | null,
): Point | null {
  if ("line" in t.at) {
    const end = lineEnds.get(t.at.line);
    return end ? { x: (end.from.x + end.to.x) / 2, y: (end.from.y + end.to.y) / 2 } : null;
  }
  const box = boxOf(t.at.node);
  if (!box) return null;
  const top = box.y - box.halfHeight;
  if (t.at.place === "corner" && !box.round) {
    return { x: box.x - box.halfWidth + tagWidth(t) / 2, y: top - 7 };
  }
  return {
    x: box.x,
    y: top - (t.at.place === "above-end" ? 36 : t.at.place === "corner" ? 12 : 14),
  };
}

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
    .attr("data-exposure", roleIn("exposure"))
    .attr("data-change", roleIn("changes"));
}

/** A label over the map: on a line's middle (a break's cross, a gateway), or at a node. */
type Tag = {
  id: string;
  role: "route" | "break" | "end";
  text: string;
  shape: "pill" | "cross" | "tab";
  at: { line: string } | { node: string; place: "above" | "above-end" | "corner" };
};

const TAG_COLORS = { route: ROUTE_COLOR, break: BREAK_COLOR, end: END_COLOR } as const;

function tagsOf(h: GraphHighlight): Tag[] {
  const tags: Tag[] = [];
  const ends = new Set([h.ends.from, h.ends.to].filter((id): id is string => id !== null));
  for (const m of h.marks) {
    if (m.kind === "badge") {
      // Above an end's own tab, not on it.
      const place = ends.has(m.node) ? "above-end" : "above";
      tags.push({
        id: m.id,
        role: m.role,
        text: m.text,
        shape: "pill",
        at: { node: m.node, place },
      });
    } else if (m.role === "break") {
      tags.push({ id: m.id, role: "break", text: "✕", shape: "cross", at: { line: m.id } });
    } else if (m.label) {
      tags.push({ id: m.id, role: m.role, text: m.label, shape: "pill", at: { line: m.id } });
    }
  }
  for (const node of ends) {
    const from = h.ends.from === node;
    const to = h.ends.to === node;
    const text = from && to ? "FROM · TO" : from ? "FROM" : "TO";
    tags.push({
      id: `end:${node}`,
      role: "end",
      text,
      shape: "tab",
      at: { node, place: "corner" },
    });
  }
  return tags;
}

/**
 * `below` sits under the nodes (the lines), `above` over everything (badges, the break's cross
 * and the lines' labels), so a mark never hides the box it is about.
 */
export function createHighlightLayer(below: Group, above: Group) {
  let highlight: GraphHighlight | null = null;
  let lines: Selection<SVGLineElement, LineMark, SVGGElement, unknown> = below.selectAll("line");
  let tags: Selection<SVGGElement, Tag, SVGGElement, unknown> = above.selectAll("g");
  /** The node ids the marks hang on: a tick that moved none of them leaves the marks alone. */
  let anchors = new Set<string>();

  function draw(h: GraphHighlight | null) {
    const marks = h?.marks ?? [];
    const lineMarks = marks.filter((m): m is LineMark => m.kind === "line");
    const tagData = h ? tagsOf(h) : [];
    anchors = new Set([
      ...lineMarks.flatMap((m) => [m.source, m.target]),
      ...tagData.flatMap((t) => ("node" in t.at ? [t.at.node] : [])),
    ]);
    lines = below
      .selectAll<SVGLineElement, LineMark>("line.reach-mark")
      .data(lineMarks, (d) => d.id)
      .join("line")
      .attr("class", "reach-mark")
      .attr("data-testid", (d) => (d.role === "break" ? "reach-break" : "reach-line"))
      .attr("data-reach", (d) => d.role)
      .attr("stroke", (d) => TAG_COLORS[d.role])
      .attr("stroke-width", (d) => (d.role === "break" ? 2.2 : 2.6))
      .attr("stroke-dasharray", (d) => (d.role === "break" ? "6 5" : "7 4"))
      .attr("stroke-linecap", "round")
      .style("pointer-events", "none");
    tags = above
      .selectAll<SVGGElement, Tag>("g.reach-tag")
      .data(tagData, (d) => d.id)
      .join((enter) => {
        const g = enter.append("g").attr("class", "reach-tag").style("pointer-events", "none");
        g.append("rect");
        g.append("text");
        return g;
      })
      .attr("data-testid", (d) => `reach-tag-${d.shape}`)
      .attr("data-reach", (d) => d.role)
      .each(function (d) {
        drawTag(select<SVGGElement, Tag>(this), d);
      });
  }

  function drawTag(g: Selection<SVGGElement, Tag, null, undefined>, d: Tag) {
    const color = TAG_COLORS[d.role];
    const width = d.shape === "cross" ? 20 : tagWidth(d);
    const height = d.shape === "tab" ? 16 : 20;
    g.select("rect")
      .attr("x", -width / 2)
      .attr("y", -height / 2)
      .attr("width", width)
      .attr("height", height)
      .attr("rx", d.shape === "tab" ? 4 : height / 2)
      .attr("fill", d.shape === "tab" ? color : BG)
      .attr("stroke", color)
      .attr("stroke-width", 1.4);
    g.select("text")
      .attr("text-anchor", "middle")
      .attr("y", d.shape === "cross" ? 4.5 : d.shape === "tab" ? 3.4 : 3.6)
      .attr("font-family", SANS)
      .attr("font-size", d.shape === "cross" ? 13 : d.shape === "tab" ? 9.5 : BADGE_FONT)
      .attr("font-weight", d.shape === "tab" ? 700 : 600)
      .attr("letter-spacing", d.shape === "tab" ? "0.06em" : null)
      .attr("fill", d.shape === "tab" ? BG : color)
      .text(d.text);
  }

  return {
    current: () => highlight,

    set(next: GraphHighlight | null) {
      highlight = next;
      draw(next);
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
      const lineEnds = new Map<string, { from: Point; to: Point }>();
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
        lineEnds.set(d.id, { from, to });
        line
          .attr("visibility", null)
          .attr("x1", from.x)
          .attr("y1", from.y)
          .attr("x2", to.x)
          .attr("y2", to.y);
      });
      tags.each(function (d) {
        const at = tagPoint(d, lineEnds, boxOf);
        select(this)
          .attr("visibility", at ? null : "hidden")
          .attr("transform", at ? `translate(${at.x},${at.y})` : null);
      });
    },
  };
}
