// Where an endpoint's IP label goes: beside its port, on the first nearby spot that covers no node
// and no other label. A label with no such spot is hidden rather than drawn over another: in SVG
// text scales with the zoom, so labels apart in map space are apart at every zoom level.
import { select } from "d3";
import type { EndpointLink, GraphNode } from "@/lib/graph/graph-model";
import type { AnySelection } from "./d3-joins";
import type { Point } from "./force-layout";
import {
  ENDPOINT_FONT,
  HUB_R,
  LABEL_LINE_H,
  MONO_ADVANCE,
  SANS_ADVANCE,
  ipLabel,
  networkLabelLines,
  type Size,
} from "./graph-style";
import {
  RectGrid,
  placeLabels,
  type LabelRequest,
  type PlacedLabel,
  type Rect,
} from "./label-placement";

/** What the labels read from the renderer, always current. */
export type LabelHost = {
  nodes(): GraphNode[];
  positionOf(id: string): Point | undefined;
  sizeOf(id: string): Size | undefined;
  endpointGeometry(link: EndpointLink): { port: Point; hub: Point } | null;
};

/** Along the link from the port: near the box first, then towards the hub. */
const OFFSETS = [4, 20, 38, 0.2, 0.35, 0.5, 0.65, 0.8];

/** The rectangles a node's drawing covers: a box, or a hub and the labels under it. */
function nodeRects(node: GraphNode, p: Point, size: Size): Rect[] {
  if (node.kind !== "network") {
    const hw = size.width / 2;
    const hh = size.height / 2;
    return [{ x0: p.x - hw, y0: p.y - hh, x1: p.x + hw, y1: p.y + hh }];
  }
  const lines = networkLabelLines(node);
  const width = Math.max(
    node.name.length * 12 * SANS_ADVANCE,
    ...lines.map((l) => l.length * 10.5 * MONO_ADVANCE),
  );
  return [
    { x0: p.x - HUB_R, y0: p.y - HUB_R, x1: p.x + HUB_R, y1: p.y + HUB_R },
    {
      x0: p.x - width / 2,
      y0: p.y + HUB_R + 3,
      x1: p.x + width / 2,
      y1: p.y + HUB_R + 19 + lines.length * LABEL_LINE_H,
    },
  ];
}

export function createLinkLabels(host: LabelHost) {
  /** Where each label was last placed; untouched labels keep their spot and block others. */
  const spots = new Map<string, PlacedLabel>();
  /** Labels that found no free spot: hidden, and tried again whenever something moves. */
  const hidden = new Set<string>();

  /**
   * Place again the labels of links that are `touched` (moved, new, relabelled), those a moved
   * node now covers, and the hidden ones; the others stay put.
   */
  function place(
    endpoints: AnySelection<SVGGElement, EndpointLink>,
    touched: (link: EndpointLink) => boolean,
    moved: ReadonlySet<string>,
  ) {
    const obstacles: Rect[] = [];
    const movedRects = new RectGrid();
    for (const node of host.nodes()) {
      const p = host.positionOf(node.id);
      const size = host.sizeOf(node.id);
      if (!p || !size) continue;
      for (const rect of nodeRects(node, p, size)) {
        obstacles.push(rect);
        if (moved.has(node.id)) movedRects.add(rect);
      }
    }
    const again = (d: EndpointLink) => {
      if (touched(d)) return true;
      if (moved.size === 0) return false;
      const spot = spots.get(d.id);
      return hidden.has(d.id) || (spot !== undefined && movedRects.hits(spot.rect));
    };
    const due = endpoints.filter(again);
    const requests: LabelRequest[] = [];
    due.each((d) => {
      spots.delete(d.id);
      hidden.delete(d.id);
      const label = ipLabel(d);
      const geo = host.endpointGeometry(d);
      if (!label || !geo) return;
      requests.push({
        id: d.id,
        from: geo.port,
        to: geo.hub,
        offsets: OFFSETS,
        width: label.length * ENDPOINT_FONT * MONO_ADVANCE,
        lines: 1,
      });
    });
    if (requests.length === 0) return;
    const kept = [...spots.values()].map((spot) => spot.rect);
    const placed = placeLabels(requests, [...obstacles, ...kept]);
    for (const r of requests) {
      const spot = placed.get(r.id);
      if (spot) spots.set(r.id, spot);
      else hidden.add(r.id);
    }
    due.select<SVGTextElement>("text").each(function (d) {
      const spot = placed.get(d.id);
      const text = select(this).attr("visibility", spot ? null : "hidden");
      if (spot) text.attr("x", spot.x).attr("y", spot.y).attr("text-anchor", spot.anchor);
    });
  }

  return {
    place,
    /** Forget the spots of links that are no longer drawn. */
    keepOnly(linkIds: Set<string>) {
      for (const id of spots.keys()) if (!linkIds.has(id)) spots.delete(id);
      for (const id of hidden) if (!linkIds.has(id)) hidden.delete(id);
    },
  };
}
