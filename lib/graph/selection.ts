// What a person has selected, shared by the graph, the table and the side panel.
import type { Topology } from "../topology/types";
import type { GraphModel } from "./graph-model";
import { remoteTaskNodeId, serviceNodeId } from "./swarm-graph";

export type SelectionKind =
  | "network"
  | "sandbox"
  | "container"
  | "endpoint"
  | "hostPorts"
  | "service"
  | "task"
  | "region"
  | "group";

/**
 * `id` is a network id, sandbox id ("host" for the host), container id, endpoint link id,
 * the id of the box whose published ports were picked (hostPorts), a swarm service or task id, a region's id (an engine's), or a group node's id
 * (`group:<by>:<key>`, collapsed or not).
 */
export type GraphTarget = { kind: SelectionKind; id: string };

export function sameTarget(a: GraphTarget | null, b: GraphTarget | null): boolean {
  return a === b || (a !== null && b !== null && a.kind === b.kind && a.id === b.id);
}

/** Whether a container row should show as selected: itself, or the sandbox it lives in. */
export function containerIsSelected(
  topology: Topology,
  selection: GraphTarget | null,
  containerId: string,
): boolean {
  if (!selection) return false;
  if (selection.kind === "container") return selection.id === containerId;
  if (selection.kind === "sandbox") {
    const sandbox = topology.sandboxes.find((s) => s.id === selection.id);
    return sandbox?.containerIds.includes(containerId) ?? false;
  }
  return false;
}

/**
 * What to show for an activity-feed line's target, if it is still there. An endpoint that is gone
 * (a disconnect, a stop) falls back to its container; anything else that is gone gives null.
 */
export function selectionForActivity(
  topology: Topology,
  target: { kind: "network" | "container" | "endpoint"; id: string; containerId?: string },
): GraphTarget | null {
  const hasContainer = (id: string) => topology.containers.some((c) => c.id === id);
  switch (target.kind) {
    case "network":
      return topology.networks.some((n) => n.id === target.id) ? target : null;
    case "container":
      return hasContainer(target.id) ? target : null;
    case "endpoint":
      if (topology.endpoints.some((e) => e.id === target.id)) return target;
      return target.containerId && hasContainer(target.containerId)
        ? { kind: "container", id: target.containerId }
        : null;
  }
}

/**
 * What a selection lights up on the map: the selected node or link (`primary`), and every node and
 * link one step from it; the rest is dimmed.
 */
export function relatedTo(
  model: GraphModel,
  target: GraphTarget,
): {
  nodes: Set<string>;
  links: Set<string>;
  primary: Set<string>;
} {
  const nodes = new Set<string>();
  const links = new Set<string>();
  const primary = new Set<string>();
  const addNode = (id: string) => {
    nodes.add(id);
    for (const l of model.links) {
      if (l.source === id || l.target === id) {
        links.add(l.id);
        nodes.add(l.source);
        nodes.add(l.target);
      }
    }
  };
  if (target.kind === "endpoint") {
    const link = model.links.find((l) => l.id === target.id);
    if (link) {
      links.add(link.id);
      primary.add(link.id);
      nodes.add(link.source);
      nodes.add(link.target);
    }
  } else if (target.kind === "region") {
    for (const node of model.nodes) if (node.region === target.id) addNode(node.id);
  } else {
    const nodeId = nodeIdOfTarget(model, target);
    if (nodeId !== undefined) {
      primary.add(nodeId);
      addNode(nodeId);
    }
  }
  return { nodes, links, primary };
}

/** The node a target is drawn as; undefined for an endpoint, a region, or what is not drawn. */
export function nodeIdOfTarget(model: GraphModel, target: GraphTarget): string | undefined {
  let id: string | undefined;
  switch (target.kind) {
    case "endpoint":
    case "region":
      return undefined;
    case "container":
      id = model.nodes.find((n) => n.kind === "sandbox" && n.containerIds.includes(target.id))?.id;
      break;
    case "service":
      id = serviceNodeId(target.id);
      break;
    case "task":
      // A task is its remote node, or the box of its container (which its service links to).
      id =
        model.links.find((l) => l.kind === "task" && l.taskId === target.id)?.target ??
        remoteTaskNodeId(target.id);
      break;
    default:
      id = target.id;
  }
  return model.nodes.some((n) => n.id === id) ? id : undefined;
}
