import type { Force, SimulationNodeDatum } from "d3";
import { describe, expect, it } from "vitest";
import { forceEveryNthTick } from "./every-nth-tick";

type N = SimulationNodeDatum & { x: number; y: number };

/** A force that pushes each node by its index times alpha, and counts its runs. */
function counting() {
  let nodes: N[] = [];
  const calls: number[] = [];
  const force = ((alpha: number) => {
    calls.push(alpha);
    nodes.forEach((n, i) => {
      n.vx = (n.vx ?? 0) + i * alpha;
      n.vy = (n.vy ?? 0) - i * alpha;
    });
  }) as Force<N, never>;
  force.initialize = (n) => {
    nodes = n;
  };
  return { force, calls };
}

const nodes = (): N[] => [0, 1, 2].map(() => ({ x: 0, y: 0, vx: 0, vy: 0 }));

describe("forceEveryNthTick", () => {
  it("every tick: the force itself", () => {
    const inner = counting();
    const ns = nodes();
    const f = forceEveryNthTick(inner.force, () => 1);
    f.initialize?.(ns, Math.random);
    f(1);
    f(0.5);
    expect(inner.calls).toEqual([1, 0.5]);
    expect(ns.map((n) => n.vx)).toEqual([0, 1.5, 3]);
  });

  it("every other tick: the push again between runs, scaled by the cooling", () => {
    const inner = counting();
    const ns = nodes();
    const f = forceEveryNthTick(inner.force, () => 2);
    f.initialize?.(ns, Math.random);
    f(1);
    f(0.5);
    f(0.25);
    expect(inner.calls).toEqual([1, 0.25]);
    // Tick 2 reused tick 1's push at half the alpha: the same as running the force.
    expect(ns.map((n) => n.vx)).toEqual([0, 1.75, 3.5]);
    expect(ns.map((n) => n.vy)).toEqual([0, -1.75, -3.5]);
  });

  it("runs the force at once after the nodes change", () => {
    const inner = counting();
    const f = forceEveryNthTick(inner.force, () => 2);
    f.initialize?.(nodes(), Math.random);
    f(1);
    f.initialize?.(nodes(), Math.random);
    f(0.9);
    expect(inner.calls).toEqual([1, 0.9]);
  });
});
