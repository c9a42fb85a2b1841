// Fingerprints of what a details panel shows, taken from the live topology: when one changes, the
// panel's own copy from the API is out of date and is fetched again.
import type { Topology } from "../topology/types";

/** A network, its endpoints and the names of the containers behind them. */
export function networkRevision(topology: Topology, id: string): string {
  const network = topology.networks.find((n) => n.id === id) ?? null;
  const endpoints = topology.endpoints.filter((e) => e.networkId === id);
  const names = endpoints.map((e) => topology.containers.find((c) => c.id === e.containerId)?.name);
  return JSON.stringify([network, endpoints, names]);
}

/** A container, the sandbox it lives in, and that sandbox's endpoints. */
export function containerRevision(topology: Topology, id: string): string {
  const container = topology.containers.find((c) => c.id === id) ?? null;
  const sandbox = container?.sandboxId
    ? (topology.sandboxes.find((s) => s.id === container.sandboxId) ?? null)
    : null;
  const endpoints = sandbox ? topology.endpoints.filter((e) => e.sandboxId === sandbox.id) : [];
  return JSON.stringify([container, sandbox, endpoints]);
}
