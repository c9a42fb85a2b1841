// Far-field repulsion changes slowly from tick to tick, yet on a 2,000-container map it is three
// quarters of a tick's cost. This runs a force on every nth tick only and, on the ticks between,
// gives each node the same push again, scaled by the cooling (d3's forces scale with alpha).
import type { Force, SimulationNodeDatum } from "d3";

export function forceEveryNthTick<N extends SimulationNodeDatum>(
  // Whatever the wrapped force's link type: only its velocity changes are read.
  inner: Force<N, never>,
  /** 1: every tick (the force unchanged). Read on every tick, so it may change over time. */
  every: () => number,
): Force<N, never> {
  let nodes: N[] = [];
  let dvx = new Float64Array(0);
  let dvy = new Float64Array(0);
  let lastAlpha = 0;
  /** Ticks since the inner force last ran; Infinity: it must run on the next one. */
  let since = Infinity;

  const force = (alpha: number) => {
    const n = nodes.length;
    if (since + 1 < every() && lastAlpha > 0) {
      since++;
      const scale = alpha / lastAlpha;
      for (let i = 0; i < n; i++) {
        const node = nodes[i]!;
        node.vx = (node.vx ?? 0) + dvx[i]! * scale;
        node.vy = (node.vy ?? 0) + dvy[i]! * scale;
      }
      return;
    }
    since = 0;
    lastAlpha = alpha;
    for (let i = 0; i < n; i++) {
      const node = nodes[i]!;
      dvx[i] = node.vx ?? 0;
      dvy[i] = node.vy ?? 0;
    }
    inner(alpha);
    for (let i = 0; i < n; i++) {
      const node = nodes[i]!;
      dvx[i] = (node.vx ?? 0) - dvx[i]!;
      dvy[i] = (node.vy ?? 0) - dvy[i]!;
    }
  };
  force.initialize = (next: N[], random: () => number) => {
    nodes = next;
    if (dvx.length < next.length) {
      dvx = new Float64Array(next.length);
      dvy = new Float64Array(next.length);
    }
    since = Infinity;
    inner.initialize?.(next, random);
  };
  return force;
}
