// What painting one canvas frame needs (the Frame the renderer assembles), and the small pieces
// every painter shares: text, and where an endpoint's port sits.
import type { EndpointLink, GraphLink, GraphModel, GraphNode } from "@/lib/graph/graph-model";
import type { GraphHighlight } from "@/lib/graph/highlight";
import type { Palette } from "./canvas-palette";
import type { Emphasis } from "./emphasis";
import type { Point, Positions } from "./force-layout";
import { rectBorderPoint, type Size } from "./graph-style";
import type { Detail } from "./view-control";

export type ViewTransform = { x: number; y: number; k: number };

export type Ghost = { node?: GraphNode; link?: GraphLink; at: Point; to?: Point; alpha: number };

export type Frame = {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  dpr: number;
  transform: ViewTransform;
  detail: Detail;
  palette: Palette;
  model: GraphModel;
  positions: Positions;
  sizes: ReadonlyMap<string, Size>;
  nodeOf(id: string): GraphNode | undefined;
  /** The colour of a network's driver (its links and ports), muted for anything else. */
  colorOf(networkId: string): string;
  emphasis: Emphasis;
  highlight: GraphHighlight | null;
  /** Arrived with a recent change: painted in full at any distance (its glow is on the live layer). */
  isNew(id: string): boolean;
  dropTarget: string | null;
};

export function endpointPort(
  link: EndpointLink,
  positions: Positions,
  sizes: ReadonlyMap<string, Size>,
): { port: Point; hub: Point } | null {
  const s = positions.get(link.source);
  const t = positions.get(link.target);
  const size = sizes.get(link.source);
  if (!s || !t || !size || !Number.isFinite(s.x) || !Number.isFinite(t.x)) return null;
  return { port: rectBorderPoint(s, size, t), hub: t };
}

/** Screen rectangles taken by text this frame: a label that would overlap one is not drawn. */
export function paintText(
  f: Frame,
  text: string,
  x: number,
  y: number,
  size: number,
  family: string,
  color: string,
  weight = 400,
) {
  f.ctx.font = `${weight} ${size}px ${family}`;
  f.ctx.fillStyle = color;
  f.ctx.fillText(text, x, y);
}
