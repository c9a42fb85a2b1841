import useSWR from "swr";
import { fetchJson, steadyErrorRetry, type ApiError } from "./api-client";
import type { Endpoint, Network } from "./topology/types";

export type NetworkEndpointDetails = Endpoint & { containerName: string };

/** GET /api/networks/[id]. */
export type NetworkDetails = {
  network: Network;
  endpoints: NetworkEndpointDetails[];
  /** Docker's raw `docker network inspect` JSON. */
  inspect: Record<string, unknown>;
};

/** Details of one network; pass null while nothing is selected so no request goes out. */
export function useNetworkDetails(id: string | null) {
  return useSWR<NetworkDetails, ApiError>(
    id ? `/api/networks/${encodeURIComponent(id)}` : null,
    fetchJson,
    // Endpoints come and go with containers; keep the open panel as live as the map.
    { refreshInterval: 3000, keepPreviousData: false, onErrorRetry: steadyErrorRetry },
  );
}
