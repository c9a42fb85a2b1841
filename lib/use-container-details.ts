import useSWR from "swr";
import { fetchJson, steadyErrorRetry, type ApiError } from "./api-client";
import type { Container, Endpoint, Sandbox } from "./topology/types";

/** GET /api/containers/[id]. */
export type ContainerDetails = {
  container: Container;
  sandbox: Sandbox | null;
  endpoints: Endpoint[];
  /** The network-related subset of `docker inspect`: State, NetworkSettings, HostConfig network fields, Hostname. */
  inspect: Record<string, unknown>;
};

/** Details of one container; pass null while nothing is selected so no request goes out. */
export function useContainerDetails(id: string | null) {
  return useSWR<ContainerDetails, ApiError>(
    id ? `/api/containers/${encodeURIComponent(id)}` : null,
    fetchJson,
    { refreshInterval: 3000, keepPreviousData: false, onErrorRetry: steadyErrorRetry },
  );
}
