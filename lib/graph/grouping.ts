// Grouping the map by compose project, stack, swarm node or engine: a collapsed group is drawn as
// one node linked once to each network its members are on; an expanded one as ever. Networks stay
// hubs. Pure: no DOM, no d3.
import { GROUP_BY, groupKeyOf, type GroupBy } from "../topology/group-key";
import type { Container, Topology } from "../topology/types";
import type { GraphLink, GraphModel, GraphNode, SandboxNode } from "./graph-model";
import type { TaskLink } from "./swarm-graph";

export type { GroupBy } from "../topology/group-key";

/** What the map is grouped by; "none" draws every sandbox. */
export type GroupMode = "none" | GroupBy;

/**
 * A person's choice per group node id: expanded (true) or collapsed (false). A group without one
 * follows the map's size (see defaultExpanded), so a new compose project on a small map opens.
 */
export type ExpandedGroups = Readonly<Record<string, boolean>>;

export const GROUP_PREFIX = "group:";
/** Above this many containers a group starts collapsed: a map that big is unreadable box by box. */
export const BIG_MAP_CONTAINERS = 150;

export const GROUP_BY_LABELS: Record<GroupBy, string> = {
  project: "compose project",
  stack: "stack",
  node: "swarm node",
  engine: "engine",
};

export type GroupNode = {
  kind: "group";
  /** `group:<by>:<key>`. */
  id: string;
  by: GroupBy;
  key: string;
  /** Members with a namespace now, and those without (stopped, or never started). */
  running: number;
  stopped: number;
  /** Distinct network namespaces of the running members. */
  sandboxes: number;
  /** The containers and sandbox nodes folded into this node (what it stands for on the map). */
  containerIds: string[];
  sandboxIds: string[];
  /** The region all its folded nodes are in; null when they are in several. */
  region: string | null;
};

/** A collapsed group to one of its networks: every member endpoint on it, as one line. */
export type GroupLink = {
  kind: "group";
  /** `<group id>-><network id>`. */
  id: string;
  source: string;
  /** Network node id. */
  target: string;
  /** Live endpoints of the members on this network. */
  endpoints: number;
  /** Stopped members configured for it (no endpoint until they start). */
  configured: number;
};

export type GroupOptions = {
  by: GroupMode;
  expanded: ExpandedGroups;
  /** The engine the map is narrowed to, as in toGraphModel: counts cover what it shows. */
  region?: string | null;
};

export function groupNodeId(by: GroupBy, key: string): string {
  return `${GROUP_PREFIX}${by}:${key}`;
}

/** The group a node id stands for; null for any other id. */
export function parseGroupNodeId(id: string): { by: GroupBy; key: string } | null {
  if (!id.startsWith(GROUP_PREFIX)) return null;
  const rest = id.slice(GROUP_PREFIX.length);
  const colon = rest.indexOf(":");
  const by = GROUP_BY.find((b) => b === rest.slice(0, colon));
  const key = rest.slice(colon + 1);
  return by && colon > 0 && key.length > 0 ? { by, key } : null;
}

/** Small maps open every group; big ones start collapsed. */
export function defaultExpanded(topology: Topology): boolean {
  return topology.containers.length <= BIG_MAP_CONTAINERS;
}

export function isGroupExpanded(topology: Topology, expanded: ExpandedGroups, id: string): boolean {
  return expanded[id] ?? defaultExpanded(topology);
}

/** Which group modes the topology can be grouped by: nodes only in a swarm, engines when several. */
export function groupModes(topology: Topology): GroupMode[] {
  return [
    "none",
    "project",
    "stack",
    ...(topology.nodes.length > 0 ? (["node"] as const) : []),
    ...(topology.engines.length > 1 ? (["engine"] as const) : []),
  ];
}

/**
 * The group a container is drawn in: its namespace owner's (a `container:` joiner sits in its
 * owner's box), its own when it has no namespace. The host's namespace and Swarm's own are shared
 * by everything on the engine, so never part of a group.
 */
function drawnGroupKey(
  topology: Topology,
  container: Container,
  by: GroupBy,
  sandboxes: ReadonlyMap<string, { kind: string; owner: Container | undefined }>,
): string | null {
  if (container.sandboxId === null) return groupKeyOf(topology, container, by);
  const sandbox = sandboxes.get(container.sandboxId);
  if (!sandbox) return groupKeyOf(topology, container, by);
  if (sandbox.kind !== "container" || !sandbox.owner) return null;
  return groupKeyOf(topology, sandbox.owner, by);
}

export type GroupMembers = {
  id: string;
  by: GroupBy;
  key: string;
  containers: Container[];
};

/** Every group under `by` with its member containers (on `region` only, when given). */
export function groupMembers(
  topology: Topology,
  by: GroupBy,
  region: string | null = null,
): Map<string, GroupMembers> {
  const containers = new Map(topology.containers.map((c) => [c.id, c]));
  const sandboxes = new Map(
    topology.sandboxes.map((s) => [
      s.id,
      { kind: s.kind, owner: containers.get(s.containerIds[0] ?? "") },
    ]),
  );
  const groups = new Map<string, GroupMembers>();
  for (const container of topology.containers) {
    if (region !== null && container.engineId !== region) continue;
    const key = drawnGroupKey(topology, container, by, sandboxes);
    if (key === null) continue;
    const id = groupNodeId(by, key);
    let group = groups.get(id);
    if (!group) {
      group = { id, by, key, containers: [] };
      groups.set(id, group);
    }
    group.containers.push(container);
  }
  return groups;
}

/** Per network a group's members are on: live endpoints, and stopped members configured for it. */
export function groupNetworks(
  topology: Topology,
  members: readonly Container[],
): { networkId: string; name: string; endpoints: number; configured: number }[] {
  const ids = new Set(members.map((c) => c.id));
  const byId = new Map<
    string,
    { networkId: string; name: string; endpoints: number; configured: number }
  >();
  const entry = (networkId: string) => {
    let e = byId.get(networkId);
    if (!e) {
      const name = topology.networks.find((n) => n.id === networkId)?.name ?? networkId;
      e = { networkId, name, endpoints: 0, configured: 0 };
      byId.set(networkId, e);
    }
    return e;
  };
  for (const endpoint of topology.endpoints) {
    if (ids.has(endpoint.containerId)) entry(endpoint.networkId).endpoints++;
  }
  for (const container of members) {
    if (container.sandboxId !== null) continue;
    for (const name of new Set(container.networkNames)) {
      const network = topology.networks.find((n) => n.name === name);
      if (network) entry(network.id).configured++;
    }
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function isGroupable(node: GraphNode): node is SandboxNode {
  return (
    node.kind === "sandbox" && (node.sandboxKind === "container" || node.sandboxKind === "stopped")
  );
}

/**
 * Fold every collapsed group's boxes into one node. Its links: one per network (endpoints and a
 * stopped member's configured networks alike), one per service with tasks in it. Published ports
 * of folded members are left to the group's panel: one line per mapping would bury the node.
 */
export function groupGraphModel(
  model: GraphModel,
  topology: Topology,
  options: GroupOptions,
): GraphModel {
  const by = options.by;
  if (by === "none") return model;
  const members = groupMembers(topology, by, options.region ?? null);
  const groupOfContainer = new Map<string, GroupMembers>();
  for (const group of members.values()) {
    if (isGroupExpanded(topology, options.expanded, group.id)) continue;
    for (const c of group.containers) groupOfContainer.set(c.id, group);
  }

  const folded = new Map<string, GroupNode>();
  const groupNodes = new Map<string, GroupNode>();
  const regions = new Map<string, Set<string | null>>();
  for (const node of model.nodes) {
    if (!isGroupable(node)) continue;
    const group = groupOfContainer.get(node.containerIds[0] ?? "");
    if (!group) continue;
    let groupNode = groupNodes.get(group.id);
    if (!groupNode) {
      const running = group.containers.filter((c) => c.sandboxId !== null);
      groupNode = {
        kind: "group",
        id: group.id,
        by,
        key: group.key,
        running: running.length,
        stopped: group.containers.length - running.length,
        sandboxes: new Set(running.map((c) => c.sandboxId)).size,
        containerIds: [],
        sandboxIds: [],
        region: null,
      };
      groupNodes.set(group.id, groupNode);
      regions.set(group.id, new Set());
    }
    groupNode.containerIds.push(...node.containerIds);
    groupNode.sandboxIds.push(node.id);
    regions.get(group.id)!.add(node.region);
    folded.set(node.id, groupNode);
  }
  if (folded.size === 0) return model;
  for (const [id, seen] of regions) {
    if (seen.size === 1) groupNodes.get(id)!.region = [...seen][0]!;
  }

  const links: GraphLink[] = [];
  const groupLinks = new Map<string, GroupLink>();
  const taskLinks = new Map<string, TaskLink>();
  for (const link of model.links) {
    const source = folded.get(link.source);
    const target = folded.get(link.target);
    if (!source && !target) {
      links.push(link);
      continue;
    }
    if ((link.kind === "endpoint" || link.kind === "stopped") && source) {
      const id = `${source.id}->${link.target}`;
      const groupLink = groupLinks.get(id) ?? {
        kind: "group",
        id,
        source: source.id,
        target: link.target,
        endpoints: 0,
        configured: 0,
      };
      if (link.kind === "endpoint") groupLink.endpoints++;
      else groupLink.configured++;
      groupLinks.set(id, groupLink);
    } else if (link.kind === "task" && target) {
      const id = `task-of:${target.id}:${link.source}`;
      const known = taskLinks.get(id);
      taskLinks.set(id, {
        ...link,
        id,
        target: target.id,
        failed: link.failed || (known?.failed ?? false),
      });
    }
  }
  links.push(...groupLinks.values(), ...taskLinks.values());

  const nodes: GraphNode[] = model.nodes.filter((n) => !folded.has(n.id));
  nodes.push(...groupNodes.values());
  return { nodes, links, regions: model.regions };
}

/** "3 running · 1 stopped · 2 namespaces": what a collapsed group holds. */
export function groupCountsLine(
  node: Pick<GroupNode, "running" | "stopped" | "sandboxes">,
): string {
  return [
    `${node.running} running`,
    node.stopped > 0 ? `${node.stopped} stopped` : null,
    `${node.sandboxes} ${node.sandboxes === 1 ? "namespace" : "namespaces"}`,
  ]
    .filter((part): part is string => part !== null)
    .join(" · ");
}
