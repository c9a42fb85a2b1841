// Where the map's small labels go: an endpoint's IP beside its port, published ports beside their
// box, each on the first nearby spot that covers no node and no other label.
import { select } from "d3";
import type { EndpointLink, GraphNode, PortLink } from "@/lib/graph/graph-model";
import type { AnySelection } from "./d3-joins";
import type { Point } from "./force-layout";
import {
  ENDPOINT_FONT,
  HUB_R,
  LABEL_LINE_H,
  MONO_ADVANCE,
  PORT_FONT,
  SANS_ADVANCE,
  ipLabel,
  networkLabelLines,
  type Size,
} from "./graph-style";
import { placeLabels, type LabelRequest, type PlacedLabel, type Rect } from "./label-placement";

/** What the labels read from the renderer, always current. */
export type LabelHost = {
  nodes(): GraphNode[];
  positionOf(id: string): Point | undefined;
  sizeOf(id: string): Size | undefined;
  endpointGeometry(link: EndpointLink): { port: Point; hub: Point } | null;
};

export function createLinkLabels(host: LabelHost) {
  /** Where each label was last placed; untouched labels keep their spot and block others. */
  const spots = new Map<string, PlacedLabel>();

  function obstacles(): Rect[] {
    const rects: Rect[] = [];
    for (const node of host.nodes()) {
      const p = host.positionOf(node.id);
      const size = host.sizeOf(node.id);
      if (!p || !size) continue;
      if (node.kind === "network") {
        rects.push({ x0: p.x - HUB_R, y0: p.y - HUB_R, x1: p.x + HUB_R, y1: p.y + HUB_R });
        const lines = networkLabelLines(node);
        const width = Math.max(
          node.name.length * 12 * SANS_ADVANCE,
          ...lines.map((l) => l.length * 10.5 * MONO_ADVANCE),
        );
        rects.push({
          x0: p.x - width / 2,
          y0: p.y + HUB_R + 5,
          x1: p.x + width / 2,
          y1: p.y + HUB_R + 19 + lines.length * LABEL_LINE_H,
        });
      } else {
        rects.push({
          x0: p.x - size.width / 2,
          y0: p.y - size.height / 2,
          x1: p.x + size.width / 2,
          y1: p.y + size.height / 2,
        });
      }
    }
    return rects;
  }

  function place(
    endpointLabels: AnySelection<SVGGElement, EndpointLink>,
    portLabels: AnySelection<SVGTextElement, PortLink>,
    portGeo: Map<string, { from: Point; to: Point }>,
  ) {
    const requests: LabelRequest[] = [];
    endpointLabels.each((d) => {
      const label = ipLabel(d);
      const geo = host.endpointGeometry(d);
      if (!label || !geo) return;
      requests.push({
        id: d.id,
        from: geo.port,
        to: geo.hub,
        offsets: [4, 20, 38, 0.5],
        width: label.length * ENDPOINT_FONT * MONO_ADVANCE,
        lines: 1,
      });
    });
    portLabels.each((d) => {
      const geo = portGeo.get(d.id);
      if (!geo) return;
      requests.push({
        id: d.id,
        from: geo.to,
        to: geo.from,
        offsets: [10, 0.3, 0.45, 0.6],
        width: Math.max(...d.lines.map((l) => l.length)) * PORT_FONT * MONO_ADVANCE,
        lines: d.lines.length,
      });
    });
    if (requests.length === 0) return;
    for (const r of requests) spots.delete(r.id);
    const kept = [...spots.values()].map((spot) => spot.rect);
    const placed = placeLabels(requests, [...obstacles(), ...kept]);
    for (const [id, spot] of placed) spots.set(id, spot);
    endpointLabels.select<SVGTextElement>("text").each(function (d) {
      const spot = placed.get(d.id);
      if (spot) select(this).attr("x", spot.x).attr("y", spot.y).attr("text-anchor", spot.anchor);
    });
    portLabels.each(function (d) {
      const spot = placed.get(d.id);
      if (!spot) return;
      const text = select(this)
        .attr("x", spot.x)
        .attr("y", spot.y)
        .attr("text-anchor", spot.anchor);
      text.selectAll("tspan").attr("x", spot.x);
    });
  }

  return {
    /** Place the labels of these links again (they moved, or are new); the others stay put. */
    place,
    /** Forget the spots of links that are no longer drawn. */
    keepOnly(linkIds: Set<string>) {
      for (const id of spots.keys()) if (!linkIds.has(id)) spots.delete(id);
    },
  };
}
