// Regions side by side: each engine's nodes in a column of their own, and what spans engines (a
// swarm network, a service with tasks on several nodes) in a lane between them. Sizes only: the
// layout knows nothing of engines.
import type { Force } from "d3";

export type Column = { x: number; halfWidth: number };

type Sized = { region?: string | null; width: number; height: number };
type Moving = Sized & { x: number; vx?: number; fx?: number | null };

/** Room around each node when estimating how wide its region's column must be. */
const NODE_ROOM = 40;
/** A region's column is about this much wider than a tight packing of its boxes. */
const SPREAD = 3.2;
const MIN_COLUMN = 340;
const MIN_LANE = 240;
const GAP = 70;

/** The key of the lane, in the column map. */
export const LANE = null;

/**
 * Where each region's column goes, left to right in `order`, with the lane in the middle; `was`
 * (the last columns) keeps a column from shrinking while it lives, so a box that comes or goes does
 * not shift the rest of the map sideways.
 */
export function layoutColumns(
  nodes: readonly Sized[],
  order: readonly string[],
  was: ReadonlyMap<string | null, Column>,
): Map<string | null, Column> {
  const area = new Map<string | null, number>();
  const widest = new Map<string | null, number>();
  const regions = [...order];
  for (const node of nodes) {
    const key = node.region ?? LANE;
    if (key !== LANE && !regions.includes(key)) regions.push(key);
    area.set(key, (area.get(key) ?? 0) + (node.width + NODE_ROOM) * (node.height + NODE_ROOM));
    widest.set(key, Math.max(widest.get(key) ?? 0, node.width));
  }
  const widthOf = (key: string | null) => {
    const min = key === LANE ? (area.has(LANE) ? MIN_LANE : 0) : MIN_COLUMN;
    const needed =
      key === LANE
        ? (widest.get(LANE) ?? 0) + 120
        : Math.sqrt((area.get(key) ?? 0) * SPREAD) + (widest.get(key) ?? 0) / 2;
    return Math.max(min, needed, (was.get(key)?.halfWidth ?? 0) * 2);
  };
  const sequence: (string | null)[] = [...regions];
  sequence.splice(Math.floor(regions.length / 2), 0, LANE);
  const widths = sequence.map(widthOf);
  const total = widths.reduce((sum, w) => sum + w, 0) + GAP * (sequence.length - 1);
  const columns = new Map<string | null, Column>();
  let left = -total / 2;
  for (const [i, key] of sequence.entries()) {
    const width = widths[i] ?? 0;
    columns.set(key, { x: left + width / 2, halfWidth: width / 2 });
    left += width + GAP;
  }
  return columns;
}

/** Keep `x` inside a column, for a box `width` wide. */
export function clampToColumn(x: number, width: number, column: Column): number {
  const limit = Math.max(0, column.halfWidth - width / 2);
  return Math.min(column.x + limit, Math.max(column.x - limit, x));
}

/**
 * Pull each node towards its column's middle, and push it back in when it strays out: regions
 * never overlap, so their backdrops do not either.
 */
export function forceColumns<N extends Moving>(
  columnOf: (node: N) => Column | undefined,
  pull = 0.08,
): Force<N, never> {
  let nodes: N[] = [];
  const force = (alpha: number) => {
    for (const node of nodes) {
      const column = columnOf(node);
      if (!column || node.fx != null) continue;
      let vx = (node.vx ?? 0) + (column.x - node.x) * pull * alpha;
      const next = node.x + vx;
      const inside = clampToColumn(next, node.width, column);
      if (inside !== next) vx += (inside - next) * 0.6;
      node.vx = vx;
    }
  };
  force.initialize = (n: N[]) => {
    nodes = n;
  };
  return force;
}
