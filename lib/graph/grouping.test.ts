import { describe, expect, it } from "vitest";
import { swarmTopology } from "../topology/swarm-fixture";
import type { Topology } from "../topology/types";
import { fixtureTopology } from "./fixture-topology";
import { toGraphModel, type GraphModel } from "./graph-model";
import {
  groupGraphModel,
  groupModes,
  groupNodeId,
  isGroupExpanded,
  parseGroupNodeId,
  type GroupLink,
  type GroupNode,
} from "./grouping";

// The lab plus compose projects shop (web with a container: sidecar, api, db, a stopped worker)
// and blog (web, cache), and a stack stk (a), on nl-t-fx-front and nl-t-fx-back.
const grouping = fixtureTopology("grouping");
const lab = fixtureTopology("lab");
const swarm = swarmTopology();

const SHOP = groupNodeId("project", "shop");
const BLOG = groupNodeId("project", "blog");

const idOf = (topology: Topology, name: string) => {
  const container = topology.containers.find((c) => c.name === name);
  if (!container) throw new Error(`the fixture has no container ${name}`);
  return container.id;
};
const networkId = (topology: Topology, name: string) =>
  topology.networks.find((n) => n.name === name)!.id;
const groups = (m: GraphModel) => m.nodes.filter((n): n is GroupNode => n.kind === "group");
const groupLinks = (m: GraphModel) => m.links.filter((l): l is GroupLink => l.kind === "group");

/** Every link's ends are drawn: the layout must never get a dangling one. */
function expectWhole(model: GraphModel) {
  const ids = new Set(model.nodes.map((n) => n.id));
  for (const link of model.links) {
    expect(ids.has(link.source), `${link.id} source`).toBe(true);
    expect(ids.has(link.target), `${link.id} target`).toBe(true);
  }
  expect(ids.size).toBe(model.nodes.length);
}

describe("groupGraphModel by compose project", () => {
  const full = toGraphModel(grouping, { showStopped: false });
  const collapsed = { [SHOP]: false, [BLOG]: false };

  it("folds each collapsed project into one node with its counts", () => {
    const model = groupGraphModel(full, grouping, { by: "project", expanded: collapsed });
    expectWhole(model);
    const byId = new Map(groups(model).map((g) => [g.id, g]));
    expect([...byId.keys()].sort()).toEqual([BLOG, SHOP]);
    // web and its sidecar share one namespace; the worker is stopped (and not drawn).
    expect(byId.get(SHOP)).toMatchObject({ key: "shop", running: 4, stopped: 1, sandboxes: 3 });
    expect(byId.get(BLOG)).toMatchObject({ key: "blog", running: 2, stopped: 0, sandboxes: 2 });
    expect(byId.get(SHOP)!.containerIds).toContain(idOf(grouping, "nl-t-fx-shop-side"));
    // Their boxes are gone; everything else (the lab, the stack, every network) is as it was.
    const drawn = new Set(model.nodes.map((n) => n.id));
    for (const sandboxId of byId.get(SHOP)!.sandboxIds) expect(drawn.has(sandboxId)).toBe(false);
    for (const node of full.nodes) {
      if (node.kind === "network") expect(drawn.has(node.id)).toBe(true);
    }
    const stk = grouping.containers.find((c) => c.name === "nl-t-fx-stk-a")!;
    expect(drawn.has(stk.sandboxId!)).toBe(true);
  });

  it("links a collapsed group once to each of its networks, with its endpoint count", () => {
    const model = groupGraphModel(full, grouping, { by: "project", expanded: collapsed });
    const front = networkId(grouping, "nl-t-fx-front");
    const back = networkId(grouping, "nl-t-fx-back");
    const links = groupLinks(model).map((l) => [l.source, l.target, l.endpoints]);
    expect(links).toEqual(
      expect.arrayContaining([
        [SHOP, front, 1],
        [SHOP, back, 3],
        [BLOG, front, 2],
      ]),
    );
    expect(links).toHaveLength(3);
    // No endpoint of a folded box is left behind.
    const folded = new Set(groups(model).flatMap((g) => g.sandboxIds));
    expect(model.links.some((l) => folded.has(l.source) || folded.has(l.target))).toBe(false);
  });

  it("counts a drawn stopped member's configured network on the group's link", () => {
    const withStopped = toGraphModel(grouping, { showStopped: true });
    const model = groupGraphModel(withStopped, grouping, { by: "project", expanded: collapsed });
    expectWhole(model);
    const back = groupLinks(model).find(
      (l) => l.source === SHOP && l.target === networkId(grouping, "nl-t-fx-back"),
    );
    expect(back).toMatchObject({ endpoints: 3, configured: 1 });
    expect(groups(model).find((g) => g.id === SHOP)!.containerIds).toContain(
      idOf(grouping, "nl-t-fx-shop-worker"),
    );
  });

  it("draws a small map expanded unless a group is collapsed by hand", () => {
    expect(isGroupExpanded(grouping, {}, SHOP)).toBe(true);
    expect(groupGraphModel(full, grouping, { by: "project", expanded: {} })).toBe(full);
    const model = groupGraphModel(full, grouping, { by: "project", expanded: { [SHOP]: false } });
    expect(groups(model).map((g) => g.id)).toEqual([SHOP]);
  });

  it("groups by stack label, and leaves unlabelled containers alone", () => {
    const stk = groupNodeId("stack", "stk");
    const model = groupGraphModel(full, grouping, { by: "stack", expanded: { [stk]: false } });
    expect(groups(model)).toEqual([
      expect.objectContaining({ id: stk, running: 1, stopped: 0, sandboxes: 1 }),
    ]);
    expect(
      groupGraphModel(toGraphModel(lab, { showStopped: true }), lab, {
        by: "project",
        expanded: {},
      }),
    ).toEqual(toGraphModel(lab, { showStopped: true }));
  });

  it("draws the map as it is with no grouping", () => {
    expect(groupGraphModel(full, grouping, { by: "none", expanded: collapsed })).toBe(full);
  });
});

describe("groupGraphModel on the two-node swarm", () => {
  const full = toGraphModel(swarm, { showStopped: false });

  it("offers node and engine only when the map has them", () => {
    expect(groupModes(swarm)).toEqual(["none", "project", "stack", "node", "engine"]);
    expect(groupModes(lab)).toEqual(["none", "project", "stack"]);
  });

  it("folds each engine's container boxes, keeping Swarm's own namespaces", () => {
    const expanded = Object.fromEntries(
      swarm.engines.map((e) => [groupNodeId("engine", e.id), false]),
    );
    const model = groupGraphModel(full, swarm, { by: "engine", expanded });
    expectWhole(model);
    expect(groups(model).map((g) => [g.key, g.region])).toEqual(
      expect.arrayContaining(swarm.engines.map((e) => [e.id, e.id])),
    );
    const kinds = new Set(
      model.nodes.flatMap((n) => (n.kind === "sandbox" ? [n.sandboxKind] : [])),
    );
    expect(kinds.has("container")).toBe(false);
    expect(kinds.has("ingress")).toBe(true);
    expect(kinds.has("load-balancer")).toBe(true);
    // A service's tasks in a folded box: its link goes to the group instead, once.
    const taskTargets = model.links.flatMap((l) => (l.kind === "task" ? [l.target] : []));
    expect(taskTargets.some((t) => t.startsWith("group:"))).toBe(true);
  });

  it("groups by swarm node host name", () => {
    const expanded = Object.fromEntries(
      swarm.nodes.map((n) => [groupNodeId("node", n.hostname), false]),
    );
    const model = groupGraphModel(full, swarm, { by: "node", expanded });
    expectWhole(model);
    expect(groups(model).length).toBeGreaterThan(0);
    for (const g of groups(model)) {
      expect(swarm.nodes.map((n) => n.hostname)).toContain(g.key);
    }
  });
});

describe("group node ids", () => {
  it("round-trips, keys with colons included", () => {
    expect(parseGroupNodeId(groupNodeId("engine", "a:b"))).toEqual({ by: "engine", key: "a:b" });
    expect(parseGroupNodeId("group:nope:x")).toBeNull();
    expect(parseGroupNodeId("group:project:")).toBeNull();
    expect(parseGroupNodeId("sandbox-id")).toBeNull();
  });
});
