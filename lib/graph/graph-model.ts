// Topology (the API's CNM model) → the node/link model the graph draws. Pure: no DOM, no d3.
import {
  isHostSandboxId,
  type Container,
  type Network,
  type PortMapping,
  type Sandbox,
  type Topology,
} from "../topology/types";
import { filterToDrivers } from "./driver-filter";
import { driverClassOf, type DriverClass } from "./drivers";
import { formatPortMapping, publishedPorts, shortId } from "./format";
import type { GroupLink, GroupNode } from "./grouping";
import {
  filterToRegion,
  hasRegions,
  regionsOf,
  swarmGraph,
  type GraphRegion,
  type RemoteTaskNode,
  type ServiceNode,
  type TaskLink,
} from "./swarm-graph";

export const HOST_SANDBOX_TITLE = "host network namespace";
export const STOPPED_PREFIX = "stopped:";

export type NetworkNode = {
  kind: "network";
  id: string;
  name: string;
  driver: string;
  driverClass: DriverClass;
  /** Every subnet, joined; empty for networks without IPAM (host, none). */
  subnetLabel: string;
  predefined: boolean;
  internal: boolean;
  /** Swarm's routing mesh, or a node's docker_gwbridge; null for an ordinary network. */
  swarmRole: Network["swarmRole"];
  /** The engine it lives on; null for a swarm-scope network, which spans them. */
  region: string | null;
};

/** ingress and load-balancer: namespaces Swarm keeps for itself, with no container in them. */
export type SandboxNodeKind = "container" | "host" | "stopped" | "ingress" | "load-balancer";

export type SandboxNode = {
  kind: "sandbox";
  /** The sandbox id, "host", or `stopped:<containerId>` for a container without a sandbox. */
  id: string;
  sandboxKind: SandboxNodeKind;
  /** "host network namespace" for the host; null for a container's own namespace. */
  title: string | null;
  /** The owner first, then the containers that joined its namespace (`--network container:x`). */
  containerIds: string[];
  containerNames: string[];
  /** Docker's State per container, parallel to containerIds. */
  containerStates: string[];
  /**
   * Per container: Docker's error (e.g. why it failed to start), else a network warning the API
   * found (e.g. a joiner left with only loopback); null when all is well.
   */
  containerIssues: (string | null)[];
  /** True for stopped containers, drawn dimmed. */
  stopped: boolean;
  /** The engine whose namespace it is. */
  region: string | null;
  /**
   * What its containers publish on the host, one chip per binding, in a stable order: drawn with
   * the box (a strip on its top edge), never as a node of their own. Empty for a stopped box.
   */
  ports: PortChip[];
};

/** One published binding: the host DNATs `host IP:port` to the container's port. */
export type PortChip = {
  /** `port:<containerId>:<label>`: unique on the map, what highlights key on. */
  id: string;
  containerId: string;
  containerName: string;
  mapping: PortMapping & { publicPort: number };
  /** e.g. `0.0.0.0:8080→80/tcp`, `[::]:8080→80/tcp`, as `docker ps` says it. */
  label: string;
};

export type GraphNode = NetworkNode | SandboxNode | ServiceNode | RemoteTaskNode | GroupNode;

export type EndpointLink = {
  kind: "endpoint";
  /** Docker's EndpointID. */
  id: string;
  endpointId: string;
  /** Sandbox node id. */
  source: string;
  /** Network node id. */
  target: string;
  containerId: string;
  containerName: string;
  networkName: string;
  ipv4Address: string | null;
  ipv6Address: string | null;
  macAddress: string | null;
  aliases: string[];
  /** A task on a node Netlens does not reach: its address as the manager knows it. */
  taskId: string | null;
};

/** A stopped container's configured (not connected) network: drawn dashed. */
export type StoppedLink = {
  kind: "stopped";
  id: string;
  source: string;
  target: string;
  containerId: string;
};

export type GraphLink = EndpointLink | StoppedLink | TaskLink | GroupLink;

export type GraphModel = {
  nodes: GraphNode[];
  links: GraphLink[];
  /** One per engine (and unreached swarm node); empty for one engine outside a swarm. */
  regions: GraphRegion[];
};

export type GraphModelOptions = {
  /**
   * Draw every container without a sandbox. Off, only those Docker could not start (with an
   * error) are drawn: a failure must be seen without asking for it.
   */
  showStopped: boolean;
  /** Draw only this region (an engine's id) and what spans it; null or absent draws them all. */
  region?: string | null;
  /** Draw only networks of these drivers and what is attached to them; empty draws them all. */
  drivers?: readonly string[];
};

function networkNode(network: Network): NetworkNode {
  return {
    kind: "network",
    id: network.id,
    name: network.name,
    driver: network.driver,
    driverClass: driverClassOf(network.driver),
    subnetLabel: network.subnets.map((s) => s.subnet).join(", "),
    predefined: network.predefined,
    internal: network.internal,
    swarmRole: network.swarmRole,
    region: network.engineId,
  };
}

/** What a Swarm-owned namespace is for, on which engine: its title on the map. */
export function swarmSandboxTitle(topology: Topology, sandbox: Sandbox): string {
  const engine = topology.engines.find((e) => e.id === sandbox.engineId);
  const where = engine?.hostname ?? sandbox.engineId;
  if (sandbox.kind === "ingress") return `routing mesh (ingress-sbox) on ${where}`;
  const networkId = topology.endpoints.find((e) => e.sandboxId === sandbox.id)?.networkId;
  const network =
    topology.networks.find((n) => n.id === networkId)?.name ??
    sandbox.id.replace(/^lb-/, "").replace(/@[^@]*$/, "");
  return `load balancer for ${network} on ${where}`;
}

function sandboxNodeKind(sandbox: Sandbox): SandboxNodeKind {
  if (sandbox.kind === "host" || isHostSandboxId(sandbox.id)) return "host";
  return sandbox.kind;
}

function issueOf(container: Container | undefined): string | null {
  return container?.error ?? container?.networkWarning ?? null;
}

/** A container Docker accepted but could not start (e.g. its network's driver refused): shown always. */
export function failedToStart(container: Container): boolean {
  return container.sandboxId === null && container.error !== null;
}

export function portChipId(containerId: string, label: string): string {
  return `port:${containerId}:${label}`;
}

/** The chips of a box's containers that publish ports (the owner's, in a shared namespace). */
function portChips(members: readonly (Container | undefined)[]): PortChip[] {
  return members.flatMap((c) =>
    c
      ? publishedPorts(c.ports).map((mapping) => {
          const label = formatPortMapping(mapping);
          return {
            id: portChipId(c.id, label),
            containerId: c.id,
            containerName: c.name,
            mapping,
            label,
          };
        })
      : [],
  );
}

export function stoppedNodeId(containerId: string): string {
  return `${STOPPED_PREFIX}${containerId}`;
}

export function toGraphModel(topology: Topology, options: GraphModelOptions): GraphModel {
  const model = fullGraphModel(topology, options.showStopped);
  const regional = options.region ? filterToRegion(model, options.region) : model;
  return options.drivers?.length ? filterToDrivers(regional, options.drivers) : regional;
}

function fullGraphModel(topology: Topology, showStopped: boolean): GraphModel {
  const nodes: GraphNode[] = [];
  const links: GraphLink[] = [];

  const containersById = new Map(topology.containers.map((c) => [c.id, c]));
  const networkIds = new Set<string>();
  const networkByName = new Map<string, Network>();
  const networkById = new Map<string, Network>();

  for (const network of topology.networks) {
    nodes.push(networkNode(network));
    networkIds.add(network.id);
    networkById.set(network.id, network);
    networkByName.set(network.name, network);
  }

  const sandboxNodeIds = new Set<string>();
  const nodeOfContainer = new Map<string, GraphNode>();
  for (const sandbox of topology.sandboxes) {
    const members = sandbox.containerIds.map((id) => containersById.get(id));
    const sandboxKind = sandboxNodeKind(sandbox);
    const node: SandboxNode = {
      kind: "sandbox",
      id: sandbox.id,
      sandboxKind,
      title:
        sandboxKind === "host"
          ? HOST_SANDBOX_TITLE
          : sandboxKind === "container"
            ? null
            : swarmSandboxTitle(topology, sandbox),
      containerIds: [...sandbox.containerIds],
      containerNames: members.map((c, i) => c?.name ?? shortId(sandbox.containerIds[i] ?? "")),
      containerStates: members.map((c) => c?.state ?? "unknown"),
      containerIssues: members.map(issueOf),
      stopped: false,
      region: sandbox.engineId,
      ports: portChips(members),
    };
    nodes.push(node);
    for (const id of sandbox.containerIds) nodeOfContainer.set(id, node);
    sandboxNodeIds.add(sandbox.id);
  }

  // Running containers live in a sandbox; everything else has no network namespace right now.
  const stopped = topology.containers.filter(
    (c) => c.sandboxId === null || !sandboxNodeIds.has(c.sandboxId),
  );
  for (const container of stopped) {
    if (!showStopped && container.error === null) continue;
    const id = stoppedNodeId(container.id);
    const node: SandboxNode = {
      kind: "sandbox",
      id,
      sandboxKind: "stopped",
      title: null,
      containerIds: [container.id],
      containerNames: [container.name],
      containerStates: [container.state],
      containerIssues: [issueOf(container)],
      stopped: true,
      region: container.engineId,
      ports: [],
    };
    nodes.push(node);
    nodeOfContainer.set(container.id, node);
    for (const networkName of new Set(container.networkNames)) {
      const network = networkByName.get(networkName);
      if (!network) continue;
      links.push({
        kind: "stopped",
        id: `${id}->${network.id}`,
        source: id,
        target: network.id,
        containerId: container.id,
      });
    }
  }

  const linkIds = new Set<string>();
  for (const endpoint of topology.endpoints) {
    // A link to a node that is not drawn would break the layout; the API should never send one.
    if (!sandboxNodeIds.has(endpoint.sandboxId) || !networkIds.has(endpoint.networkId)) continue;
    // Docker's EndpointID is unique, but an empty one must still give d3 a distinct key.
    let id = endpoint.id || `${endpoint.sandboxId}@${endpoint.networkId}`;
    if (linkIds.has(id)) id = `${id}#${endpoint.containerId}@${endpoint.networkId}`;
    linkIds.add(id);
    links.push({
      kind: "endpoint",
      id,
      endpointId: endpoint.id,
      source: endpoint.sandboxId,
      target: endpoint.networkId,
      containerId: endpoint.containerId,
      containerName:
        containersById.get(endpoint.containerId)?.name ?? shortId(endpoint.containerId),
      networkName: networkById.get(endpoint.networkId)?.name ?? shortId(endpoint.networkId),
      ipv4Address: endpoint.ipv4Address,
      ipv6Address: endpoint.ipv6Address,
      macAddress: endpoint.macAddress,
      aliases: [...endpoint.aliases],
      taskId: null,
    });
  }

  if (!hasRegions(topology)) return { nodes, links, regions: [] };
  const names = new Map(topology.networks.map((n) => [n.id, n.name]));
  const swarm = swarmGraph(topology, (id) => nodeOfContainer.get(id), names);
  return {
    nodes: [...nodes, ...swarm.nodes],
    links: [...links, ...swarm.links],
    regions: regionsOf(topology, swarm.remoteNodeIds),
  };
}

/** The part of `model` made of the nodes in `kept`, the links between them and their regions. */
export function keepNodes(model: GraphModel, kept: ReadonlySet<string>): GraphModel {
  const nodes = model.nodes.filter((n) => kept.has(n.id));
  const regions = new Set(nodes.map((n) => n.region));
  return {
    nodes,
    links: model.links.filter((l) => kept.has(l.source) && kept.has(l.target)),
    regions: model.regions.filter((r) => regions.has(r.id)),
  };
}
