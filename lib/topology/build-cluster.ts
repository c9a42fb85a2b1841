import { buildTopology, inClusterOrder, inOrder } from "./build-topology";
import type {
  EngineClusterState,
  EngineNode,
  EngineService,
  EngineSnapshot,
  EngineTask,
} from "./engine-types";
import { createModelMemo, memo } from "./model-memo";
import type {
  EngineEntry,
  Network,
  Service,
  ServicePort,
  SwarmNode,
  Task,
  Topology,
} from "./types";

/** One configured engine as the feed knows it: its last snapshot is kept while it is down. */
export type EnginePart = {
  id: string;
  status: "up" | "down";
  message: string | null;
  snapshot: EngineSnapshot | null;
};

// Cluster objects rebuilt on every event would defeat the diff's per-object encoding cache.
const nodeMemo = createModelMemo<EngineNode, SwarmNode>();
const serviceMemo = createModelMemo<EngineService, Service>();
const taskMemo = createModelMemo<EngineTask, Task>();

const isManager = (s: EngineSnapshot | null) => s?.info.Swarm?.ControlAvailable === true;

/**
 * Several engines as one model. Local-scope objects keep their engine's id. A swarm-scope network
 * is one network of the cluster, however many nodes list it — so it appears once, with every
 * reached node's endpoints on it (Docker's own inspect shows only the asking node's: moby #24186).
 * Nodes, services and tasks come from a manager; tasks carry their overlay addresses, so nodes
 * Netlens does not reach still show on the overlay.
 */
export function buildCluster(parts: EnginePart[], now: Date = new Date()): Topology {
  const built = parts.flatMap((p, i) =>
    p.snapshot
      ? [{ part: p, topology: buildTopology(p.snapshot, now, { engineId: p.id, first: i === 0 }) }]
      : [],
  );
  // The manager's view of a swarm network first: a worker lists one only while it uses it.
  const preferred = [...built].sort(
    (a, b) => rank(a.part) - rank(b.part) || parts.indexOf(a.part) - parts.indexOf(b.part),
  );
  const networks = new Map<string, Network>();
  for (const { topology } of preferred) {
    for (const n of topology.networks) if (!networks.has(n.id)) networks.set(n.id, n);
  }
  const clusterSource = preferred.find(({ part }) => part.snapshot?.cluster);
  const cluster = clusterSource?.part.snapshot?.cluster ?? null;
  const clusterId = clusterSource?.part.snapshot?.info.Swarm?.Cluster?.ID ?? null;

  const engineOfNode = new Map<string, string>();
  for (const { part } of built) {
    const nodeId = part.snapshot?.info.Swarm?.NodeID;
    if (nodeId && part.snapshot?.info.Swarm?.LocalNodeState === "active") {
      engineOfNode.set(nodeId, part.id);
    }
  }
  const first = parts[0];
  const firstBuilt = built.find((b) => b.part === first)?.topology;

  const merged = {
    engine: firstBuilt?.engine ?? {
      id: first?.id ?? "",
      name: first?.id ?? "",
      serverVersion: "",
      apiVersion: "",
    },
    generatedAt: now.toISOString(),
    networks: [...networks.values()],
    containers: built.flatMap((b) => b.topology.containers),
    sandboxes: built.flatMap((b) => b.topology.sandboxes),
    endpoints: built.flatMap((b) => b.topology.endpoints),
    engines: parts.map((p) => toEngineEntry(p, cluster, clusterId)),
    nodes: (cluster?.nodes ?? []).map((n) => {
      const engineId = engineOfNode.get(n.ID) ?? null;
      return memo(nodeMemo, n, engineId ?? "", () => toNode(n, engineId));
    }),
    services: (cluster?.services ?? []).map((s) => memo(serviceMemo, s, "", () => toService(s))),
    tasks: (cluster?.tasks ?? []).map((t) => memo(taskMemo, t, "", () => toTask(t))),
  };
  // One engine's part is in order already: sorting it again would cost every live event.
  return built.length > 1 ? inOrder(merged) : inClusterOrder(merged);
}

/** Up managers first, then up engines, then what is kept of down ones. */
function rank(p: EnginePart): number {
  return (p.status === "up" ? 0 : 2) + (isManager(p.snapshot) ? 0 : 1);
}

function toEngineEntry(
  p: EnginePart,
  cluster: EngineClusterState | null,
  clusterId: string | null,
): EngineEntry {
  const info = p.snapshot?.info;
  const swarm = info?.Swarm;
  const inSwarm = swarm?.LocalNodeState === "active" && swarm.NodeID;
  // A worker's own info has no cluster id; the manager's node list says whether it is a member.
  const member = cluster?.nodes.some((n) => n.ID === swarm?.NodeID) ?? false;
  return {
    id: p.id,
    name: p.id,
    status: p.status,
    message: p.status === "down" ? p.message : null,
    hostname: info?.Name ?? null,
    serverVersion: info?.ServerVersion ?? null,
    swarm: inSwarm
      ? {
          nodeId: swarm.NodeID,
          clusterId: swarm.Cluster?.ID ?? (member ? clusterId : null),
          role: swarm.ControlAvailable ? "manager" : "worker",
        }
      : null,
  };
}

function toNode(n: EngineNode, engineId: string | null): SwarmNode {
  return {
    id: n.ID,
    hostname: n.Description?.Hostname ?? n.ID.slice(0, 12),
    role: n.Spec.Role === "manager" ? "manager" : "worker",
    availability: n.Spec.Availability,
    state: n.Status.State,
    // A manager's Status.Addr can be 0.0.0.0; its ManagerStatus has the advertised address.
    address:
      n.Status.Addr && n.Status.Addr !== "0.0.0.0"
        ? n.Status.Addr
        : (n.ManagerStatus?.Addr?.replace(/:\d+$/, "") ?? ""),
    engineId,
  };
}

function toService(s: EngineService): Service {
  const mode = s.Spec.Mode;
  const global = mode.Global !== undefined || mode.GlobalJob !== undefined;
  const replicas = global
    ? null
    : (mode.Replicated?.Replicas ?? mode.ReplicatedJob?.TotalCompletions ?? null);
  return {
    id: s.ID,
    name: s.Spec.Name,
    mode: global ? "global" : "replicated",
    replicas,
    runningTasks: s.ServiceStatus?.RunningTasks ?? 0,
    endpointMode: s.Spec.EndpointSpec?.Mode === "dnsrr" ? "dnsrr" : "vip",
    virtualIPs: (s.Endpoint?.VirtualIPs ?? [])
      .filter((v) => v.Addr)
      .map((v) => ({ networkId: v.NetworkID, address: v.Addr as string })),
    ports: (s.Endpoint?.Ports ?? []).map((p): ServicePort => ({
      protocol: p.Protocol ?? "tcp",
      targetPort: p.TargetPort ?? 0,
      publishedPort: p.PublishedPort ?? null,
      publishMode: p.PublishMode === "host" ? "host" : "ingress",
    })),
    networkIds: (s.Spec.TaskTemplate.Networks ?? []).map((n) => n.Target),
    // Swarm pins the digest ("image@sha256:…"); the name is what people recognise.
    image: (s.Spec.TaskTemplate.ContainerSpec?.Image ?? "").replace(/@sha256:[0-9a-f]+$/, ""),
  };
}

function toTask(t: EngineTask): Task {
  return {
    id: t.ID,
    serviceId: t.ServiceID,
    nodeId: t.NodeID || null,
    slot: t.Slot ?? null,
    desiredState: t.DesiredState,
    state: t.Status.State,
    error: t.Status.Err || null,
    message: t.Status.Message || null,
    containerId: t.Status.ContainerStatus?.ContainerID || null,
    addresses: (t.NetworksAttachments ?? []).flatMap((a) =>
      (a.Addresses ?? []).map((address) => ({ networkId: a.Network.ID, address })),
    ),
  };
}
