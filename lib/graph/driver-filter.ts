// Narrowing the map and the table to networks of some drivers, and what is attached to them.
import type { Container, Network, Topology } from "../topology/types";
import { keepNodes, type GraphModel } from "./graph-model";

/** The drivers of the networks there are, sorted: what the filter offers. */
export function driversOf(topology: Topology): string[] {
  return [...new Set(topology.networks.map((n) => n.driver))].sort();
}

/** The wanted drivers that exist; none left (or none wanted) means every driver. */
export function effectiveDrivers(topology: Topology, wanted: readonly string[]): string[] {
  if (wanted.length === 0) return [];
  const present = new Set(topology.networks.map((n) => n.driver));
  return wanted.filter((d) => present.has(d));
}

/**
 * The networks of `drivers`, the boxes (and remote tasks) linked to them, and the services those
 * are tasks of. Neighbours are taken one way only: a box shown for its bridge network does not
 * bring in the other tasks of its service.
 */
export function filterToDrivers(model: GraphModel, drivers: readonly string[]): GraphModel {
  const wanted = new Set(drivers);
  const networks = new Set(
    model.nodes.filter((n) => n.kind === "network" && wanted.has(n.driver)).map((n) => n.id),
  );
  const kindOf = new Map(model.nodes.map((n) => [n.id, n.kind]));
  const attached = new Set<string>();
  for (const link of model.links) {
    if (networks.has(link.target)) attached.add(link.source);
    if (networks.has(link.source)) attached.add(link.target);
  }
  const kept = new Set([...networks, ...attached]);
  const hangsOff = (id: string) => kindOf.get(id) === "service";
  for (const link of model.links) {
    if (attached.has(link.source) && hangsOff(link.target)) kept.add(link.target);
    if (attached.has(link.target) && hangsOff(link.source)) kept.add(link.source);
  }
  return keepNodes(model, kept);
}

/**
 * The table's version: a network of one of `drivers`; a container with an endpoint on one, or
 * (stopped) configured for one. Empty `drivers` matches everything.
 */
export function createDriverMatcher(topology: Topology, drivers: readonly string[]) {
  if (drivers.length === 0) {
    return { networkMatches: () => true, containerMatches: () => true };
  }
  const wanted = new Set(drivers);
  const networkMatches = (network: Network) => wanted.has(network.driver);
  const shownNetworks = new Set(topology.networks.filter(networkMatches).map((n) => n.id));
  const shownNames = new Set(topology.networks.filter(networkMatches).map((n) => n.name));
  const sandboxes = new Set(
    topology.endpoints.filter((e) => shownNetworks.has(e.networkId)).map((e) => e.sandboxId),
  );
  return {
    networkMatches,
    containerMatches: (container: Container) =>
      container.sandboxId !== null
        ? sandboxes.has(container.sandboxId)
        : container.networkNames.some((name) => shownNames.has(name)),
  };
}
