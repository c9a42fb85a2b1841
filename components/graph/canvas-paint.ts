// Painting one frame of the map on a 2D canvas: regions, links, boxes, hubs, endpoints and the
// highlight's marks, from positions and the emphasis. Only what is in view is painted, lines of
// one style go out as one path, text too small to read is skipped and a label that would overlap
// another is left out, so a 2,000-container map pans at full frame rate. No state: the renderer
// calls paintFrame() whenever anything changed, and paintLive() on the layer above for each
// frame of a glow or fade.
import type { GraphLink } from "@/lib/graph/graph-model";
import type { GraphRegion } from "@/lib/graph/swarm-graph";
import { endpointPort, type Frame, type Ghost } from "./canvas-frame";
import { paintGhost, paintGlow, paintNode, paintNodesFar } from "./canvas-paint-nodes";
import { ROLE_COLORS } from "./canvas-palette";
import { regionBanner, regionDetails } from "./draw-regions";
import type { Point } from "./force-layout";
import {
  HUB_R,
  MONO,
  PORT_R,
  SANS,
  ipLabel,
  networkLabelLines,
  rectBorderPoint,
  truncate,
  type Size,
} from "./graph-style";

type Box = { x0: number; y0: number; x1: number; y1: number };

/** The part of the map in view, in graph coordinates, with a margin for labels. */
function visibleBox(f: Frame): Box {
  const { x, y, k } = f.transform;
  const margin = 60 / k;
  return {
    x0: -x / k - margin,
    y0: -y / k - margin,
    x1: (f.width - x) / k + margin,
    y1: (f.height - y) / k + margin,
  };
}

const boxInView = (v: Box, p: Point, s: Size) =>
  p.x + s.width / 2 >= v.x0 &&
  p.x - s.width / 2 <= v.x1 &&
  p.y + s.height / 2 >= v.y0 &&
  p.y - s.height / 2 <= v.y1;

const segmentInView = (v: Box, a: Point, b: Point) =>
  Math.max(a.x, b.x) >= v.x0 &&
  Math.min(a.x, b.x) <= v.x1 &&
  Math.max(a.y, b.y) >= v.y0 &&
  Math.min(a.y, b.y) <= v.y1;

/** Screen rectangles taken this frame: a label that would overlap one is not drawn. */
class LabelSpace {
  private readonly cells = new Map<number, Box[]>();
  private static readonly CELL = 64;

  private keysOf(b: Box): number[] {
    const c = LabelSpace.CELL;
    const keys: number[] = [];
    for (let cx = Math.floor(b.x0 / c); cx <= Math.floor(b.x1 / c); cx++) {
      for (let cy = Math.floor(b.y0 / c); cy <= Math.floor(b.y1 / c); cy++)
        keys.push(cx * 65_536 + cy);
    }
    return keys;
  }

  /** Mark `b` as taken, whatever it overlaps (a box is drawn wherever the layout put it). */
  claim(b: Box) {
    for (const key of this.keysOf(b)) {
      const list = this.cells.get(key);
      if (list) list.push(b);
      else this.cells.set(key, [b]);
    }
  }

  /** Take `b` for a label if nothing taken overlaps it. */
  take(b: Box): boolean {
    for (const key of this.keysOf(b)) {
      for (const other of this.cells.get(key) ?? []) {
        if (b.x0 < other.x1 && b.x1 > other.x0 && b.y0 < other.y1 && b.y1 > other.y0) return false;
      }
    }
    this.claim(b);
    return true;
  }
}

export function paintFrame(f: Frame) {
  const { ctx, transform: t, dpr } = f;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.globalAlpha = 1;
  ctx.fillStyle = f.palette.bg;
  ctx.fillRect(0, 0, f.width, f.height);
  ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
  const view = visibleBox(f);
  const labels = new LabelSpace();
  // Boxes and hubs claim their screen space first: a label never covers a name.
  const toScreen = (b: Box): Box => ({
    x0: b.x0 * t.k + t.x,
    y0: b.y0 * t.k + t.y,
    x1: b.x1 * t.k + t.x,
    y1: b.y1 * t.k + t.y,
  });

  paintRegions(f);
  paintLinks(f, view);
  const text = f.detail !== "far";
  const inView = [];
  for (const node of f.model.nodes) {
    const p = f.positions.get(node.id);
    const size = f.sizes.get(node.id);
    if (p && size && Number.isFinite(p.x) && boxInView(view, p, size))
      inView.push({ node, p, size });
  }
  if (!text) paintNodesFar(f, inView);
  for (const { node, p, size } of text ? inView : []) {
    paintNode(f, node, p, size, text);
    // Far out, boxes are specks without text: the network names may lie over them.
    if (node.kind !== "network") {
      labels.claim(
        toScreen({
          x0: p.x - size.width / 2,
          y0: p.y - size.height / 2,
          x1: p.x + size.width / 2,
          y1: p.y + size.height / 2,
        }),
      );
    }
  }
  paintEndpoints(f, view, labels, toScreen);
  paintNetworkLabels(f, view, labels, toScreen);
  paintMarks(f);
  ctx.globalAlpha = 1;
}

/**
 * The live layer, a transparent canvas over the map: what glows because it is new and what fades
 * because it went. Painted on every frame while anything does, so it holds only those few things:
 * repainting the whole map each frame for two seconds after every change kept a 2,000-container
 * page too busy to show the next one.
 */
export function paintLive(f: Frame, glow: ReadonlyMap<string, number>, ghosts: readonly Ghost[]) {
  const { ctx, transform: t, dpr } = f;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, f.width, f.height);
  ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
  for (const ghost of ghosts) paintGhost(f, ghost);
  if (glow.size > 0) {
    ctx.strokeStyle = ROLE_COLORS.fresh;
    ctx.lineWidth = 4;
    for (const link of f.model.links) {
      const amount = glow.get(link.id);
      const ends = amount ? linkEnds(f, link) : null;
      if (!amount || !ends) continue;
      ctx.globalAlpha = amount;
      ctx.beginPath();
      ctx.moveTo(ends.a.x, ends.a.y);
      ctx.lineTo(ends.b.x, ends.b.y);
      ctx.stroke();
    }
    for (const [id, amount] of glow) {
      const node = f.nodeOf(id);
      const p = f.positions.get(id);
      const size = f.sizes.get(id);
      if (node && p && size && Number.isFinite(p.x) && amount > 0)
        paintGlow(f, node, p, size, amount);
    }
  }
  ctx.globalAlpha = 1;
}

// ---- regions ----

function regionBox(f: Frame, region: GraphRegion): Box | null {
  let box: Box | null = null;
  for (const node of f.model.nodes) {
    if (node.region !== region.id) continue;
    const p = f.positions.get(node.id);
    const s = f.sizes.get(node.id);
    if (!p || !s || !Number.isFinite(p.x)) continue;
    const b = {
      x0: p.x - s.width / 2,
      y0: p.y - s.height / 2,
      x1: p.x + s.width / 2,
      y1: p.y + s.height / 2,
    };
    box = box
      ? {
          x0: Math.min(box.x0, b.x0),
          y0: Math.min(box.y0, b.y0),
          x1: Math.max(box.x1, b.x1),
          y1: Math.max(box.y1, b.y1),
        }
      : b;
  }
  return box;
}

function paintRegions(f: Frame) {
  const { ctx, palette } = f;
  for (const region of f.model.regions) {
    const box = regionBox(f, region);
    if (!box) continue;
    const down = region.status === "down";
    const x = box.x0 - 26;
    const y = box.y0 - 48;
    const w = box.x1 - box.x0 + 52;
    const h = box.y1 - box.y0 + 74;
    ctx.globalAlpha = 1;
    ctx.fillStyle = down ? palette.regionDownFill : palette.regionFill;
    ctx.strokeStyle = down ? palette.failed : palette.regionStroke;
    ctx.lineWidth = 1.2;
    ctx.beginPath();
    ctx.roundRect(x, y, w, h, 14);
    ctx.fill();
    ctx.stroke();
    if (f.detail === "far") continue;
    ctx.fillStyle = palette.text;
    ctx.font = `600 15px ${SANS}`;
    ctx.fillText(region.name, x + 14, y + 22);
    ctx.fillStyle = palette.muted;
    ctx.font = `11px ${SANS}`;
    ctx.fillText(regionDetails(region), x + 14, y + 38);
    const banner = regionBanner(region);
    if (banner) {
      ctx.fillStyle = palette.failedText;
      ctx.fillText(truncate(banner, 80), x + 14, y + h - 8);
    }
  }
}

// ---- links ----

type LineStyle = { color: string; alpha: number; width: number; dash: readonly number[] };

function linkStyle(f: Frame, link: GraphLink): LineStyle {
  const { colorOf } = f;
  const alpha = f.emphasis.linkAlpha(link);
  const role = f.emphasis.linkRole(link.id);
  if (role === "route") return { color: ROLE_COLORS.route, alpha, width: 3.2, dash: [] };
  if (role === "added" || role === "changed") {
    return { color: ROLE_COLORS[role], alpha, width: 3, dash: [] };
  }
  if (role === "removed")
    return { color: f.palette.muted, alpha: alpha * 0.38, width: 1.6, dash: [5, 4] };
  switch (link.kind) {
    case "endpoint":
      return {
        color: colorOf(link.target),
        alpha: alpha * (role === "context" ? 0.9 : 0.55),
        width: f.emphasis.primary(link.id) ? 3 : 1.6,
        dash: [],
      };
    case "stopped":
      return { color: f.palette.muted, alpha: alpha * 0.45, width: 1.2, dash: [5, 4] };
    case "task":
      return { color: f.palette.service, alpha: alpha * 0.7, width: 1.4, dash: [1, 4] };
    case "group":
      return {
        color: colorOf(link.target),
        alpha: alpha * 0.6,
        width: Math.min(6, 1.6 + Math.log2(Math.max(1, link.endpoints))),
        dash: link.endpoints === 0 ? [5, 4] : [],
      };
  }
}

function linkEnds(f: Frame, link: GraphLink): { a: Point; b: Point } | null {
  if (link.kind === "endpoint") {
    const geo = endpointPort(link, f.positions, f.sizes);
    return geo && { a: geo.port, b: geo.hub };
  }
  const s = f.positions.get(link.source);
  const t = f.positions.get(link.target);
  const sSize = f.sizes.get(link.source);
  const tSize = f.sizes.get(link.target);
  if (!s || !t || !sSize || !tSize || !Number.isFinite(s.x) || !Number.isFinite(t.x)) return null;
  const a = rectBorderPoint(s, sSize, t);
  const target = f.nodeOf(link.target);
  return { a, b: target?.kind === "network" ? t : rectBorderPoint(t, tSize, s) };
}

function paintLinks(f: Frame, view: Box) {
  const { ctx } = f;
  // One path per style: a 2,000-container map has a dozen styles and thousands of lines.
  const batches = new Map<string, { style: LineStyle; segments: [Point, Point][] }>();
  for (const link of f.model.links) {
    const ends = linkEnds(f, link);
    if (!ends || !segmentInView(view, ends.a, ends.b)) continue;
    const style = linkStyle(f, link);
    const key = `${style.color}|${style.alpha.toFixed(3)}|${style.width}|${style.dash.join(",")}`;
    const batch = batches.get(key) ?? { style, segments: [] };
    batch.segments.push([ends.a, ends.b]);
    batches.set(key, batch);
  }
  for (const { style, segments } of batches.values()) {
    ctx.globalAlpha = style.alpha;
    ctx.strokeStyle = style.color;
    ctx.lineWidth = style.width;
    ctx.setLineDash(style.dash);
    ctx.beginPath();
    for (const [a, b] of segments) {
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
    }
    ctx.stroke();
  }
  ctx.setLineDash([]);
}

// ---- endpoints and labels ----

function paintEndpoints(f: Frame, view: Box, labels: LabelSpace, toScreen: (b: Box) => Box) {
  const { ctx, palette, colorOf } = f;
  const ips: { text: string; at: Point; away: Point; alpha: number }[] = [];
  // Far out a port is under a pixel: the line to the hub says enough.
  if (f.detail === "far") return;
  for (const link of f.model.links) {
    if (link.kind !== "endpoint") continue;
    const geo = endpointPort(link, f.positions, f.sizes);
    if (!geo || geo.port.x < view.x0 || geo.port.x > view.x1) continue;
    if (geo.port.y < view.y0 || geo.port.y > view.y1) continue;
    const primary = f.emphasis.primary(link.id);
    const alpha = f.emphasis.linkAlpha(link);
    ctx.globalAlpha = alpha;
    ctx.beginPath();
    ctx.arc(geo.port.x, geo.port.y, primary ? PORT_R + 2 : PORT_R, 0, 2 * Math.PI);
    ctx.fillStyle =
      f.emphasis.linkRole(link.id) === "route" ? ROLE_COLORS.route : colorOf(link.target);
    ctx.fill();
    ctx.strokeStyle = primary ? palette.select : palette.bg;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    const text = ipLabel(link);
    if (text && f.detail === "") ips.push({ text, at: geo.port, away: geo.hub, alpha });
  }
  // The address beside its port, on the side away from the box, unless another label is there.
  ctx.font = `400 10px ${MONO}`;
  ctx.lineWidth = 3;
  ctx.lineJoin = "round";
  for (const ip of ips) {
    const dx = ip.away.x - ip.at.x;
    const dy = ip.away.y - ip.at.y;
    const length = Math.hypot(dx, dy) || 1;
    const x = ip.at.x + (dx / length) * 10;
    const y = ip.at.y + (dy / length) * 10 + 3.5;
    const width = ip.text.length * 10 * 0.62;
    const left = dx >= 0 ? x : x - width;
    if (!labels.take(toScreen({ x0: left, y0: y - 9, x1: left + width, y1: y + 2 }))) continue;
    ctx.globalAlpha = ip.alpha;
    ctx.strokeStyle = palette.bg;
    ctx.strokeText(ip.text, left, y);
    ctx.fillStyle = palette.textSoft;
    ctx.fillText(ip.text, left, y);
  }
}

/** Network names (and subnets) under their hubs; at a glance the names matter most. */
function paintNetworkLabels(f: Frame, view: Box, labels: LabelSpace, toScreen: (b: Box) => Box) {
  const { ctx, palette } = f;
  // Far out, only the names, at a size still readable on screen: they are the map's landmarks.
  const far = f.detail === "far";
  const unit = far ? 1 / f.transform.k : 1;
  ctx.textAlign = "center";
  ctx.lineWidth = 3 * unit;
  for (const node of f.model.nodes) {
    if (node.kind !== "network") continue;
    const p = f.positions.get(node.id);
    if (!p || p.x < view.x0 || p.x > view.x1 || p.y < view.y0 || p.y > view.y1) continue;
    const lines = [node.name, ...(f.detail === "" ? networkLabelLines(node) : [])];
    ctx.globalAlpha = f.emphasis.nodeAlpha(node);
    lines.forEach((line, i) => {
      const size = (i === 0 ? 12 : 10.5) * unit;
      const width = line.length * size * 0.62;
      const y = p.y + (far ? HUB_R + 14 * unit : HUB_R + 16 + i * 14);
      const room = { x0: p.x - width / 2, y0: y - size, x1: p.x + width / 2, y1: y + 3 * unit };
      if (!labels.take(toScreen(room))) return;
      ctx.font = i === 0 ? `600 ${size}px ${SANS}` : `400 ${size}px ${MONO}`;
      ctx.strokeStyle = palette.bg;
      ctx.strokeText(line, p.x, y);
      ctx.fillStyle =
        i === 0 ? palette.text : node.internal && i > 0 ? palette.failedText : palette.textSoft;
      ctx.fillText(line, p.x, y);
    });
  }
  ctx.textAlign = "start";
}

// ---- the highlight's own marks ----

function paintMarks(f: Frame) {
  const h = f.highlight;
  if (!h) return;
  const { ctx } = f;
  const centre = (id: string) => {
    const p = f.positions.get(id);
    return p && Number.isFinite(p.x) ? p : null;
  };
  ctx.globalAlpha = 1;
  for (const mark of h.marks) {
    const color = ROLE_COLORS[mark.role];
    if (mark.kind === "line") {
      const a = centre(mark.source);
      const b = centre(mark.target);
      if (!a || !b) continue;
      ctx.strokeStyle = color;
      ctx.lineWidth = 2.6;
      ctx.setLineDash(mark.role === "break" ? [5, 4] : [7, 4]);
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
      ctx.setLineDash([]);
      const label = mark.role === "break" ? "✕" : mark.label;
      if (label) paintTag(f, label, { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, color);
    } else {
      const p = centre(mark.node);
      const size = f.sizes.get(mark.node);
      if (p && size) paintTag(f, mark.text, { x: p.x, y: p.y - size.height / 2 - 14 }, color);
    }
  }
  for (const [id, text] of [
    [h.ends.from, h.ends.to === h.ends.from ? "FROM · TO" : "FROM"],
    [h.ends.to === h.ends.from ? null : h.ends.to, "TO"],
  ] as const) {
    const p = id ? centre(id) : null;
    const size = id ? f.sizes.get(id) : undefined;
    if (p && size) paintTag(f, text, { x: p.x, y: p.y - size.height / 2 - 12 }, ROLE_COLORS.end);
  }
}

function paintTag(f: Frame, text: string, at: Point, color: string) {
  const { ctx } = f;
  ctx.font = `600 10.5px ${SANS}`;
  const width = ctx.measureText(text).width + 14;
  ctx.fillStyle = f.palette.bg;
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.roundRect(at.x - width / 2, at.y - 9, width, 18, 9);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = color;
  ctx.textAlign = "center";
  ctx.fillText(text, at.x, at.y + 4);
  ctx.textAlign = "start";
}
