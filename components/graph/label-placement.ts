// Greedy label placement: each link label tries a few spots near its link and takes the first
// that hides neither a node nor a label already placed; one that finds none is left out (the
// caller hides it), never drawn over another. Pure geometry, so any renderer can use it.
import type { Point } from "./force-layout";

export type Rect = { x0: number; y0: number; x1: number; y1: number };

export type LabelRequest = {
  id: string;
  /** The link the label belongs to, from the end the label should stay near. */
  from: Point;
  to: Point;
  /** Distances from `from` along the link to try, in px (values ≤ 1 are a fraction of its length). */
  offsets: readonly number[];
  width: number;
  /** Number of text lines. */
  lines: number;
};

export type PlacedLabel = {
  id: string;
  /** Where the first line's baseline starts (or ends, for anchor "end"). */
  x: number;
  y: number;
  anchor: "start" | "end";
  rect: Rect;
};

export const LABEL_LINE_HEIGHT = 13;
const ASCENT = 9;
const DESCENT = 3;
const GAP = 4;

function overlaps(a: Rect, b: Rect): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** Grid cell size: about one label, so a query looks at a handful of cells. */
const CELL = 96;

/**
 * The rectangles taken so far, bucketed by grid cell: a big map has thousands of nodes and
 * labels, and testing each candidate against every one of them made placement quadratic.
 */
export class RectGrid {
  private readonly cells = new Map<number, Rect[]>();

  // Cell coordinates folded into one number; a map 2^20 cells wide is far beyond any screen.
  private static key(cx: number, cy: number): number {
    return (cx + 0x80000) * 0x100000 + (cy + 0x80000);
  }

  private span(r: Rect, visit: (key: number) => boolean | void): boolean {
    const cx0 = Math.floor(r.x0 / CELL);
    const cx1 = Math.floor(r.x1 / CELL);
    const cy0 = Math.floor(r.y0 / CELL);
    const cy1 = Math.floor(r.y1 / CELL);
    for (let cx = cx0; cx <= cx1; cx++) {
      for (let cy = cy0; cy <= cy1; cy++) if (visit(RectGrid.key(cx, cy))) return true;
    }
    return false;
  }

  add(r: Rect) {
    // A rect too big to bucket (or not finite) would fill the grid: skip what cannot be placed.
    if (!Number.isFinite(r.x0 + r.x1 + r.y0 + r.y1)) return;
    this.span(r, (key) => {
      const cell = this.cells.get(key);
      if (cell) cell.push(r);
      else this.cells.set(key, [r]);
    });
  }

  hits(r: Rect): boolean {
    return this.span(r, (key) => this.cells.get(key)?.some((t) => overlaps(t, r)) ?? false);
  }
}

/** The label box with one corner just off `q`, extending towards quadrant (sx, sy). */
function candidate(q: Point, sx: 1 | -1, sy: 1 | -1, width: number, lines: number) {
  const height = (lines - 1) * LABEL_LINE_HEIGHT + ASCENT + DESCENT;
  const x0 = sx > 0 ? q.x + GAP : q.x - GAP - width;
  const y0 = sy > 0 ? q.y + GAP : q.y - GAP - height;
  const rect = { x0, y0, x1: x0 + width, y1: y0 + height };
  return {
    x: sx > 0 ? q.x + GAP : q.x - GAP,
    y: y0 + ASCENT,
    anchor: (sx > 0 ? "start" : "end") as "start" | "end",
    rect,
  };
}

/** Where each request goes; a request with no free spot is missing from the answer. */
export function placeLabels(
  requests: readonly LabelRequest[],
  obstacles: readonly Rect[],
): Map<string, PlacedLabel> {
  const placed = new Map<string, PlacedLabel>();
  const taken = new RectGrid();
  for (const r of obstacles) taken.add(r);
  for (const req of requests) {
    const dx = req.to.x - req.from.x;
    const dy = req.to.y - req.from.y;
    const length = Math.hypot(dx, dy);
    const ux = length > 0 ? dx / length : 1;
    const uy = length > 0 ? dy / length : 0;
    // Quadrants beside the link first: those ahead or behind it put the text on the line.
    const ax: 1 | -1 = ux >= 0 ? 1 : -1;
    const ay: 1 | -1 = uy >= 0 ? 1 : -1;
    const quadrants: [1 | -1, 1 | -1][] =
      Math.abs(ux) > Math.abs(uy)
        ? [
            [ax, ay === 1 ? -1 : 1],
            [(ax === 1 ? -1 : 1) as 1 | -1, ay === 1 ? -1 : 1],
            [ax, ay],
            [(ax === 1 ? -1 : 1) as 1 | -1, ay],
          ]
        : [
            [ax === 1 ? -1 : 1, ay],
            [ax === 1 ? -1 : 1, (ay === 1 ? -1 : 1) as 1 | -1],
            [ax, ay],
            [ax, (ay === 1 ? -1 : 1) as 1 | -1],
          ];
    search: for (const offset of req.offsets) {
      const along = offset <= 1 ? offset * length : Math.min(offset, length / 2);
      const q = { x: req.from.x + ux * along, y: req.from.y + uy * along };
      for (const [sx, sy] of quadrants) {
        const c = candidate(q, sx, sy, req.width, req.lines);
        if (taken.hits(c.rect)) continue;
        placed.set(req.id, { id: req.id, ...c });
        taken.add(c.rect);
        break search;
      }
    }
  }
  return placed;
}
