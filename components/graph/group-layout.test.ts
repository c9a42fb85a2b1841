import { describe, expect, it } from "vitest";
import { fixtureTopology } from "@/lib/graph/fixture-topology";
import { toGraphModel, type GraphModel } from "@/lib/graph/graph-model";
import { groupGraphModel, groupNodeId } from "@/lib/graph/grouping";
import { createForceLayout, type LayoutNodeInput } from "./force-layout";
import { measureNode } from "./graph-style";

const topology = fixtureTopology("grouping");
const full = toGraphModel(topology, { showStopped: false });
const SHOP = groupNodeId("project", "shop");
const collapsed = groupGraphModel(full, topology, { by: "project", expanded: { [SHOP]: false } });

function update(layout: ReturnType<typeof createForceLayout>, model: GraphModel) {
  const nodes: LayoutNodeInput[] = model.nodes.map((n) => ({
    id: n.id,
    kind: n.kind,
    ...measureNode(n),
  }));
  layout.update(nodes, model.links);
  layout.settle();
}

const copy = (layout: ReturnType<typeof createForceLayout>) =>
  new Map([...layout.positions()].map(([id, p]) => [id, { x: p.x, y: p.y }]));

describe("collapsing and expanding a group", () => {
  it("moves nothing that stays; the group appears among its networks", () => {
    const layout = createForceLayout({ animate: false });
    update(layout, full);
    const before = copy(layout);

    update(layout, collapsed);
    const after = copy(layout);
    for (const node of collapsed.nodes) {
      if (node.id !== SHOP) expect(after.get(node.id), node.id).toEqual(before.get(node.id));
    }
    const group = after.get(SHOP)!;
    const hubs = ["nl-t-fx-front", "nl-t-fx-back"].map((name) =>
      after.get(topology.networks.find((n) => n.name === name)!.id)!,
    );
    const nearest = Math.min(...hubs.map((h) => Math.hypot(h.x - group.x, h.y - group.y)));
    expect(nearest).toBeLessThan(400);

    update(layout, full);
    const expanded = copy(layout);
    for (const node of collapsed.nodes) {
      if (node.id !== SHOP) expect(expanded.get(node.id), node.id).toEqual(before.get(node.id));
    }
    layout.stop();
  });
});
