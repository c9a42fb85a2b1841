// A collapsed group on the map: one box standing for a compose project's (a stack's, a node's, an
// engine's) containers, and one line to each network they are on, labelled with how many of their
// endpoints it carries. Positions come from the layout, as for every node.
import type { GraphLink } from "@/lib/graph/graph-model";
import {
  GROUP_BY_LABELS,
  groupCountsLine,
  type GroupLink,
  type GroupNode,
} from "@/lib/graph/grouping";
import { select } from "d3";
import { changed, fadeOut, type AnySelection } from "./d3-joins";
import { joinBox, joinSelectRing } from "./draw-box";
import type { Point } from "./force-layout";
import {
  BG,
  BOX_FILL,
  GROUP_NAME_FONT,
  GROUP_NAME_H,
  HEADER_H,
  LINE_H,
  MAX_NAME_CHARS,
  MONO,
  MUTED,
  NAME_FONT,
  PAD_X,
  PAD_Y,
  SANS,
  TEXT,
  groupHeader,
  rectBorderPoint,
  truncate,
  type Size,
} from "./graph-style";

/** Distinct from every driver's colour: a group is not a network. */
const GROUP_COLOR = "var(--nl-group, #2dd4bf)";
/** The cards stacked behind a group's box: many boxes folded into one. */
const STACK_OFFSET = 4;

export function groupTooltip(node: GroupNode): string {
  return `${GROUP_BY_LABELS[node.by]} ${node.key}\n${groupCountsLine(node)}\nclick to expand`;
}

export function drawGroup<D>(g: AnySelection<SVGGElement, D>, node: GroupNode, size: Size) {
  g.attr("data-testid", "graph-group")
    .attr("data-id", node.id)
    .attr("data-by", node.by)
    .attr("data-name", node.key)
    .attr("data-running", node.running)
    .attr("data-stopped", node.stopped)
    .attr("data-sandboxes", node.sandboxes);
  g.selectAll("title").data([null]).join("title").text(groupTooltip(node));

  const x = -size.width / 2;
  const y = -size.height / 2;
  g.selectAll<SVGRectElement, number>("rect.stack")
    .data([2, 1])
    .join("rect")
    .attr("class", "stack")
    .attr("x", (d) => x + d * STACK_OFFSET)
    .attr("y", (d) => y + d * STACK_OFFSET)
    .attr("width", size.width)
    .attr("height", size.height)
    .attr("rx", 8)
    .attr("fill", BOX_FILL)
    .attr("stroke", GROUP_COLOR)
    .attr("stroke-opacity", (d) => 0.55 - d * 0.15);
  joinBox(g, { x, y, width: size.width, height: size.height, rx: 8 })
    .attr("fill", BOX_FILL)
    .attr("stroke", GROUP_COLOR)
    .attr("stroke-width", 1.8);

  const lines = [
    { cls: "box-header", text: groupHeader(node).toUpperCase(), size: 9.5, weight: 600 },
    {
      cls: "group-name",
      text: truncate(node.key, MAX_NAME_CHARS),
      size: GROUP_NAME_FONT,
      weight: 700,
    },
    { cls: "group-counts", text: groupCountsLine(node), size: NAME_FONT, weight: 400 },
    { cls: "group-hint", text: "▸ click to expand", size: 10, weight: 400 },
  ];
  const baselines = [
    y + PAD_Y + 10,
    y + PAD_Y + HEADER_H + GROUP_NAME_H - 5,
    y + PAD_Y + HEADER_H + GROUP_NAME_H + LINE_H - 4,
    y + PAD_Y + HEADER_H + GROUP_NAME_H + 2 * LINE_H - 4,
  ];
  g.selectAll<SVGTextElement, (typeof lines)[number]>("text.group-line")
    .data(lines)
    .join("text")
    .attr("class", (d) => `group-line ${d.cls}`)
    .attr("data-testid", (d) => (d.cls === "group-counts" ? "group-counts" : null))
    .attr("x", x + PAD_X)
    .attr("y", (_d, i) => baselines[i] ?? 0)
    .attr("font-family", SANS)
    .attr("font-size", (d) => d.size)
    .attr("font-weight", (d) => d.weight)
    .attr("letter-spacing", (d) => (d.cls === "box-header" ? "0.04em" : null))
    .attr("fill", (d) =>
      d.cls === "box-header" ? GROUP_COLOR : d.cls === "group-name" ? TEXT : MUTED,
    )
    .text((d) => d.text);

  // Around the whole stack of cards.
  const stack = 2 * STACK_OFFSET;
  joinSelectRing(g, { x, y, width: size.width + stack, height: size.height + stack, rx: 8 }, 11);
}

/** "×3": the member endpoints a group's line to a network stands for (stopped members: "+1"). */
export function groupLinkLabel(link: GroupLink): string {
  return [
    link.endpoints > 0 ? `×${link.endpoints}` : null,
    link.configured > 0 ? `+${link.configured} stopped` : null,
  ]
    .filter((part): part is string => part !== null)
    .join(" ");
}

/**
 * The lines from collapsed groups to their networks, each a line and its count, in the links'
 * layer. The renderer passes its own enter hook (to mark what is new) and tells it what moved.
 */
export function createGroupLinkLayer(
  layer: AnySelection<SVGGElement, unknown>,
  positionOf: (id: string) => Point | undefined,
  sizeOf: (id: string) => Size | undefined,
) {
  let sel = layer.selectAll<SVGGElement, GroupLink>("g.group-link");

  function set(
    links: readonly GraphLink[],
    colorOf: (networkId: string) => string | undefined,
    onEnter: (this: Element) => void,
  ) {
    sel = layer
      .selectAll<SVGGElement, GroupLink>("g.group-link")
      .data(
        links.filter((l): l is GroupLink => l.kind === "group"),
        (d) => d.id,
      )
      .join(
        (enter) => {
          const g = enter.append("g");
          g.append("line");
          g.append("text");
          return g.each(onEnter);
        },
        (update) => update,
        (exit) => fadeOut(exit, "group-link"),
      )
      .classed("group-link", true);
    const fresh = changed(sel)
      .attr("data-testid", "graph-group-link")
      .attr("data-id", (d) => d.id)
      .attr("data-endpoints", (d) => d.endpoints);
    fresh
      .select("line")
      .attr("stroke", (d) => colorOf(d.target) ?? MUTED)
      .attr("stroke-opacity", 0.6)
      // Wider the more endpoints it stands for, but never a band.
      .attr("stroke-width", (d) => Math.min(6, 1.6 + Math.log2(Math.max(1, d.endpoints))))
      .attr("stroke-dasharray", (d) => (d.endpoints === 0 ? "5 4" : null));
    fresh
      .select("text")
      .attr("text-anchor", "middle")
      .attr("font-family", MONO)
      .attr("font-size", 10)
      .attr("fill", TEXT)
      .attr("paint-order", "stroke")
      .attr("stroke", BG)
      .attr("stroke-width", 3)
      .text(groupLinkLabel);
  }

  /** Draw the lines whose ends moved (or that are new), from the group's box to the hub. */
  function place(touched: (d: GroupLink) => boolean) {
    sel.filter(touched).each(function (d) {
      const s = positionOf(d.source);
      const t = positionOf(d.target);
      const size = sizeOf(d.source);
      if (!s || !t || !size) return;
      const from = rectBorderPoint(s, size, t);
      const g = select(this);
      g.select("line").attr("x1", from.x).attr("y1", from.y).attr("x2", t.x).attr("y2", t.y);
      g.select("text")
        .attr("x", (from.x + t.x) / 2)
        .attr("y", (from.y + t.y) / 2 + 3);
    });
  }

  return { set, place, selection: () => sel };
}
