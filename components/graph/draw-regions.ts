// Each engine's part of the map as a backdrop behind its nodes, labelled with the engine, its host
// and its place in the swarm; an engine that does not answer is marked so in its own region.
// The backdrop follows its nodes on every tick; it never moves them.
import { select } from "d3";
import type { GraphNode } from "@/lib/graph/graph-model";
import type { GraphTarget } from "@/lib/graph/selection";
import type { GraphRegion } from "@/lib/graph/swarm-graph";
import { activate, type AnySelection } from "./d3-joins";
import type { Point } from "./force-layout";
import {
  FAILED_STROKE,
  FAILED_TEXT,
  MUTED,
  REGION_DOWN_FILL,
  REGION_FILL,
  REGION_STROKE,
  SANS,
  SELECT_COLOR,
  TEXT,
  truncate,
  type Size,
} from "./graph-style";

const PAD = 26;
/** Room above the nodes for the region's label (and banner, when down). */
const LABEL_BAND = 48;
const BANNER_BAND = 20;

type Box = { x0: number; y0: number; x1: number; y1: number };

/** "node1 · manager · active · ready", with the host name when it differs from the engine's. */
export function regionDetails(region: GraphRegion): string {
  return [
    region.hostname,
    region.role,
    region.engineId === null ? "not reached" : null,
    region.availability && region.availability !== "active" ? region.availability : null,
    region.nodeState && region.nodeState !== "ready" ? `node ${region.nodeState}` : null,
  ]
    .filter((part): part is string => part !== null)
    .join(" · ");
}

export function regionBanner(region: GraphRegion): string | null {
  if (region.status === "up") return null;
  if (region.engineId === null) return `${region.name} is ${region.nodeState ?? "down"}`;
  return `${region.name} unreachable — ${region.message ?? "no answer"}`;
}

export type RegionHost = {
  nodes(): readonly GraphNode[];
  positionOf(id: string): Point | undefined;
  sizeOf(id: string): Size | undefined;
};

export function createRegionLayer(
  layer: AnySelection<SVGGElement, unknown>,
  host: RegionHost,
  onSelect: (target: GraphTarget) => void,
) {
  let regionSel = layer.selectAll<SVGGElement, GraphRegion>("g.region");

  function set(regions: readonly GraphRegion[]) {
    regionSel = layer
      .selectAll<SVGGElement, GraphRegion>("g.region")
      .data(regions, (d) => d.id)
      .join((enter) => {
        const g = enter.append("g").attr("class", "region");
        g.append("rect").attr("class", "region-box");
        const label = g.append("g").attr("class", "region-label").style("cursor", "pointer");
        label.append("text").attr("class", "region-name");
        label.append("text").attr("class", "region-details");
        g.append("text").attr("class", "region-banner").attr("data-testid", "region-banner");
        return g;
      });
    regionSel
      .attr("data-testid", "engine-region")
      .attr("data-engine-id", (d) => d.engineId ?? "")
      .attr("data-region", (d) => d.id)
      .attr("data-status", (d) => d.status);
    regionSel
      .select("rect.region-box")
      .attr("rx", 18)
      .attr("fill", (d) => (d.status === "down" ? REGION_DOWN_FILL : REGION_FILL))
      .attr("fill-opacity", 0.55)
      .attr("stroke", (d) => (d.status === "down" ? FAILED_STROKE : REGION_STROKE))
      .attr("stroke-opacity", (d) => (d.status === "down" ? 0.7 : 0.9))
      .attr("stroke-width", 1.2)
      .attr("stroke-dasharray", (d) => (d.status === "down" ? "6 5" : null));
    regionSel
      .select("text.region-name")
      .attr("font-family", SANS)
      .attr("font-size", 16)
      .attr("font-weight", 700)
      .attr("fill", (d) => (d.status === "down" ? FAILED_TEXT : TEXT))
      .text((d) => d.name);
    regionSel
      .select("text.region-details")
      .attr("font-family", SANS)
      .attr("font-size", 11.5)
      .attr("fill", MUTED)
      .text(regionDetails);
    regionSel
      .select("text.region-banner")
      .attr("font-family", SANS)
      .attr("font-size", 12)
      .attr("font-weight", 600)
      .attr("fill", FAILED_STROKE)
      .text((d) => {
        const banner = regionBanner(d);
        return banner ? `⚠ ${truncate(banner, 110)}` : "";
      });
    activate(
      regionSel.select<SVGGElement>("g.region-label"),
      (d) => ({ kind: "region", id: d.id }),
      (d) => `engine ${d.name}${d.status === "down" ? ", unreachable" : ""}`,
      onSelect,
    );
  }

  /** Wrap each region's backdrop around where its nodes are now. */
  function place() {
    const boxes = new Map<string, Box>();
    for (const node of host.nodes()) {
      if (node.region === null) continue;
      const p = host.positionOf(node.id);
      const size = host.sizeOf(node.id);
      if (!p || !size || !Number.isFinite(p.x)) continue;
      const box = boxes.get(node.region);
      const x0 = p.x - size.width / 2;
      const x1 = p.x + size.width / 2;
      const y0 = p.y - size.height / 2;
      const y1 = p.y + size.height / 2;
      boxes.set(
        node.region,
        box
          ? {
              x0: Math.min(box.x0, x0),
              y0: Math.min(box.y0, y0),
              x1: Math.max(box.x1, x1),
              y1: Math.max(box.y1, y1),
            }
          : { x0, y0, x1, y1 },
      );
    }
    regionSel.attr("visibility", (d) => (boxes.has(d.id) ? null : "hidden"));
    regionSel.each(function (d) {
      const box = boxes.get(d.id);
      if (!box) return;
      const g = select(this);
      const band = LABEL_BAND + (d.status === "down" ? BANNER_BAND : 0);
      const x = box.x0 - PAD;
      const y = box.y0 - PAD - band;
      g.select("rect.region-box")
        .attr("x", x)
        .attr("y", y)
        .attr("width", box.x1 - box.x0 + 2 * PAD)
        .attr("height", box.y1 - box.y0 + 2 * PAD + band);
      g.select("text.region-name")
        .attr("x", x + 16)
        .attr("y", y + 24);
      g.select("text.region-details")
        .attr("x", x + 16)
        .attr("y", y + 40);
      g.select("text.region-banner")
        .attr("x", x + 16)
        .attr("y", y + 40 + BANNER_BAND);
    });
  }

  /** Show the selected region's outline as selected. */
  function setSelection(target: GraphTarget | null) {
    regionSel
      .select("rect.region-box")
      .attr("stroke", (d) =>
        target?.kind === "region" && target.id === d.id
          ? SELECT_COLOR
          : d.status === "down"
            ? FAILED_STROKE
            : REGION_STROKE,
      );
  }

  return { set, place, setSelection };
}
