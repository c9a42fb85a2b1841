// Filtering for the resource table: one query matched against the facts an operator types.
import type { Container, Network, Topology } from "../topology/types";
import { stripCidr } from "./format";

export type SearchIndex = {
  networkMatches(network: Network): boolean;
  containerMatches(container: Container): boolean;
};

function normalise(query: string): string[] {
  return query.trim().toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * Each whitespace-separated term must match (AND). A term matches a name, driver, image or IP
 * anywhere in it, and an id only from its start (as Docker resolves id prefixes).
 */
export function createSearchIndex(topology: Topology, query: string): SearchIndex {
  const terms = normalise(query);
  if (terms.length === 0) {
    return { networkMatches: () => true, containerMatches: () => true };
  }

  const networkById = new Map(topology.networks.map((n) => [n.id, n]));
  // By sandbox, not container: a `container:x` joiner has the owner's addresses too.
  const ipsBySandbox = new Map<string, string[]>();
  const ipsByNetwork = new Map<string, string[]>();
  const driversBySandbox = new Map<string, Set<string>>();
  for (const e of topology.endpoints) {
    const ips = [e.ipv4Address, e.ipv6Address].filter((a): a is string => a !== null);
    for (const [map, key] of [
      [ipsBySandbox, e.sandboxId],
      [ipsByNetwork, e.networkId],
    ] as const) {
      const list = map.get(key) ?? [];
      list.push(...ips, ...ips.map(stripCidr));
      map.set(key, list);
    }
    const driver = networkById.get(e.networkId)?.driver;
    if (driver) {
      const set = driversBySandbox.get(e.sandboxId) ?? new Set<string>();
      set.add(driver);
      driversBySandbox.set(e.sandboxId, set);
    }
  }
  const networkByName = new Map(topology.networks.map((n) => [n.name, n]));

  const matchesTerms = (texts: string[], ids: string[]) =>
    terms.every(
      (term) =>
        texts.some((t) => t.toLowerCase().includes(term)) ||
        ids.some((id) => id.toLowerCase().startsWith(term)),
    );

  return {
    networkMatches(network) {
      const texts = [
        network.name,
        network.driver,
        ...network.subnets.flatMap((s) => [s.subnet, s.gateway ?? "", s.ipRange ?? ""]),
        ...(ipsByNetwork.get(network.id) ?? []),
      ];
      return matchesTerms(texts, [network.id]);
    },
    containerMatches(container) {
      // A stopped container has no endpoints; its configured networks still name its drivers.
      const configuredDrivers = container.networkNames
        .map((name) => networkByName.get(name)?.driver)
        .filter((d): d is string => d !== undefined);
      const texts = [
        container.name,
        container.image,
        container.networkMode,
        ...(container.sandboxId ? (ipsBySandbox.get(container.sandboxId) ?? []) : []),
        ...(container.sandboxId ? (driversBySandbox.get(container.sandboxId) ?? []) : []),
        ...configuredDrivers,
      ];
      return matchesTerms(texts, [container.id]);
    },
  };
}
