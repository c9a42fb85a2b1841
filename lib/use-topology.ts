import useSWR from "swr";
import { fetchJson, steadyErrorRetry, type ApiError } from "./api-client";
import type { Topology } from "./topology/types";

export { useNetworkDetails, type NetworkDetails } from "./use-network-details";
export { useContainerDetails, type ContainerDetails } from "./use-container-details";

export const TOPOLOGY_REFRESH_MS = 3000;

/**
 * The whole CNM topology, polled. On failure SWR keeps the last good `data` next to `error`,
 * which is what lets the dashboard keep showing the last known map, dimmed.
 */
export function useTopology() {
  return useSWR<Topology, ApiError>("/api/topology", fetchJson, {
    refreshInterval: TOPOLOGY_REFRESH_MS,
    onErrorRetry: steadyErrorRetry,
  });
}
