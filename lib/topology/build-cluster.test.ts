import { describe, expect, it } from "vitest";
import { applyPatch, diffTopology } from "./patch";
import { swarmPart, swarmTopology } from "./swarm-fixture";
import type { Topology } from "./types";

// The two-node lab as recorded from the real engines (scripts/record-swarm-fixtures.sh): node1
// the manager, node2 the worker; overlay lab-overlay, service lab-svc (dnsrr, a task a node),
// container lab-solo on node2.
const both = swarmTopology();
const overlayOf = (t: Topology) => t.networks.filter((n) => n.name === "lab-overlay");

describe("buildCluster on the recorded two-node lab", () => {
  it("draws a swarm network once, with the endpoints of every reached node, each with its engine", () => {
    expect(overlayOf(both)).toHaveLength(1);
    const overlay = overlayOf(both)[0];
    expect(overlay).toMatchObject({ scope: "swarm", engineId: null, swarmRole: null });
    const onOverlay = both.endpoints.filter((e) => e.networkId === overlay?.id);
    // A task on each node, lab-solo on node2, and each node's load balancer.
    expect(onOverlay.filter((e) => e.engineId === "node1")).toHaveLength(2);
    expect(onOverlay.filter((e) => e.engineId === "node2")).toHaveLength(3);
    for (const e of onOverlay) {
      const container = both.containers.find((c) => c.id === e.containerId);
      if (container) expect(container.engineId).toBe(e.engineId);
      else expect(e.sandboxId).toBe(`lb-lab-overlay@${e.engineId}`);
    }
  });

  it("models Swarm's own sandboxes and networks as what they are, not as containers", () => {
    const own = both.sandboxes.filter((s) => s.kind !== "container" && s.kind !== "host");
    expect(own.map((s) => `${s.kind} ${s.id}`).sort()).toEqual([
      "ingress ingress-sbox@node1",
      "ingress ingress-sbox@node2",
      "load-balancer lb-lab-overlay@node1",
      "load-balancer lb-lab-overlay@node2",
    ]);
    expect(own.every((s) => s.containerIds.length === 0)).toBe(true);
    const ingress = both.networks.filter((n) => n.swarmRole === "ingress");
    expect(ingress.map((n) => [n.name, n.engineId])).toEqual([["ingress", null]]);
    const gw = both.networks.filter((n) => n.swarmRole === "gateway-bridge");
    expect(gw.map((n) => [n.name, n.engineId])).toEqual([
      ["docker_gwbridge", "node1"],
      ["docker_gwbridge", "node2"],
    ]);
    // Each overlay task also has its way out on its node's docker_gwbridge, which its inspect omits.
    for (const c of both.containers.filter((x) => x.taskId)) {
      const out = both.endpoints.filter(
        (e) => e.containerId === c.id && gw.some((n) => n.id === e.networkId),
      );
      expect(out).toHaveLength(1);
      expect(out[0]?.sandboxId).toBe(c.sandboxId);
    }
  });

  it("keeps each engine's bridge, host and none apart", () => {
    for (const engineId of ["node1", "node2"]) {
      expect(
        both.networks
          .filter((n) => n.predefined && n.engineId === engineId)
          .map((n) => n.name)
          .sort(),
      ).toEqual(["bridge", "host", "none"]);
    }
  });

  it("takes engines, nodes, services and tasks from the manager, tied to the engines that reach them", () => {
    expect(both.engines.map((e) => [e.id, e.status, e.swarm?.role])).toEqual([
      ["node1", "up", "manager"],
      ["node2", "up", "worker"],
    ]);
    // A worker's own info has no cluster id: the manager's node list vouches for it.
    const [c1, c2] = both.engines.map((e) => e.swarm?.clusterId);
    expect(c1).toBeTruthy();
    expect(c2).toBe(c1);
    expect(both.nodes.map((n) => [n.hostname, n.role, n.engineId, n.state])).toEqual([
      ["node1", "manager", "node1", "ready"],
      ["node2", "worker", "node2", "ready"],
    ]);
    const svc = both.services.find((s) => s.name === "lab-svc");
    expect(svc).toMatchObject({
      mode: "replicated",
      replicas: 2,
      runningTasks: 2,
      endpointMode: "dnsrr",
      virtualIPs: [],
      networkIds: [overlayOf(both)[0]?.id],
    });
    const tasks = both.tasks.filter((t) => t.serviceId === svc?.id && t.state === "running");
    expect(tasks.map((t) => t.slot).sort()).toEqual([1, 2]);
    for (const t of tasks) {
      const container = both.containers.find((c) => c.id === t.containerId);
      const node = both.nodes.find((n) => n.id === t.nodeId);
      expect(container).toMatchObject({ taskId: t.id, serviceId: svc?.id });
      expect(container?.engineId).toBe(node?.engineId);
      // The manager's address for the task is the one its container's endpoint has.
      const address = t.addresses.find((a) => a.networkId === overlayOf(both)[0]?.id)?.address;
      expect(
        both.endpoints.some((e) => e.containerId === container?.id && e.ipv4Address === address),
      ).toBe(true);
    }
  });

  it("with only the manager reached, the worker's tasks keep their overlay addresses", () => {
    const managerOnly = swarmTopology([swarmPart("node1")]);
    expect(managerOnly.containers.every((c) => c.engineId === "node1")).toBe(true);
    expect(managerOnly.nodes.find((n) => n.hostname === "node2")?.engineId).toBeNull();
    const node2 = managerOnly.nodes.find((n) => n.hostname === "node2");
    const remote = managerOnly.tasks.filter((t) => t.nodeId === node2?.id && t.state === "running");
    expect(remote).toHaveLength(1);
    expect(remote[0]?.addresses.map((a) => a.networkId)).toEqual([overlayOf(managerOnly)[0]?.id]);
  });

  it("keeps a down engine's last known part, marked down, beside the live one", () => {
    const down = { ...swarmPart("node2"), status: "down" as const, message: "connection refused" };
    const t = swarmTopology([swarmPart("node1"), down]);
    expect(t.engines.find((e) => e.id === "node2")).toMatchObject({
      status: "down",
      message: "connection refused",
    });
    expect(t.containers.filter((c) => c.engineId === "node2").length).toBeGreaterThan(0);
    // A down engine that was never reached is listed, with nothing of it on the map.
    const never = swarmTopology([swarmPart("node1"), { ...down, snapshot: null }]);
    expect(never.engines.find((e) => e.id === "node2")).toMatchObject({
      status: "down",
      hostname: null,
      swarm: null,
    });
    expect(never.containers.some((c) => c.engineId === "node2")).toBe(false);
  });

  it("patches from one cluster state to another like any topology", () => {
    const managerOnly = swarmTopology([swarmPart("node1")]);
    const patch = diffTopology(managerOnly, both);
    if (!patch) throw new Error("no patch between two different cluster states");
    expect(patch.upserts.engines?.map((e) => e.id)).toEqual(["node2"]);
    expect(JSON.stringify(applyPatch(managerOnly, patch))).toBe(JSON.stringify(both));
  });
});
