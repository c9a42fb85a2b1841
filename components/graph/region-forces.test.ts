import { describe, expect, it } from "vitest";
import { toGraphModel } from "@/lib/graph/graph-model";
import { swarmTopology } from "@/lib/topology/swarm-fixture";
import { createForceLayout, type LayoutNodeInput } from "./force-layout";
import { measureNode } from "./graph-style";

describe("a map of regions", () => {
  it("lays each engine out in its own column, with the swarm networks between", () => {
    const model = toGraphModel(swarmTopology(), { showStopped: false });
    const nodes: LayoutNodeInput[] = model.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      region: n.region,
      ...measureNode(n),
    }));
    const layout = createForceLayout({ animate: false });
    layout.update(
      nodes,
      model.links.map((l) => ({ id: l.id, kind: l.kind, source: l.source, target: l.target })),
      model.regions.map((r) => r.id),
    );
    const extent = (region: string | null) => {
      const xs = nodes
        .filter((n) => n.region === region)
        .flatMap((n) => {
          const p = layout.positions().get(n.id)!;
          return [p.x - n.width / 2, p.x + n.width / 2];
        });
      return { min: Math.min(...xs), max: Math.max(...xs) };
    };
    const node1 = extent("node1");
    const node2 = extent("node2");
    const lane = extent(null);
    expect(node1.max).toBeLessThan(lane.min);
    expect(lane.max).toBeLessThan(node2.min);
    layout.stop();
  });
});
