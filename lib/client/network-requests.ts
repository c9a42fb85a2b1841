// The network-management calls of the JSON API (docs/api.md), typed. Results arrive on the live
// stream by themselves, so nothing here refetches the topology.
import { mutate } from "./api-client";
import type { NetworkSpec } from "../topology/network-spec";
import type { Network } from "../topology/types";

const networkUrl = (id: string) => `/api/networks/${encodeURIComponent(id)}`;

/** POST /api/networks: the created network, in the topology's shape. */
export function createNetwork(spec: NetworkSpec): Promise<Network> {
  return mutate<Network>("POST", "/api/networks", spec);
}

/** DELETE /api/networks/[id]: the server works out the engine (a swarm network's: a manager). */
export function removeNetwork(id: string): Promise<void> {
  return mutate<void>("DELETE", networkUrl(id));
}

export type PruneResult = {
  /** The engine pruned, when there are several. */
  engineId?: string;
  dryRun: boolean;
  networks: { id: string; name: string }[];
  failed: { id: string; name: string; message: string }[];
};

/**
 * POST /api/networks/prune on one engine (the default one without `engineId`): with dryRun, what
 * would go; without, what went (of `networkIds`).
 */
export function pruneNetworks(
  dryRun: boolean,
  networkIds?: string[],
  engineId?: string,
): Promise<PruneResult> {
  return mutate<PruneResult>("POST", "/api/networks/prune", {
    dryRun,
    ...(networkIds ? { networkIds } : {}),
    ...(engineId ? { engineId } : {}),
  });
}

export type ConnectRequest = {
  containerId: string;
  aliases?: string[];
  ipv4Address?: string;
  ipv6Address?: string;
};

export type ConnectResult = { networkId: string; containerId: string };

/** POST /api/networks/[id]/connect. */
export function connectContainer(networkId: string, request: ConnectRequest) {
  return mutate<ConnectResult>("POST", `${networkUrl(networkId)}/connect`, request);
}

/** POST /api/networks/[id]/disconnect. */
export function disconnectContainer(networkId: string, containerId: string, force = false) {
  return mutate<ConnectResult>("POST", `${networkUrl(networkId)}/disconnect`, {
    containerId,
    force,
  });
}
