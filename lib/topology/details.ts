import type { Container, Endpoint, Network, Sandbox, Topology } from "./types";

export type NetworkEndpoint = Endpoint & { containerName: string };

/** What is attached to one network, for its panel (endpoints named by their container). */
export function networkEndpoints(topology: Topology, networkId: string): NetworkEndpoint[] {
  const names = new Map(topology.containers.map((c) => [c.id, c.name]));
  return topology.endpoints
    .filter((e) => e.networkId === networkId)
    .map((e) => ({ ...e, containerName: names.get(e.containerId) ?? e.containerId.slice(0, 12) }));
}

export function findNetwork(topology: Topology, id: string): Network | undefined {
  return topology.networks.find((n) => n.id === id);
}

export type ContainerView = {
  container: Container;
  sandbox: Sandbox | null;
  endpoints: Endpoint[];
};

/**
 * A container with its sandbox and the endpoints it reaches the networks through — for a
 * container: mode container, its owner's endpoints, since that is the stack it really uses.
 */
export function containerView(topology: Topology, containerId: string): ContainerView | undefined {
  const container = topology.containers.find((c) => c.id === containerId);
  if (!container) return undefined;
  const sandbox = topology.sandboxes.find((s) => s.id === container.sandboxId) ?? null;
  const through = container.networkMode.startsWith("container:")
    ? sandbox?.containerIds[0]
    : container.id;
  const endpoints = topology.endpoints.filter((e) => e.containerId === through);
  return { container, sandbox, endpoints };
}
