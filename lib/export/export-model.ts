// What the text exports (DOT, Mermaid) draw, as one tree both write out: engines, groups and
// sandboxes as nested clusters, networks and containers as nodes, endpoints as edges; Swarm's
// services as nodes linked to their tasks, and a task on a node Netlens does not reach inside a
// cluster for that node. Pure and deterministic: the same topology always gives the same tree, in
// the same order.
import { driverClassOf, type DriverClass } from "@/lib/graph/drivers";
import { publishedPortLines, shortId, stripCidr } from "@/lib/graph/format";
import { HOST_SANDBOX_TITLE, swarmSandboxTitle } from "@/lib/graph/graph-model";
import { GROUP_BY_LABELS } from "@/lib/graph/grouping";
import {
  isCurrentTask,
  runningTaskCount,
  runsOnItsNode,
  servicePortLines,
  serviceState,
  taskLabel,
  taskProblems,
} from "@/lib/graph/swarm-graph";
import { configuredNetworksOf } from "./filter-topology";
import { groupKeyOf, type GroupBy } from "@/lib/topology/group-key";
import {
  isHostSandboxId,
  type Container,
  type Sandbox,
  type SwarmNode,
  type Topology,
} from "@/lib/topology/types";

export type ExportNode = {
  /** Unique in the export; prefixed with the engine when there are several. */
  id: string;
  /** swarm: a namespace Swarm keeps; task: a task on a node Netlens does not reach. */
  kind: "network" | "container" | "stopped" | "swarm" | "ports" | "service" | "task";
  lines: string[];
  /** Networks only: how the map draws the hub. */
  driverClass?: DriverClass;
  internal?: boolean;
};

export type ExportCluster = {
  /** node: a swarm node Netlens does not reach, holding the tasks the manager says run there. */
  kind: "engine" | "node" | "group" | "sandbox";
  /** Sandboxes only: a container's, the host's, or one Swarm keeps for itself. */
  sandboxKind?: "container" | "host" | "swarm";
  label: string;
  clusters: ExportCluster[];
  nodes: ExportNode[];
};

export type ExportScope = Pick<ExportCluster, "clusters" | "nodes">;

export type ExportEdge = {
  from: string;
  to: string;
  lines: string[];
  /**
   * endpoint: a namespace (or an unreached task) on a network; configured: a stopped container to
   * a network it is configured for, no endpoint until it starts; task: a service to its task.
   */
  kind: "endpoint" | "configured" | "task";
};

export type ExportModel = { title: string; root: ExportScope; edges: ExportEdge[] };

/** Aliases longer than this (all together) are left to the JSON export. */
const MAX_ALIASES_CHARS = 24;
const MAX_ERROR_CHARS = 60;

// Code-unit order, not the locale's: the same file on every machine.
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byName = (a: Container, b: Container) => byText(a.name, b.name);

const CLUSTER_ORDER: Record<ExportCluster["kind"], number> = {
  engine: 0,
  node: 1,
  group: 2,
  sandbox: 3,
};
const NODE_ORDER: Record<ExportNode["kind"], number> = {
  network: 0,
  service: 1,
  swarm: 2,
  container: 3,
  ports: 4,
  stopped: 5,
  task: 6,
};

function sortScope(scope: ExportScope): void {
  // Engines keep their configured order; everything else goes by what it is called.
  scope.clusters.sort(
    (a, b) =>
      CLUSTER_ORDER[a.kind] - CLUSTER_ORDER[b.kind] ||
      (a.kind === "engine" ? 0 : byText(a.label, b.label)),
  );
  scope.nodes.sort(
    (a, b) =>
      NODE_ORDER[a.kind] - NODE_ORDER[b.kind] ||
      // A namespace's owner stays first; its joiners follow by name.
      (a.kind === "container" ? 0 : byText(a.lines.join("\n"), b.lines.join("\n"))) ||
      byText(a.id, b.id),
  );
  for (const cluster of scope.clusters) sortScope(cluster);
}

/** The aliases worth a label: not Docker's own short id, not the name itself, and short. */
function shortAliases(aliases: readonly string[], container: Container | undefined): string[] {
  const own = new Set(container ? [shortId(container.id), container.name] : []);
  const shown = aliases.filter((a) => !own.has(a));
  return shown.length > 0 && shown.join(", ").length <= MAX_ALIASES_CHARS ? shown : [];
}

/** A task's image is pinned by digest; a person knows it by its name (or the digest's start). */
function imageLabel(image: string): string {
  const name = image.split("@")[0] ?? image;
  return name.startsWith("sha256:") ? name.slice(0, "sha256:".length + 12) : name;
}

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

function stoppedLines(container: Container): string[] {
  const exit = container.exitCode !== null ? `, exit code ${container.exitCode}` : "";
  const lines = [container.name, `${container.state}${exit}`];
  if (container.error) lines.push(clip(container.error, MAX_ERROR_CHARS));
  return lines;
}

function sandboxKindOf(sandbox: Sandbox): NonNullable<ExportCluster["sandboxKind"]> {
  if (sandbox.kind === "host" || isHostSandboxId(sandbox.id)) return "host";
  return sandbox.kind === "container" ? "container" : "swarm";
}

export function toExportModel(topology: Topology, group: GroupBy | "none"): ExportModel {
  const several = topology.engines.length > 1;
  const prefix = (engineId: string | null) => (several ? `${engineId ?? "swarm"}/` : "");
  const containersById = new Map(topology.containers.map((c) => [c.id, c]));
  const networkNodeId = (networkId: string) => {
    const network = topology.networks.find((n) => n.id === networkId);
    return `${prefix(network?.engineId ?? null)}network:${networkId}`;
  };
  const containerNodeId = (c: Container) => `${prefix(c.engineId)}container:${c.id}`;

  const root: ExportScope = { clusters: [], nodes: [] };
  const engineScopes = new Map<string, ExportScope>();
  if (several) {
    for (const engine of topology.engines) {
      const where = engine.hostname && engine.hostname !== engine.id ? ` (${engine.hostname})` : "";
      const down = engine.status === "down" ? " — down" : "";
      const cluster: ExportCluster = {
        kind: "engine",
        label: `engine ${engine.id}${where}${down}`,
        clusters: [],
        nodes: [],
      };
      root.clusters.push(cluster);
      engineScopes.set(engine.id, cluster);
    }
  }
  const engineScope = (engineId: string | null) =>
    (engineId !== null ? engineScopes.get(engineId) : undefined) ?? root;
  // With several engines each already has its cluster: grouping by engine adds nothing.
  const groupBy = group === "engine" && several ? "none" : group;
  const groupScopes = new Map<ExportScope, Map<string, ExportCluster>>();
  const scopeOf = (engineId: string, key: string | null): ExportScope => {
    const scope = engineScope(engineId);
    if (key === null || groupBy === "none") return scope;
    const groups = groupScopes.get(scope) ?? new Map<string, ExportCluster>();
    groupScopes.set(scope, groups);
    let cluster = groups.get(key);
    if (!cluster) {
      cluster = {
        kind: "group",
        label: `${GROUP_BY_LABELS[groupBy]} ${key}`,
        clusters: [],
        nodes: [],
      };
      groups.set(key, cluster);
      scope.clusters.push(cluster);
    }
    return cluster;
  };
  const keyOf = (c: Container) => (groupBy === "none" ? null : groupKeyOf(topology, c, groupBy));

  for (const network of topology.networks) {
    const subnets = network.subnets.map((s) => s.subnet).join(", ");
    engineScope(network.engineId).nodes.push({
      id: networkNodeId(network.id),
      kind: "network",
      lines: [
        network.name,
        [network.driver, network.internal ? "internal" : null].filter(Boolean).join(" · "),
        ...(subnets ? [subnets] : []),
      ],
      driverClass: driverClassOf(network.driver),
      internal: network.internal,
    });
  }

  const edges: ExportEdge[] = [];
  for (const sandbox of topology.sandboxes) {
    const kind = sandboxKindOf(sandbox);
    const members = sandbox.containerIds
      .map((id) => containersById.get(id))
      .filter((c): c is Container => c !== undefined);
    const [owner, ...joiners] = members;
    joiners.sort(byName);
    // The host's namespace has no owner: its containers simply go by name.
    const ordered = kind === "host" ? [...members].sort(byName) : owner ? [owner, ...joiners] : [];
    const cluster: ExportCluster = {
      kind: "sandbox",
      sandboxKind: kind,
      label:
        kind === "host"
          ? HOST_SANDBOX_TITLE
          : kind === "swarm"
            ? swarmSandboxTitle(topology, sandbox)
            : ordered.map((c) => c.name).join(", "),
      clusters: [],
      nodes: [],
    };
    // The host's and Swarm's namespaces are the whole engine's, never one group's.
    scopeOf(sandbox.engineId, kind === "container" && owner ? keyOf(owner) : null).clusters.push(
      cluster,
    );
    const anchorOf = new Map<string, string>();
    for (const container of ordered) {
      const id = containerNodeId(container);
      anchorOf.set(container.id, id);
      cluster.nodes.push({
        id,
        kind: "container",
        lines: [container.name, imageLabel(container.image)],
      });
      const ports = publishedPortLines(container.ports);
      if (ports.length > 0) {
        cluster.nodes.push({
          id: `${prefix(container.engineId)}ports:${container.id}`,
          kind: "ports",
          lines: [`host ports of ${container.name}`, ...ports],
        });
      }
    }
    const swarmNode = `${prefix(sandbox.engineId)}sandbox:${sandbox.id}`;
    if (members.length === 0) {
      cluster.nodes.push({
        id: swarmNode,
        kind: "swarm",
        lines: [sandbox.kind === "ingress" ? "ingress-sbox" : "load balancer"],
      });
    }
    const fallback = cluster.nodes[0]?.id ?? swarmNode;
    for (const endpoint of topology.endpoints) {
      if (endpoint.sandboxId !== sandbox.id) continue;
      const container = containersById.get(endpoint.containerId);
      const addresses = [endpoint.ipv4Address, endpoint.ipv6Address]
        .filter((a): a is string => a !== null)
        .map(stripCidr);
      const aliases = shortAliases(endpoint.aliases, container);
      edges.push({
        from: anchorOf.get(endpoint.containerId) ?? fallback,
        to: networkNodeId(endpoint.networkId),
        lines: [...addresses, ...(aliases.length > 0 ? [`aka ${aliases.join(", ")}`] : [])],
        kind: "endpoint",
      });
    }
  }

  const sandboxIds = new Set(topology.sandboxes.map((s) => s.id));
  for (const container of topology.containers) {
    if (container.sandboxId !== null && sandboxIds.has(container.sandboxId)) continue;
    const id = containerNodeId(container);
    scopeOf(container.engineId, keyOf(container)).nodes.push({
      id,
      kind: "stopped",
      lines: stoppedLines(container),
    });
    for (const network of configuredNetworksOf(topology, container)) {
      edges.push({ from: id, to: networkNodeId(network.id), lines: [], kind: "configured" });
    }
  }

  addSwarm(topology, root, edges, {
    service: (serviceId) => `${prefix(null)}service:${serviceId}`,
    container: (containerId) => {
      const container = containersById.get(containerId);
      return container ? containerNodeId(container) : null;
    },
    network: networkNodeId,
  });

  sortScope(root);
  const order = new Map<string, number>();
  const number = (scope: ExportScope) => {
    for (const node of scope.nodes) order.set(node.id, order.size);
    scope.clusters.forEach(number);
  };
  number(root);
  // An edge to something not drawn would make DOT invent a bare node for it.
  for (let i = edges.length - 1; i >= 0; i--) {
    const edge = edges[i]!;
    if (!order.has(edge.from) || !order.has(edge.to)) edges.splice(i, 1);
  }
  edges.sort(
    (a, b) =>
      (order.get(a.from) ?? 0) - (order.get(b.from) ?? 0) ||
      (order.get(a.to) ?? 0) - (order.get(b.to) ?? 0) ||
      byText(a.lines.join(), b.lines.join()),
  );
  const engineName =
    topology.engines.length > 1 ? `${topology.engines.length} engines` : topology.engine.name;
  return { title: `Netlens · ${engineName} · ${topology.generatedAt}`, root, edges };
}

type SwarmIds = {
  service(serviceId: string): string;
  /** The export's node of a container, if it has one. */
  container(containerId: string): string | null;
  network(networkId: string): string;
};

function swarmNodeLabel(node: SwarmNode | undefined, nodeId: string): string {
  const role = node ? ` (${node.role})` : "";
  return `swarm node ${node?.hostname ?? nodeId}${role} · not reached`;
}

/**
 * Each service, linked to its current tasks: a task's container where Netlens sees it, else a
 * task node (with its addresses on its networks) in a cluster for the node it runs on.
 */
function addSwarm(topology: Topology, root: ExportScope, edges: ExportEdge[], ids: SwarmIds) {
  const swarmNodes = new Map(topology.nodes.map((n) => [n.id, n]));
  const networkIds = new Set(topology.networks.map((n) => n.id));
  const nodeClusters = new Map<string, ExportCluster>();
  for (const service of topology.services) {
    const id = ids.service(service.id);
    const problems = taskProblems(topology, service).map((p) =>
      clip(
        `⚠ ${p.label}${p.nodeHostname ? ` on ${p.nodeHostname}` : ""}: ${p.error}`,
        MAX_ERROR_CHARS,
      ),
    );
    root.nodes.push({
      id,
      kind: "service",
      lines: [
        `service ${service.name}`,
        serviceState(service, runningTaskCount(topology, service)),
        ...servicePortLines(service),
        ...problems,
      ],
    });
    for (const task of topology.tasks) {
      if (task.serviceId !== service.id || !isCurrentTask(task)) continue;
      const state = task.state === "running" ? [] : [task.state];
      const container = task.containerId ? ids.container(task.containerId) : null;
      if (container) {
        edges.push({ from: id, to: container, lines: state, kind: "task" });
        continue;
      }
      // Pending, or over: no node runs it; the service's problems say why.
      if (!runsOnItsNode(task) || task.nodeId === null) continue;
      const swarmNode = swarmNodes.get(task.nodeId);
      let cluster = nodeClusters.get(task.nodeId);
      if (!cluster) {
        cluster = {
          kind: "node",
          label: swarmNodeLabel(swarmNode, task.nodeId),
          clusters: [],
          nodes: [],
        };
        nodeClusters.set(task.nodeId, cluster);
        root.clusters.push(cluster);
      }
      const taskNode = `task:${task.id}`;
      cluster.nodes.push({
        id: taskNode,
        kind: "task",
        lines: [
          taskLabel(service, task, swarmNode),
          ...state,
          ...(task.error ? [clip(task.error, MAX_ERROR_CHARS)] : []),
        ],
      });
      edges.push({ from: id, to: taskNode, lines: state, kind: "task" });
      for (const address of task.addresses) {
        if (!networkIds.has(address.networkId)) continue;
        edges.push({
          from: taskNode,
          to: ids.network(address.networkId),
          lines: [stripCidr(address.address)],
          kind: "endpoint",
        });
      }
    }
  }
}
