import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { fixtureTopology } from "@/lib/graph/fixture-topology";
import { topologyToDot } from "./export-dot";
import { toExportModel, type ExportCluster, type ExportScope } from "./export-model";
import { GROUP_BY } from "@/lib/topology/group-key";
import { swarmPart, swarmTopology } from "@/lib/topology/swarm-fixture";
import type { FixtureName } from "@/lib/topology/test-fixtures";
import type { Topology } from "@/lib/topology/types";

const lab = fixtureTopology("lab");

function clusters(scope: ExportScope): ExportCluster[] {
  return scope.clusters.flatMap((c) => [c, ...clusters(c)]);
}
const sandboxClusters = (t: Topology, group: Parameters<typeof toExportModel>[1] = "none") =>
  clusters(toExportModel(t, group).root).filter((c) => c.kind === "sandbox");
const containerNames = (c: ExportCluster) =>
  c.nodes.filter((n) => n.kind === "container").map((n) => n.lines[0]);

/** Graphviz's own verdict: `dot -Tsvg` exits 0 without a warning. */
function renderDot(dot: string): string {
  const result = spawnSync("dot", ["-Tsvg"], { input: dot, encoding: "utf8" });
  if (result.error) throw new Error(`Graphviz's dot is missing (apt-get install graphviz)`);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return result.stdout;
}

describe("the DOT export", () => {
  it("draws one cluster per sandbox, the shared namespace as one", () => {
    const sandboxes = sandboxClusters(lab);
    expect(sandboxes).toHaveLength(lab.sandboxes.length);
    const dot = topologyToDot(lab);
    expect(dot.match(/subgraph "cluster_sandbox_\d+"/g)).toHaveLength(lab.sandboxes.length);
    const web = sandboxes.find((c) => c.label === "web, web-sidecar");
    expect(web && containerNames(web)).toEqual(["web", "web-sidecar"]);
  });

  it("names the host's namespace and gives none-mode its own, unaddressed", () => {
    const host = sandboxClusters(lab).find((c) => c.sandboxKind === "host");
    expect(host?.label).toBe("host network namespace");
    expect(host && containerNames(host)).toEqual(["hostnet"]);
    const dot = topologyToDot(lab);
    const isolated = lab.containers.find((c) => c.name === "isolated")!;
    const none = lab.networks.find((n) => n.name === "none")!;
    expect(dot).toContain(`"container:${isolated.id}" -- "network:${none.id}" [];`);
  });

  it("draws networks as hubs and endpoints labelled with their addresses and short aliases", () => {
    const dot = topologyToDot(lab);
    expect(dot).toMatch(/\[label="lab-mynet\\nbridge\\n172\.20\.0\.0\/16", shape="hexagon"/);
    expect(dot).toMatch(/\[label="lab-backend\\nbridge · internal\\n172\.21\.0\.0\/24"/);
    expect(dot).toContain('[label="172.20.0.2\\naka www"]');
    expect(dot).toContain("0.0.0.0:8080→80/tcp");
  });

  it("draws a stopped container dashed, linked to its configured networks", () => {
    const batch = lab.containers.find((c) => c.name === "batch")!;
    const mynet = lab.networks.find((n) => n.name === "lab-mynet")!;
    const dot = topologyToDot(lab);
    expect(dot).toMatch(
      /"container:[0-9a-f]+" \[label="batch\\nexited, exit code 0", [^\n]*dashed/,
    );
    expect(dot).toContain(
      `"container:${batch.id}" -- "network:${mynet.id}" [style="dashed", color="grey60"];`,
    );
  });

  it("is the same whatever order the engine listed things in", () => {
    const shuffled: Topology = {
      ...lab,
      networks: [...lab.networks].reverse(),
      containers: [...lab.containers].reverse(),
      sandboxes: [...lab.sandboxes].reverse(),
      endpoints: [...lab.endpoints].reverse(),
    };
    expect(topologyToDot(shuffled)).toBe(topologyToDot(lab));
  });

  it("puts each engine in its own cluster, its ids prefixed, Swarm's namespaces named", () => {
    const swarm = swarmTopology();
    const model = toExportModel(swarm, "none");
    expect(model.root.clusters.map((c) => c.label)).toEqual(["engine node1", "engine node2"]);
    // Swarm-scope networks and services span the engines: outside both.
    expect(model.root.nodes.map((n) => n.lines[0]).sort()).toEqual([
      "ingress",
      "lab-overlay",
      "service lab-svc",
    ]);
    const labels = sandboxClusters(swarm).map((c) => c.label);
    expect(labels).toContain("routing mesh (ingress-sbox) on node1");
    expect(labels).toContain("load balancer for lab-overlay on node2");
    const dot = topologyToDot(swarm);
    expect(dot).toMatch(/"node2\/container:[0-9a-f]+"/);
    expect(dot).toMatch(/"swarm\/network:[0-9a-z]+"/);
  });

  it("wraps the sandboxes of each compose project in a cluster of its own", () => {
    const grouping = fixtureTopology("grouping");
    const groups = clusters(toExportModel(grouping, "project").root).filter(
      (c) => c.kind === "group",
    );
    expect(groups.map((g) => g.label)).toEqual(["compose project blog", "compose project shop"]);
    const shop = groups[1]!;
    expect(shop.clusters.map((c) => c.label)).toEqual([
      "nl-t-fx-shop-api",
      "nl-t-fx-shop-db",
      "nl-t-fx-shop-web, nl-t-fx-shop-side",
    ]);
    // The stopped member is in its project too.
    expect(shop.nodes.map((n) => n.lines[0])).toEqual(["nl-t-fx-shop-worker"]);
    expect(topologyToDot(grouping, "project")).toContain('subgraph "cluster_group_');
    const stacks = clusters(toExportModel(grouping, "stack").root).filter(
      (c) => c.kind === "group",
    );
    expect(stacks.map((g) => g.label)).toEqual(["stack stk"]);
  });

  it("quotes every id and label, whatever a name holds", () => {
    const odd = 'we"ird\\net.wörk-🙂 {x} [y];';
    const t: Topology = {
      ...lab,
      networks: lab.networks.map((n) => (n.name === "lab-mynet" ? { ...n, name: odd } : n)),
      containers: lab.containers.map((c) => (c.name === "web" ? { ...c, name: "web\nnew" } : c)),
    };
    const svg = renderDot(topologyToDot(t));
    // Graphviz writes "-" as &#45; in its SVG.
    expect(svg).toContain("we&quot;ird\\net.wörk&#45;🙂 {x} [y];");
  });

  const fixtures: FixtureName[] = [
    "lab",
    "owner-stopped",
    "owner-restarted",
    "failed-start",
    "reach",
    "grouping",
  ];
  it.each(fixtures)("passes dot -Tsvg: %s, every grouping", (name) => {
    const t = fixtureTopology(name);
    for (const group of ["none", ...GROUP_BY] as const) {
      expect(renderDot(topologyToDot(t, group))).toContain("<svg");
    }
  });

  it("passes dot -Tsvg: the two-node swarm, and with node2 not reached, every grouping", () => {
    for (const t of [swarmTopology(), swarmTopology([swarmPart("node1")])]) {
      for (const group of ["none", ...GROUP_BY] as const) {
        expect(renderDot(topologyToDot(t, group))).toContain("<svg");
      }
    }
  });
});

describe("the DOT export of Swarm", () => {
  const service = (t: Topology) => t.services.find((s) => s.name === "lab-svc")!;

  it("draws a service as a node joined to the containers of its tasks", () => {
    const swarm = swarmTopology();
    const svc = service(swarm);
    const model = toExportModel(swarm, "none");
    const node = model.root.nodes.find((n) => n.kind === "service");
    expect(node).toMatchObject({
      id: `swarm/service:${svc.id}`,
      lines: ["service lab-svc", "dnsrr · 2/2 running"],
    });
    const tasks = swarm.tasks.filter((t) => t.serviceId === svc.id);
    const edges = model.edges.filter((e) => e.kind === "task");
    expect(edges.map((e) => e.to).sort()).toEqual(
      tasks
        .map((t) => {
          const c = swarm.containers.find((c) => c.id === t.containerId)!;
          return `${c.engineId}/container:${c.id}`;
        })
        .sort(),
    );
    expect(edges.every((e) => e.from === node?.id)).toBe(true);
    const dot = topologyToDot(swarm);
    expect(dot).toContain(
      `"swarm/service:${svc.id}" [label="service lab-svc\\ndnsrr · 2/2 running"`,
    );
    expect(dot).toMatch(
      /"swarm\/service:[0-9a-z]+" -- "node\d\/container:[0-9a-f]+" \[style="dotted"/,
    );
  });

  it("draws a task on a node Netlens does not reach in that node's cluster, on its network", () => {
    const swarm = swarmTopology([swarmPart("node1")]);
    const node2 = swarm.nodes.find((n) => n.hostname === "node2")!;
    const remote = swarm.tasks.find((t) => t.nodeId === node2.id)!;
    const model = toExportModel(swarm, "none");
    const cluster = model.root.clusters.find((c) => c.kind === "node");
    expect(cluster?.label).toBe("swarm node node2 (worker) · not reached");
    expect(cluster?.nodes).toEqual([
      { id: `task:${remote.id}`, kind: "task", lines: [`lab-svc.${remote.slot}`] },
    ]);
    const overlay = swarm.networks.find((n) => n.name === "lab-overlay")!;
    const address = remote.addresses.find((a) => a.networkId === overlay.id)!.address;
    expect(model.edges).toContainEqual({
      from: `task:${remote.id}`,
      to: `network:${overlay.id}`,
      lines: [address.split("/")[0]],
      kind: "endpoint",
    });
    expect(model.edges).toContainEqual({
      from: `service:${service(swarm).id}`,
      to: `task:${remote.id}`,
      lines: [],
      kind: "task",
    });
    const svg = renderDot(topologyToDot(swarm));
    expect(svg).toContain("swarm node node2 (worker) · not reached");
  });
});
