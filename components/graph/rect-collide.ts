// Keeping node boxes apart. d3's forceCollide treats nodes as circles; sandboxes are wide, short
// boxes, and circles around them would waste most of the screen. This pushes overlapping
// rectangles apart along the axis where they overlap least, finding candidates through a uniform
// grid: a 2,000-container map has ~2,200 boxes of much the same size, so a box need only look at
// the 3×3 cells around its own. Comparing every pair (2.4 million a tick) took seconds per layout;
// a quadtree visit per box, allocating as it went, still cost half of every tick.
import type { Force, SimulationNodeDatum } from "d3";

export type RectNode = SimulationNodeDatum & {
  x: number;
  y: number;
  width: number;
  height: number;
};

/** A box this much wider or taller than the typical one is checked against all, not gridded. */
const OUTSIZE = 3;

export function forceRectCollide<N extends RectNode>(
  padding: number,
  strength = 0.8,
): Force<N, never> {
  let nodes: N[] = [];
  // Reused from tick to tick: a tick allocates almost nothing.
  let px = new Float64Array(0);
  let py = new Float64Array(0);
  const cells = new Map<number, number[]>();
  const outsized: number[] = [];

  /** Boxes too big for the grid, and the grid's cell size: fixed until the nodes change. */
  let outsizedSet = new Set<number>();
  let cellW = 1;
  let cellH = 1;

  const force = (alpha: number) => {
    const n = nodes.length;
    if (px.length < n) {
      px = new Float64Array(n);
      py = new Float64Array(n);
    }
    const k = strength * Math.max(alpha, 0.2);
    // Boxes are compared where they are about to be, after this tick.
    for (let i = 0; i < n; i++) {
      const node = nodes[i]!;
      px[i] = node.x + (node.vx ?? 0);
      py[i] = node.y + (node.vy ?? 0);
    }
    const keyOf = (cx: number, cy: number) => cx * 131_071 + cy;
    for (const list of cells.values()) list.length = 0;
    for (let i = 0; i < n; i++) {
      if (outsizedSet.has(i)) continue;
      const key = keyOf(Math.floor(px[i]! / cellW), Math.floor(py[i]! / cellH));
      const list = cells.get(key);
      if (list) list.push(i);
      else cells.set(key, [i]);
    }
    for (let a = 0; a < n; a++) {
      if (outsizedSet.has(a)) continue;
      const cx = Math.floor(px[a]! / cellW);
      const cy = Math.floor(py[a]! / cellH);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          const list = cells.get(keyOf(cx + dx, cy + dy));
          if (!list) continue;
          // Each pair once: the one with the lower index pushes.
          for (const b of list) if (b > a) push(a, b);
        }
      }
    }
    for (const a of outsized) {
      for (let b = 0; b < n; b++) if (b !== a && (b > a || !outsizedSet.has(b))) push(a, b);
    }
    // Cells left empty this tick go, or a map that drifted would keep every cell it ever used.
    for (const [key, list] of cells) if (list.length === 0) cells.delete(key);

    function push(ia: number, ib: number) {
      const A = nodes[ia]!;
      const B = nodes[ib]!;
      const dx = B.x + (B.vx ?? 0) - (A.x + (A.vx ?? 0));
      const dy = B.y + (B.vy ?? 0) - (A.y + (A.vy ?? 0));
      const overlapX = (A.width + B.width) / 2 + padding - Math.abs(dx);
      const overlapY = (A.height + B.height) / 2 + padding - Math.abs(dy);
      if (overlapX <= 0 || overlapY <= 0) return;
      // A pinned node does not move, so the other one takes the whole push.
      const aFixed = A.fx != null;
      const bFixed = B.fx != null;
      const shareA = aFixed ? 0 : bFixed ? 1 : 0.5;
      const shareB = bFixed ? 0 : aFixed ? 1 : 0.5;
      if (overlapX / (A.width + B.width) < overlapY / (A.height + B.height)) {
        const p = overlapX * k * (dx === 0 ? (ia % 2 ? 1 : -1) : Math.sign(dx));
        A.vx = (A.vx ?? 0) - p * shareA;
        B.vx = (B.vx ?? 0) + p * shareB;
      } else {
        const p = overlapY * k * (dy === 0 ? (ia % 2 ? 1 : -1) : Math.sign(dy));
        A.vy = (A.vy ?? 0) - p * shareA;
        B.vy = (B.vy ?? 0) + p * shareB;
      }
    }
  };
  // The layout hands its nodes over again whenever one came, went or changed size.
  force.initialize = (n: N[]) => {
    nodes = n;
    const typicalW = median(nodes.map((node) => node.width));
    const typicalH = median(nodes.map((node) => node.height));
    let maxW = 0;
    let maxH = 0;
    outsized.length = 0;
    nodes.forEach((node, i) => {
      if (node.width > typicalW * OUTSIZE || node.height > typicalH * OUTSIZE) {
        outsized.push(i);
        return;
      }
      maxW = Math.max(maxW, node.width);
      maxH = Math.max(maxH, node.height);
    });
    outsizedSet = new Set(outsized);
    // Two gridded boxes that overlap have centres less than a cell apart on each axis.
    cellW = maxW + padding;
    cellH = maxH + padding;
  };
  return force;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
