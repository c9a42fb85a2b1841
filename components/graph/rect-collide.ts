// Keeping node boxes apart. d3's forceCollide treats nodes as circles; sandboxes are wide, short
// boxes, and circles around them would waste most of the screen. This pushes overlapping
// rectangles apart along the axis where they overlap least, finding candidates through a quadtree
// (as forceCollide does), so a tick costs O(n log n): a 2,000-container map has ~2,200 boxes,
// and comparing every pair (2.4 million a tick) took seconds per layout.
import { quadtree, type Force, type SimulationNodeDatum } from "d3";

export type RectNode = SimulationNodeDatum & {
  x: number;
  y: number;
  width: number;
  height: number;
};

type Entry = { node: RectNode; index: number; x: number; y: number };

export function forceRectCollide<N extends RectNode>(
  padding: number,
  strength = 0.8,
): Force<N, never> {
  let nodes: N[] = [];
  const force = (alpha: number) => {
    const k = strength * Math.max(alpha, 0.2);
    // Where each node is about to be: boxes are compared as they will be after this tick.
    const entries: Entry[] = nodes.map((node, index) => ({
      node,
      index,
      x: node.x + (node.vx ?? 0),
      y: node.y + (node.vy ?? 0),
    }));
    let maxHalfW = 0;
    let maxHalfH = 0;
    for (const { node } of entries) {
      maxHalfW = Math.max(maxHalfW, node.width / 2);
      maxHalfH = Math.max(maxHalfH, node.height / 2);
    }
    const tree = quadtree<Entry>(
      entries,
      (e) => e.x,
      (e) => e.y,
    );
    for (const a of entries) {
      // Any box overlapping a's has its centre within these reaches.
      const reachX = a.node.width / 2 + maxHalfW + padding;
      const reachY = a.node.height / 2 + maxHalfH + padding;
      const x0 = a.x - reachX;
      const x1 = a.x + reachX;
      const y0 = a.y - reachY;
      const y1 = a.y + reachY;
      tree.visit((quad, qx0, qy0, qx1, qy1) => {
        if (!("length" in quad)) {
          // A leaf: itself and any entries at the very same point.
          for (let leaf: typeof quad | undefined = quad; leaf; leaf = leaf.next) {
            const b = leaf.data;
            // Each pair once: the one with the lower index pushes.
            if (b.index > a.index) push(a, b);
          }
        }
        return qx0 > x1 || qx1 < x0 || qy0 > y1 || qy1 < y0;
      });
    }

    function push(a: Entry, b: Entry) {
      const A = a.node;
      const B = b.node;
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
        const p = overlapX * k * (dx === 0 ? (a.index % 2 ? 1 : -1) : Math.sign(dx));
        A.vx = (A.vx ?? 0) - p * shareA;
        B.vx = (B.vx ?? 0) + p * shareB;
      } else {
        const p = overlapY * k * (dy === 0 ? (a.index % 2 ? 1 : -1) : Math.sign(dy));
        A.vy = (A.vy ?? 0) - p * shareA;
        B.vy = (B.vy ?? 0) + p * shareB;
      }
    }
  };
  force.initialize = (n: N[]) => {
    nodes = n;
  };
  return force;
}
