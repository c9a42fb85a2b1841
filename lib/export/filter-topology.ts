// The map's view filters applied to a Topology itself, for exports: what is left is still a
// consistent model (no endpoint to a network or sandbox that is gone, no task of a removed
// container). Pure.
import { driverClassOf } from "@/lib/graph/drivers";
import { failedToStart } from "@/lib/graph/graph-model";
import { createSearchIndex } from "@/lib/graph/search";
import type { Container, Network, Topology } from "@/lib/topology/types";

export type TopologyFilter = {
  /** Keep stopped containers; without, only those Docker failed to start stay (as on the map). */
  stopped: boolean;
  /**
   * Only networks of these drivers (Docker's name, or the map's class: "none" for "null"), and
   * what is attached to them; empty keeps every driver.
   */
  drivers: readonly string[];
  /** Only this engine's part, with the swarm networks it is on; null keeps every engine. */
  engine: string | null;
  /** The table's search: matching containers (with their namespace) and matching networks. */
  q: string;
};

/**
 * The networks a container is configured for, as Docker names them: its engine's own, or the
 * swarm's (two engines may each have a network of that name).
 */
export function configuredNetworksOf(topology: Topology, container: Container): Network[] {
  return topology.networks.filter(
    (n) =>
      container.networkNames.includes(n.name) &&
      (n.engineId === null || n.engineId === container.engineId),
  );
}

export function filterTopology(topology: Topology, filter: TopologyFilter): Topology {
  const { engine, drivers } = filter;
  const search = createSearchIndex(topology, filter.q);
  const searching = filter.q.trim() !== "";

  const onEngine = (engineId: string | null) => engine === null || engineId === engine;
  const networkAllowed = (n: Network) =>
    (drivers.length === 0 ||
      drivers.includes(n.driver) ||
      drivers.includes(driverClassOf(n.driver))) &&
    (n.engineId === null || onEngine(n.engineId));
  const allowedNetworkIds = new Set(topology.networks.filter(networkAllowed).map((n) => n.id));

  const sandboxIds = new Set(topology.sandboxes.map((s) => s.id));
  const running = (c: Container) => c.sandboxId !== null && sandboxIds.has(c.sandboxId);
  const containerAllowed = (c: Container) =>
    onEngine(c.engineId) && (running(c) || filter.stopped || failedToStart(c));
  const containersById = new Map(topology.containers.map((c) => [c.id, c]));

  // A namespace stands or falls whole: a matching sidecar brings its owner, whose endpoints they share.
  const sandboxes = topology.sandboxes.filter((sandbox) => {
    if (!onEngine(sandbox.engineId)) return false;
    if (
      drivers.length > 0 &&
      !topology.endpoints.some(
        (e) => e.sandboxId === sandbox.id && allowedNetworkIds.has(e.networkId),
      )
    ) {
      return false;
    }
    // Swarm's own namespaces have no container to match a search.
    if (sandbox.containerIds.length === 0) return !searching;
    return sandbox.containerIds.some((id) => {
      const c = containersById.get(id);
      return c !== undefined && containerAllowed(c) && search.containerMatches(c);
    });
  });
  const keptSandboxIds = new Set(sandboxes.map((s) => s.id));

  const configuredNetworks = (c: Container) =>
    configuredNetworksOf(topology, c).filter((n) => allowedNetworkIds.has(n.id));
  const withoutSandbox = topology.containers.filter(
    (c) =>
      !running(c) &&
      containerAllowed(c) &&
      search.containerMatches(c) &&
      (drivers.length === 0 || configuredNetworks(c).length > 0),
  );

  const endpoints = topology.endpoints.filter(
    (e) => keptSandboxIds.has(e.sandboxId) && allowedNetworkIds.has(e.networkId),
  );
  const attached = new Set([
    ...endpoints.map((e) => e.networkId),
    ...withoutSandbox.flatMap((c) => configuredNetworks(c).map((n) => n.id)),
  ]);
  const networks = topology.networks.filter(
    (n) =>
      allowedNetworkIds.has(n.id) &&
      (attached.has(n.id) ||
        (searching ? search.networkMatches(n) : n.engineId !== null || engine === null)),
  );
  const networkIds = new Set(networks.map((n) => n.id));

  const keptContainerIds = new Set([
    ...sandboxes.flatMap((s) => s.containerIds),
    ...withoutSandbox.map((c) => c.id),
  ]);
  const containers = topology.containers.filter((c) => keptContainerIds.has(c.id));

  // A task without a container here (pending, or on a node Netlens does not reach) belongs to no
  // engine and matches no search: it stays only in an unfiltered view of the cluster.
  const tasks = topology.tasks
    .filter((t) =>
      t.containerId !== null && containersById.has(t.containerId)
        ? keptContainerIds.has(t.containerId)
        : engine === null && !searching,
    )
    .map((t) => ({ ...t, addresses: t.addresses.filter((a) => networkIds.has(a.networkId)) }));
  const serviceIdsWithTasks = new Set(tasks.map((t) => t.serviceId));
  const services = topology.services
    .filter(
      (s) =>
        serviceIdsWithTasks.has(s.id) ||
        (engine === null &&
          !searching &&
          (drivers.length === 0 || s.networkIds.some((id) => networkIds.has(id)))),
    )
    .map((s) => ({
      ...s,
      networkIds: s.networkIds.filter((id) => networkIds.has(id)),
      virtualIPs: s.virtualIPs.filter((v) => networkIds.has(v.networkId)),
    }));
  const keptServiceIds = new Set(services.map((s) => s.id));

  return {
    ...topology,
    networks,
    containers,
    sandboxes,
    endpoints,
    engines: topology.engines.filter((e) => onEngine(e.id)),
    nodes: topology.nodes.filter((n) => engine === null || n.engineId === engine),
    services,
    tasks: tasks.filter((t) => keptServiceIds.has(t.serviceId)),
  };
}
