import { describe, expect, it } from "vitest";
import { fixtureTopology } from "@/lib/graph/fixture-topology";
import { filterTopology, type TopologyFilter } from "./filter-topology";
import { swarmTopology } from "@/lib/topology/swarm-fixture";
import type { Topology } from "@/lib/topology/types";

const lab = fixtureTopology("lab");
const NO_FILTER: TopologyFilter = { stopped: true, drivers: [], engine: null, q: "" };
const names = (t: Topology) => t.containers.map((c) => c.name).sort();
const networkNames = (t: Topology) => t.networks.map((n) => n.name).sort();
const view = (filter: Partial<TopologyFilter>): TopologyFilter => ({
  ...NO_FILTER,
  stopped: false,
  ...filter,
});

/** Nothing left points at something that is gone. */
function expectConsistent(t: Topology) {
  const networks = new Set(t.networks.map((n) => n.id));
  const sandboxes = new Set(t.sandboxes.map((s) => s.id));
  const containers = new Set(t.containers.map((c) => c.id));
  for (const e of t.endpoints) {
    expect(networks.has(e.networkId), e.id).toBe(true);
    expect(sandboxes.has(e.sandboxId), e.id).toBe(true);
    if (e.containerId) expect(containers.has(e.containerId), e.id).toBe(true);
  }
  for (const s of t.sandboxes)
    for (const id of s.containerIds) expect(containers.has(id)).toBe(true);
  for (const task of t.tasks) {
    expect(t.services.some((s) => s.id === task.serviceId)).toBe(true);
    for (const a of task.addresses) expect(networks.has(a.networkId)).toBe(true);
  }
  for (const s of t.services) for (const id of s.networkIds) expect(networks.has(id)).toBe(true);
}

describe("filterTopology", () => {
  it("keeps everything with no filter", () => {
    expect(filterTopology(lab, NO_FILTER)).toEqual(lab);
  });

  it("leaves stopped containers out unless asked, as the map does", () => {
    const running = filterTopology(lab, view({}));
    expect(names(running)).not.toContain("batch");
    expect(running.sandboxes).toHaveLength(lab.sandboxes.length);
    expect(running.endpoints).toHaveLength(lab.endpoints.length);
    expect(names(filterTopology(lab, view({ stopped: true })))).toContain("batch");
    expectConsistent(running);
  });

  it("always keeps a container Docker failed to start", () => {
    const failed = fixtureTopology("failed-start");
    expect(names(filterTopology(failed, view({})))).toContain("ipv1");
  });

  it("narrows to networks of some drivers and what is attached to them", () => {
    const macvlan = filterTopology(lab, view({ drivers: ["macvlan"] }));
    expect(networkNames(macvlan)).toEqual(["lab-macvlan"]);
    expect(names(macvlan)).toEqual(["mv1"]);
    expectConsistent(macvlan);
    // A multi-homed container keeps only its endpoints on the wanted networks.
    const bridges = filterTopology(lab, view({ drivers: ["bridge"] }));
    expect(networkNames(bridges)).toEqual(["bridge", "lab-backend", "lab-mynet"]);
    expect(names(bridges)).toEqual(["api", "db", "legacy", "web", "web-sidecar"]);
    expectConsistent(bridges);
  });

  it("matches the none network's driver by Docker's name and by the map's", () => {
    for (const driver of ["null", "none"]) {
      expect(names(filterTopology(lab, view({ drivers: [driver] })))).toEqual(["isolated"]);
    }
  });

  it("keeps a stopped container for the drivers of the networks it is configured for", () => {
    const t = filterTopology(lab, view({ stopped: true, drivers: ["bridge"] }));
    expect(names(t)).toContain("batch");
    expect(names(filterTopology(lab, view({ stopped: true, drivers: ["macvlan"] })))).not.toContain(
      "batch",
    );
  });

  it("searches as the table does, keeping a match's whole namespace and its networks", () => {
    const sidecar = filterTopology(lab, view({ q: "sidecar" }));
    expect(names(sidecar)).toEqual(["web", "web-sidecar"]);
    expect(sidecar.sandboxes).toHaveLength(1);
    expect(networkNames(sidecar)).toEqual(["lab-mynet"]);
    expectConsistent(sidecar);
    // A matching network stays on its own.
    const backend = filterTopology(lab, view({ q: "lab-backend" }));
    expect(networkNames(backend)).toEqual(["lab-backend"]);
    expect(names(backend)).toEqual([]);
    // By address, as typed.
    expect(names(filterTopology(lab, view({ q: "10.77.0.10" })))).toEqual(["mv1"]);
  });

  it("narrows to one engine with the swarm networks it is on", () => {
    const swarm = swarmTopology();
    const node2 = filterTopology(swarm, view({ engine: "node2" }));
    expect(node2.engines.map((e) => e.id)).toEqual(["node2"]);
    expect(new Set(node2.sandboxes.map((s) => s.engineId))).toEqual(new Set(["node2"]));
    expect(new Set(node2.containers.map((c) => c.engineId))).toEqual(new Set(["node2"]));
    expect(node2.networks.every((n) => n.engineId === "node2" || n.engineId === null)).toBe(true);
    expect(networkNames(node2)).toEqual(expect.arrayContaining(["ingress", "lab-overlay"]));
    expect(node2.tasks.length).toBeGreaterThan(0);
    expectConsistent(node2);
    expect(filterTopology(swarm, view({ engine: "nope" })).containers).toEqual([]);
  });

  it("keeps every filtered swarm consistent", () => {
    const swarm = swarmTopology();
    for (const filter of [
      view({}),
      view({ drivers: ["overlay"] }),
      view({ q: "lab-svc" }),
      view({ engine: "node1", drivers: ["bridge"] }),
    ]) {
      expectConsistent(filterTopology(swarm, filter));
    }
  });
});
