import { describe, expect, it } from "vitest";
import { fixtureTopology } from "@/lib/graph/fixture-topology";
import { toGraphModel, type GraphModel } from "@/lib/graph/graph-model";
import { createForceLayout, type LayoutNodeInput, type Positions } from "./force-layout";
import { measureNode } from "./graph-style";

function inputs(model: GraphModel) {
  const nodes: LayoutNodeInput[] = model.nodes.map((n) => ({
    id: n.id,
    kind: n.kind,
    ...measureNode(n),
  }));
  const links = model.links.map((l) => ({
    id: l.id,
    kind: l.kind,
    source: l.source,
    target: l.target,
  }));
  return { nodes, links };
}

function snapshot(positions: Positions) {
  return new Map([...positions].map(([id, p]) => [id, { x: p.x, y: p.y }]));
}

const lab = fixtureTopology("lab");

describe("force layout", () => {
  it("lays the lab out without overlapping boxes", () => {
    const layout = createForceLayout({ animate: false });
    const { nodes, links } = inputs(toGraphModel(lab, { showStopped: true }));
    layout.update(nodes, links);
    const positions = layout.positions();
    for (const [i, a] of nodes.entries()) {
      for (const b of nodes.slice(i + 1)) {
        const pa = positions.get(a.id)!;
        const pb = positions.get(b.id)!;
        const apartX = Math.abs(pa.x - pb.x) >= (a.width + b.width) / 2 - 1;
        const apartY = Math.abs(pa.y - pb.y) >= (a.height + b.height) / 2 - 1;
        expect(apartX || apartY, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
    layout.stop();
  });

  it("keeps positions of surviving nodes and seeds new ones near their network", () => {
    // No animation: we see exactly where update() put things, before any tick moves them.
    const layout = createForceLayout({ animate: false });
    const running = inputs(toGraphModel(lab, { showStopped: false }));
    layout.update(running.nodes, running.links);
    const before = snapshot(layout.positions());

    const all = inputs(toGraphModel(lab, { showStopped: true }));
    layout.update(all.nodes, all.links);
    const after = layout.positions();
    for (const [id, p] of before) expect(after.get(id)).toMatchObject(p);

    const batch = lab.containers.find((c) => c.name === "batch")!;
    const mynet = lab.networks.find((n) => n.name === "lab-mynet")!;
    const seeded = after.get(`stopped:${batch.id}`)!;
    const hub = after.get(mynet.id)!;
    expect(Math.hypot(seeded.x - hub.x, seeded.y - hub.y)).toBeLessThan(130);
    layout.stop();
  });

  it("after the first layout, moves only what a change added", () => {
    const layout = createForceLayout({ animate: false });
    const running = inputs(toGraphModel(lab, { showStopped: false }));
    layout.update(running.nodes, running.links);
    const before = snapshot(layout.positions());

    // owner-restarted: web is in a new sandbox, web-sidecar alone in its own.
    const next = inputs(toGraphModel(fixtureTopology("owner-restarted"), { showStopped: true }));
    layout.update(next.nodes, next.links);
    layout.settle();
    const after = layout.positions();
    const added = next.nodes.filter((n) => !before.has(n.id));
    expect(added.length).toBeGreaterThan(0);
    for (const [id, p] of before) {
      if (after.has(id)) expect(after.get(id), id).toMatchObject(p);
    }
    // What was added found a place clear of everything else.
    for (const a of added) {
      for (const b of next.nodes.filter((n) => n.id !== a.id)) {
        const pa = after.get(a.id)!;
        const pb = after.get(b.id)!;
        const apartX = Math.abs(pa.x - pb.x) >= (a.width + b.width) / 2 - 1;
        const apartY = Math.abs(pa.y - pb.y) >= (a.height + b.height) / 2 - 1;
        expect(apartX || apartY, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
    // Held only while settling: nothing is left pinned that the person did not pin.
    expect(next.nodes.some((n) => layout.isPinned(n.id))).toBe(false);
    layout.stop();
  });

  it("pins and releases", () => {
    const layout = createForceLayout({ animate: false });
    const { nodes, links } = inputs(toGraphModel(lab, { showStopped: false }));
    layout.update(nodes, links);
    const id = nodes[0]!.id;
    layout.pin(id, 1234, -55);
    expect(layout.isPinned(id)).toBe(true);
    expect(layout.positions().get(id)).toMatchObject({ x: 1234, y: -55 });
    layout.release(id);
    expect(layout.isPinned(id)).toBe(false);
    layout.stop();
  });

  it("holds the hubs a box is dragged onto still, without counting them as pinned", () => {
    const layout = createForceLayout({ animate: false });
    const { nodes, links } = inputs(toGraphModel(lab, { showStopped: false }));
    layout.update(nodes, links);
    const hub = nodes.find((n) => n.kind === "network")!;
    const box = nodes.find((n) => n.kind === "sandbox")!;
    const at = { ...snapshot(layout.positions()).get(hub.id)! };
    layout.hold([hub.id]);
    // The dragged box sits right on the hub: the collision would push an unheld hub away.
    layout.pin(box.id, at.x, at.y);
    layout.settle();
    expect(snapshot(layout.positions()).get(hub.id)).toEqual(at);
    expect(layout.isPinned(hub.id)).toBe(false);
    layout.unhold();
    layout.release(box.id);
    layout.settle();
    expect(snapshot(layout.positions()).get(hub.id)).not.toEqual(at);
    layout.stop();
  });
});
