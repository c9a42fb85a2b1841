import { describe, expect, it } from "vitest";
import { fixtureTopology } from "./fixture-topology";
import { focusGraphModel } from "./focus";
import { toGraphModel, type GraphModel } from "./graph-model";
import { groupGraphModel, groupNodeId } from "./grouping";

// The lab plus compose projects shop and blog and a stack, on nl-t-fx-front and nl-t-fx-back.
const topology = fixtureTopology("grouping");
const model = toGraphModel(topology, { showStopped: false });

const container = (name: string) => topology.containers.find((c) => c.name === name)!;
const network = (name: string) => topology.networks.find((n) => n.name === name)!.id;
const nodeIds = (m: GraphModel) => m.nodes.map((n) => n.id).sort();

/** The boxes of these containers and these networks, as node ids. */
function expected(names: { boxes: string[]; networks: string[] }) {
  return [
    ...names.boxes.map((name) => container(name).sandboxId!),
    ...names.networks.map(network),
  ].sort();
}

describe("focusGraphModel", () => {
  it("a container, 1 hop: its box and its networks", () => {
    const focused = focusGraphModel(model, {
      target: { kind: "container", id: container("nl-t-fx-shop-api").id },
      hops: 1,
    });
    expect(nodeIds(focused)).toEqual(
      expected({ boxes: ["nl-t-fx-shop-api"], networks: ["nl-t-fx-back"] }),
    );
    expect(focused.links.map((l) => l.kind)).toEqual(["endpoint"]);
  });

  it("a container, 2 hops: and the other boxes on those networks", () => {
    const focused = focusGraphModel(model, {
      target: { kind: "container", id: container("nl-t-fx-shop-api").id },
      hops: 2,
    });
    expect(nodeIds(focused)).toEqual(
      expected({
        boxes: ["nl-t-fx-shop-api", "nl-t-fx-shop-web", "nl-t-fx-shop-db", "nl-t-fx-stk-a"],
        networks: ["nl-t-fx-back"],
      }),
    );
    // shop-web is also on front, but that is a third hop.
    expect(focused.nodes.some((n) => n.id === network("nl-t-fx-front"))).toBe(false);
    const kept = new Set(focused.nodes.map((n) => n.id));
    for (const l of focused.links) expect(kept.has(l.source) && kept.has(l.target)).toBe(true);
  });

  it("a sidecar is focused through the box it lives in", () => {
    const focused = focusGraphModel(model, {
      target: { kind: "container", id: container("nl-t-fx-shop-side").id },
      hops: 1,
    });
    expect(nodeIds(focused)).toEqual(
      expected({ boxes: ["nl-t-fx-shop-web"], networks: ["nl-t-fx-front", "nl-t-fx-back"] }),
    );
  });

  it("a network, 1 hop: its boxes; 2 hops: and their other networks", () => {
    const target = { kind: "network" as const, id: network("nl-t-fx-front") };
    expect(nodeIds(focusGraphModel(model, { target, hops: 1 }))).toEqual(
      expected({
        boxes: ["nl-t-fx-shop-web", "nl-t-fx-blog-web", "nl-t-fx-blog-cache"],
        networks: ["nl-t-fx-front"],
      }),
    );
    expect(nodeIds(focusGraphModel(model, { target, hops: 2 }))).toEqual(
      expected({
        boxes: ["nl-t-fx-shop-web", "nl-t-fx-blog-web", "nl-t-fx-blog-cache"],
        networks: ["nl-t-fx-front", "nl-t-fx-back"],
      }),
    );
  });

  it("a container folded into a collapsed group is focused through the group", () => {
    const shop = groupNodeId("project", "shop");
    const grouped = groupGraphModel(model, topology, {
      by: "project",
      expanded: { [shop]: false },
    });
    const focused = focusGraphModel(grouped, {
      target: { kind: "container", id: container("nl-t-fx-shop-db").id },
      hops: 1,
    });
    expect(nodeIds(focused)).toEqual(
      [shop, network("nl-t-fx-front"), network("nl-t-fx-back")].sort(),
    );
  });

  it("leaves the map whole when the focus is not on it", () => {
    const gone = {
      target: { kind: "container" as const, id: "no-such-container" },
      hops: 1 as const,
    };
    expect(focusGraphModel(model, gone)).toBe(model);
  });
});
