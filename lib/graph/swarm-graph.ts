// The map's view of several engines and of Swarm: regions (one per engine, and one per swarm node
// Netlens does not reach), services as a node linked to their tasks, and tasks on unreached nodes.
// Pure: no DOM, no d3.
import type { Service, SwarmNode, Task, Topology } from "../topology/types";
import type { GraphLink, GraphModel, GraphNode } from "./graph-model";

export const SERVICE_PREFIX = "service:";
export const REMOTE_TASK_PREFIX = "task:";
const NODE_REGION_PREFIX = "node:";

/** One engine's part of the map, or a swarm node's that Netlens does not reach. */
export type GraphRegion = {
  id: string;
  /** The engine's id; null for a node Netlens does not reach. */
  engineId: string | null;
  name: string;
  /** The host's name when it says more than `name`. */
  hostname: string | null;
  role: "manager" | "worker" | null;
  status: "up" | "down";
  /** Why it is down, in Docker's or the system's words. */
  message: string | null;
  /** Swarm's availability (active, pause, drain) and state (ready, down) of the node. */
  availability: string | null;
  nodeState: string | null;
};

/** A task that failed or cannot be placed, whose slot has nothing running instead. */
export type TaskProblem = {
  taskId: string;
  label: string;
  nodeHostname: string | null;
  state: string;
  error: string;
};

export type ServiceNode = {
  kind: "service";
  /** `service:<service id>`. */
  id: string;
  serviceId: string;
  name: string;
  /** e.g. "lab-svc · dnsrr · 2/2 running", "agent · vip · global · 3 running". */
  summary: string;
  /** Published ports, e.g. "8080→80/tcp (ingress)". */
  ports: string[];
  /** Fewer tasks running than wanted. */
  degraded: boolean;
  problems: TaskProblem[];
  /** The region all its drawn tasks are in; null when they are in several (it spans them). */
  region: string | null;
};

/** A task on a node Netlens does not reach, known only from the manager: drawn by its addresses. */
export type RemoteTaskNode = {
  kind: "remoteTask";
  /** `task:<task id>`. */
  id: string;
  taskId: string;
  serviceId: string;
  /** `<service>.<slot>`, as Docker names the task's container. */
  label: string;
  nodeHostname: string | null;
  state: string;
  error: string | null;
  region: string;
};

/** A service to one of its tasks (a sandbox box or a remote task). */
export type TaskLink = {
  kind: "task";
  id: string;
  /** Service node id. */
  source: string;
  /** The task's node: its container's box, or its remote-task node. */
  target: string;
  taskId: string;
  failed: boolean;
};

export function serviceNodeId(serviceId: string): string {
  return `${SERVICE_PREFIX}${serviceId}`;
}

export function remoteTaskNodeId(taskId: string): string {
  return `${REMOTE_TASK_PREFIX}${taskId}`;
}

export function nodeRegionId(nodeId: string): string {
  return `${NODE_REGION_PREFIX}${nodeId}`;
}

/** Several engines, or a swarm: the map is drawn in regions. One plain engine is drawn as ever. */
export function hasRegions(topology: Topology): boolean {
  return topology.engines.length > 1 || topology.nodes.length > 0;
}

/** "dnsrr · 2/2 running"; a global service: "vip · global · 3 running". */
export function serviceState(service: Service, running: number): string {
  const count =
    service.replicas === null
      ? `global · ${running} running`
      : `${running}/${service.replicas} running`;
  return `${service.endpointMode} · ${count}`;
}

/** "lab-svc · dnsrr · 2/2 running". */
export function serviceSummary(service: Service, running: number): string {
  return `${service.name} · ${serviceState(service, running)}`;
}

/** Tasks the orchestrator still wants (not an old one kept as history, not one being removed). */
export function isCurrentTask(task: Task): boolean {
  return !["shutdown", "remove", "orphaned", "complete"].includes(task.desiredState);
}

const ENDED_STATES = new Set(["shutdown", "complete", "failed", "rejected", "remove", "orphaned"]);

/** A task placed on a node and not over: where no container of it is seen, it runs unreached. */
export function runsOnItsNode(task: Task): boolean {
  return task.nodeId !== null && !ENDED_STATES.has(task.state);
}

function failedTask(task: Task): boolean {
  return task.state === "failed" || task.state === "rejected" || task.error !== null;
}

/** A replicated task's slot, or a global task's node: what a replacement task takes over. */
function slotOf(task: Task): string {
  return task.slot !== null ? `slot:${task.slot}` : `node:${task.nodeId ?? ""}`;
}

export function runningTaskCount(topology: Topology, service: Service): number {
  const tasks = topology.tasks.filter((t) => t.serviceId === service.id);
  // Without the task list (a manager not reached yet) the manager's own count is all there is.
  if (tasks.length === 0) return service.runningTasks;
  return tasks.filter((t) => isCurrentTask(t) && t.state === "running").length;
}

export function taskLabel(service: Service | undefined, task: Task, node: SwarmNode | undefined) {
  return `${service?.name ?? task.serviceId.slice(0, 12)}.${task.slot ?? node?.hostname ?? task.nodeId ?? "?"}`;
}

/**
 * What is wrong with a service's tasks right now: a current task that failed or cannot be placed,
 * or the last failure of a slot that has nothing running. Old failures whose slot runs again are
 * history, not news. One per slot.
 */
export function taskProblems(topology: Topology, service: Service): TaskProblem[] {
  const tasks = topology.tasks.filter((t) => t.serviceId === service.id);
  const healthy = new Set(
    tasks.filter((t) => isCurrentTask(t) && t.state === "running").map(slotOf),
  );
  const wanted = new Set(tasks.filter(isCurrentTask).map(slotOf));
  const nodes = new Map(topology.nodes.map((n) => [n.id, n]));
  const bySlot = new Map<string, TaskProblem>();
  for (const task of tasks) {
    const slot = slotOf(task);
    if (!failedTask(task) || healthy.has(slot) || bySlot.has(slot)) continue;
    if (!isCurrentTask(task) && !wanted.has(slot)) continue;
    const node = task.nodeId ? nodes.get(task.nodeId) : undefined;
    bySlot.set(slot, {
      taskId: task.id,
      label: taskLabel(service, task, node),
      nodeHostname: node?.hostname ?? null,
      state: task.state,
      error: task.error ?? task.message ?? task.state,
    });
  }
  return [...bySlot.values()];
}

export function servicePortLines(service: Service): string[] {
  return service.ports.map(
    (p) =>
      `${p.publishedPort ?? "—"}→${p.targetPort}/${p.protocol} (${p.publishMode === "host" ? "host" : "ingress"})`,
  );
}

export function regionsOf(topology: Topology, remoteNodeIds: Iterable<string>): GraphRegion[] {
  const nodeOfEngine = new Map(
    topology.nodes.flatMap((n) => (n.engineId ? [[n.engineId, n] as const] : [])),
  );
  const regions: GraphRegion[] = topology.engines.map((engine) => {
    const node = nodeOfEngine.get(engine.id);
    return {
      id: engine.id,
      engineId: engine.id,
      name: engine.name,
      hostname: engine.hostname && engine.hostname !== engine.name ? engine.hostname : null,
      role: engine.swarm?.role ?? null,
      status: engine.status,
      message: engine.message,
      availability: node?.availability ?? null,
      nodeState: node?.state ?? null,
    };
  });
  const remote = new Set(remoteNodeIds);
  for (const node of topology.nodes) {
    if (node.engineId !== null || !remote.has(node.id)) continue;
    regions.push({
      id: nodeRegionId(node.id),
      engineId: null,
      name: node.hostname,
      hostname: null,
      role: node.role,
      // Not reached by Netlens, but as the manager sees it: a node that is down is down.
      status: node.state === "down" || node.state === "disconnected" ? "down" : "up",
      message: null,
      availability: node.availability,
      nodeState: node.state,
    });
  }
  return regions;
}

/** How a task's container is drawn: the id of its box (sandbox or stopped), if it is drawn. */
export type ContainerNodeLookup = (containerId: string) => GraphNode | undefined;

/**
 * Service nodes, their links to their current tasks, and a node (linked to each of its networks)
 * for every current task whose container Netlens does not see — a task on a node it does not reach.
 */
export function swarmGraph(
  topology: Topology,
  nodeOfContainer: ContainerNodeLookup,
  networkNames: ReadonlyMap<string, string>,
): { nodes: GraphNode[]; links: GraphLink[]; remoteNodeIds: Set<string> } {
  const nodes: GraphNode[] = [];
  const links: GraphLink[] = [];
  const remoteNodeIds = new Set<string>();
  const swarmNodes = new Map(topology.nodes.map((n) => [n.id, n]));

  for (const service of topology.services) {
    const members: { node: GraphNode; task: Task }[] = [];
    for (const task of topology.tasks) {
      if (task.serviceId !== service.id || !isCurrentTask(task)) continue;
      const drawn = task.containerId ? nodeOfContainer(task.containerId) : undefined;
      if (drawn) {
        members.push({ node: drawn, task });
        continue;
      }
      const addresses = task.addresses.filter((a) => networkNames.has(a.networkId));
      // A task not on a node yet (pending) runs nowhere: it is one of its service's problems.
      if (addresses.length === 0 || !runsOnItsNode(task) || task.nodeId === null) continue;
      const swarmNode = swarmNodes.get(task.nodeId);
      const remote: RemoteTaskNode = {
        kind: "remoteTask",
        id: remoteTaskNodeId(task.id),
        taskId: task.id,
        serviceId: service.id,
        label: taskLabel(service, task, swarmNode),
        nodeHostname: swarmNode?.hostname ?? null,
        state: task.state,
        error: task.error,
        region: swarmNode?.engineId ?? nodeRegionId(task.nodeId),
      };
      if (swarmNode && swarmNode.engineId === null) remoteNodeIds.add(swarmNode.id);
      nodes.push(remote);
      members.push({ node: remote, task });
      for (const address of addresses) {
        links.push({
          kind: "endpoint",
          id: `${remote.id}@${address.networkId}`,
          endpointId: "",
          source: remote.id,
          target: address.networkId,
          containerId: task.containerId ?? "",
          containerName: remote.label,
          networkName: networkNames.get(address.networkId) ?? address.networkId.slice(0, 12),
          ipv4Address: address.address.includes(":") ? null : address.address,
          ipv6Address: address.address.includes(":") ? address.address : null,
          macAddress: null,
          aliases: [],
          taskId: task.id,
        });
      }
    }
    const regions = new Set(members.map((m) => m.node.region));
    const running = runningTaskCount(topology, service);
    const id = serviceNodeId(service.id);
    nodes.push({
      kind: "service",
      id,
      serviceId: service.id,
      name: service.name,
      summary: serviceSummary(service, running),
      ports: servicePortLines(service),
      degraded: service.replicas !== null && running < service.replicas,
      problems: taskProblems(topology, service),
      region: regions.size === 1 ? [...regions][0]! : null,
    });
    for (const { node, task } of members) {
      links.push({
        kind: "task",
        id: `task-of:${task.id}`,
        source: id,
        target: node.id,
        taskId: task.id,
        failed: failedTask(task),
      });
    }
  }
  return { nodes, links, remoteNodeIds };
}

/**
 * Only what one region draws, and what spans it: a swarm network or a service stays while
 * something of the region is linked to it (a service's tasks elsewhere are left out).
 */
export function filterToRegion(model: GraphModel, region: string): GraphModel {
  const kept = new Set(model.nodes.filter((n) => n.region === region).map((n) => n.id));
  const spanning = new Set(model.nodes.filter((n) => n.region === null).map((n) => n.id));
  for (const link of model.links) {
    if (kept.has(link.source) && spanning.has(link.target)) kept.add(link.target);
    if (kept.has(link.target) && spanning.has(link.source)) kept.add(link.source);
  }
  return {
    nodes: model.nodes.filter((n) => kept.has(n.id)),
    links: model.links.filter((l) => kept.has(l.source) && kept.has(l.target)),
    regions: model.regions.filter((r) => r.id === region),
  };
}

/** The swarm node a region stands for: the engine's own node, or the unreached node itself. */
export function swarmNodeOfRegion(topology: Topology, region: string): SwarmNode | undefined {
  return topology.nodes.find((n) => n.engineId === region || nodeRegionId(n.id) === region);
}
