import useSWR from "swr";
import { fetchJson, steadyErrorRetry, type ApiError } from "./api-client";
import type { Endpoint, Network } from "../topology/types";
import { useRevalidateOn } from "./use-revalidate-on";

export type NetworkEndpointDetails = Endpoint & { containerName: string };

/** GET /api/networks/[id]. */
export type NetworkDetails = {
  network: Network;
  endpoints: NetworkEndpointDetails[];
  /** Docker's raw `docker network inspect` JSON. */
  inspect: Record<string, unknown>;
};

/**
 * Details of one network; pass null while nothing is selected so no request goes out. Not polled:
 * `revision` (see lib/graph/entity-revision.ts) changes when the live topology changes the
 * network, and that fetches it again.
 */
export function useNetworkDetails(id: string | null, revision?: string) {
  const key = id ? `/api/networks/${encodeURIComponent(id)}` : null;
  const swr = useSWR<NetworkDetails, ApiError>(key, fetchJson, {
    keepPreviousData: false,
    onErrorRetry: steadyErrorRetry,
  });
  useRevalidateOn(key, revision, swr.mutate);
  return swr;
}
