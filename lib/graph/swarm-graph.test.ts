import { describe, expect, it } from "vitest";
import { swarmPart, swarmTopology } from "../topology/swarm-fixture";
import type { Topology } from "../topology/types";
import {
  toGraphModel,
  type EndpointLink,
  type GraphModel,
  type NetworkNode,
  type SandboxNode,
} from "./graph-model";
import { relatedTo } from "./selection";
import {
  remoteTaskNodeId,
  serviceNodeId,
  serviceSummary,
  taskProblems,
  type RemoteTaskNode,
  type ServiceNode,
  type TaskLink,
} from "./swarm-graph";

const lab = swarmTopology();
const svc = lab.services.find((s) => s.name === "lab-svc")!;
const overlay = lab.networks.find((n) => n.name === "lab-overlay")!;

const networks = (m: GraphModel) => m.nodes.filter((n): n is NetworkNode => n.kind === "network");
const sandboxes = (m: GraphModel) => m.nodes.filter((n): n is SandboxNode => n.kind === "sandbox");
const services = (m: GraphModel) => m.nodes.filter((n): n is ServiceNode => n.kind === "service");
const remotes = (m: GraphModel) =>
  m.nodes.filter((n): n is RemoteTaskNode => n.kind === "remoteTask");
const taskLinks = (m: GraphModel) => m.links.filter((l): l is TaskLink => l.kind === "task");

/** The recorded lab as if Netlens reached only node1: node2's tasks are known from the manager. */
function onlyNode1(): Topology {
  const t = swarmTopology([swarmPart("node1")]);
  expect(t.nodes.find((n) => n.hostname === "node2")?.engineId).toBeNull();
  return t;
}

describe("graph model of the recorded two-node swarm", () => {
  const model = toGraphModel(lab, { showStopped: false });

  it("has a region per engine, in order, with its swarm role", () => {
    expect(model.regions.map((r) => [r.id, r.role, r.status])).toEqual([
      ["node1", "manager", "up"],
      ["node2", "worker", "up"],
    ]);
  });

  it("puts local networks in their engine's region and swarm networks in none", () => {
    const byName = (name: string) => networks(model).filter((n) => n.name === name);
    for (const name of ["bridge", "host", "none", "docker_gwbridge"]) {
      expect(
        byName(name)
          .map((n) => n.region)
          .sort(),
      ).toEqual(["node1", "node2"]);
    }
    // The overlay is one network of the cluster: drawn once, spanning both regions.
    expect(byName("lab-overlay")).toEqual([expect.objectContaining({ region: null })]);
    expect(byName("ingress")).toEqual([
      expect.objectContaining({ region: null, swarmRole: "ingress" }),
    ]);
    expect(byName("docker_gwbridge")[0]?.swarmRole).toBe("gateway-bridge");
  });

  it("draws the overlay with endpoints from both regions", () => {
    const regionOf = new Map(model.nodes.map((n) => [n.id, n.region]));
    const onOverlay = model.links.filter(
      (l): l is EndpointLink => l.kind === "endpoint" && l.target === overlay.id,
    );
    expect(new Set(onOverlay.map((l) => regionOf.get(l.source)))).toEqual(
      new Set(["node1", "node2"]),
    );
  });

  it("puts every container's sandbox in its engine's region", () => {
    for (const container of lab.containers) {
      const box = sandboxes(model).find((s) => s.containerIds.includes(container.id));
      expect(box?.region, container.name).toBe(container.engineId);
    }
  });

  it("draws Swarm's own namespaces as small titled nodes, not as containers", () => {
    const swarmOwn = sandboxes(model).filter(
      (s) => s.sandboxKind === "ingress" || s.sandboxKind === "load-balancer",
    );
    expect(swarmOwn.map((s) => s.title).sort()).toEqual([
      "load balancer for lab-overlay on node1",
      "load balancer for lab-overlay on node2",
      "routing mesh (ingress-sbox) on node1",
      "routing mesh (ingress-sbox) on node2",
    ]);
    for (const s of swarmOwn) expect(s.containerIds).toEqual([]);
  });

  it("groups the service's tasks: a service node linked to each task's box", () => {
    expect(services(model)).toEqual([
      expect.objectContaining({
        name: "lab-svc",
        summary: "lab-svc · dnsrr · 2/2 running",
        // Its tasks run on both nodes: the service spans the regions.
        region: null,
        problems: [],
        degraded: false,
      }),
    ]);
    const links = taskLinks(model).filter((l) => l.source === serviceNodeId(svc.id));
    const boxes = links.map((l) => sandboxes(model).find((s) => s.id === l.target));
    expect(boxes.map((b) => b?.region).sort()).toEqual(["node1", "node2"]);
    for (const task of lab.tasks) {
      const box = boxes.find((b) => b?.containerIds.includes(task.containerId ?? ""));
      expect(box, task.id).toBeDefined();
    }
    // Every task is reached here: nothing is drawn from the manager's word alone.
    expect(remotes(model)).toEqual([]);
  });

  it("selecting the service lights up its tasks", () => {
    const related = relatedTo(model, { kind: "service", id: svc.id });
    expect(related.primary).toEqual(new Set([serviceNodeId(svc.id)]));
    for (const l of taskLinks(model)) expect(related.nodes.has(l.target)).toBe(true);
  });

  it("filters to one engine, keeping the swarm networks it is on", () => {
    const node2 = toGraphModel(lab, { showStopped: false, region: "node2" });
    expect(node2.regions.map((r) => r.id)).toEqual(["node2"]);
    expect(node2.nodes.filter((n) => n.region === "node1")).toEqual([]);
    expect(networks(node2).map((n) => n.name)).toContain("lab-overlay");
    // The service stays, linked only to the task that runs on node2.
    expect(taskLinks(node2)).toHaveLength(1);
    const ids = new Set(node2.nodes.map((n) => n.id));
    for (const l of node2.links) expect(ids.has(l.source) && ids.has(l.target)).toBe(true);
  });
});

describe("a node Netlens does not reach", () => {
  const topology = onlyNode1();
  const model = toGraphModel(topology, { showStopped: false });
  const node2 = topology.nodes.find((n) => n.hostname === "node2")!;
  const remoteTask = topology.tasks.find((t) => t.nodeId === node2.id)!;

  it("draws its task from the manager's word, linked to the overlay with its address", () => {
    expect(remotes(model)).toEqual([
      expect.objectContaining({
        id: remoteTaskNodeId(remoteTask.id),
        label: `lab-svc.${remoteTask.slot}`,
        nodeHostname: "node2",
        state: "running",
      }),
    ]);
    const link = model.links.find(
      (l): l is EndpointLink =>
        l.kind === "endpoint" && l.source === remoteTaskNodeId(remoteTask.id),
    );
    expect(link).toMatchObject({
      target: overlay.id,
      ipv4Address: remoteTask.addresses[0]?.address,
      taskId: remoteTask.id,
    });
  });

  it("gives the unreached node a region of its own", () => {
    const region = model.regions.find((r) => r.engineId === null);
    expect(region).toMatchObject({ name: "node2", role: "worker", status: "up" });
    expect(remotes(model)[0]?.region).toBe(region?.id);
  });
});

describe("service labels and failures", () => {
  it("says replicas as running/wanted, or global with a count", () => {
    expect(serviceSummary(svc, 2)).toBe("lab-svc · dnsrr · 2/2 running");
    expect(serviceSummary({ ...svc, replicas: 3 }, 2)).toBe("lab-svc · dnsrr · 2/3 running");
    expect(serviceSummary({ ...svc, replicas: null, endpointMode: "vip" }, 2)).toBe(
      "lab-svc · vip · global · 2 running",
    );
  });

  it("shows a failed current task's error, and forgets a failure its slot got over", () => {
    // Docker's own words for a task it cannot place, on the recorded task.
    const error = "no suitable node (scheduling constraints not satisfied on 2 nodes)";
    const [first, second] = lab.tasks;
    const pending = { ...first!, state: "pending", error, containerId: null, nodeId: null };
    const failing: Topology = { ...lab, tasks: [pending, second!] };
    expect(taskProblems(failing, svc)).toEqual([
      expect.objectContaining({ taskId: first!.id, state: "pending", error }),
    ]);
    const model = toGraphModel(failing, { showStopped: false });
    // Pending on no node, it runs nowhere: no node of its own on the map.
    expect(remotes(model)).toEqual([]);
    expect(services(model)[0]).toMatchObject({
      summary: "lab-svc · dnsrr · 1/2 running",
      degraded: true,
      problems: [expect.objectContaining({ error })],
    });

    // An old failure, replaced by a running task in the same slot, is history.
    const old = { ...first!, id: "old", desiredState: "shutdown", state: "failed", error };
    expect(taskProblems({ ...lab, tasks: [old, ...lab.tasks] }, svc)).toEqual([]);
  });
});

describe("an engine down", () => {
  it("keeps its last known part, marked down in its region", () => {
    const parts = [
      swarmPart("node1"),
      {
        ...swarmPart("node2"),
        status: "down" as const,
        message: "connect ENOENT /run/netlens-swarm/node2/docker.sock",
      },
    ];
    const model = toGraphModel(swarmTopology(parts), { showStopped: false });
    expect(model.regions.find((r) => r.id === "node2")).toMatchObject({
      status: "down",
      message: "connect ENOENT /run/netlens-swarm/node2/docker.sock",
    });
    expect(model.nodes.some((n) => n.region === "node2")).toBe(true);
  });
});
