import useSWR from "swr";
import { fetchJson, steadyErrorRetry, type ApiError } from "./api-client";
import type { Container, Endpoint, Sandbox } from "../topology/types";
import { useRevalidateOn } from "./use-revalidate-on";

/** GET /api/containers/[id]. */
export type ContainerDetails = {
  container: Container;
  sandbox: Sandbox | null;
  endpoints: Endpoint[];
  /** The network-related subset of `docker inspect`: State, NetworkSettings, HostConfig network fields, Hostname. */
  inspect: Record<string, unknown>;
};

/**
 * Details of one container; pass null while nothing is selected so no request goes out. Not
 * polled: `revision` (see lib/graph/entity-revision.ts) changes when the live topology changes
 * the container, and that fetches it again.
 */
export function useContainerDetails(id: string | null, revision?: string) {
  const key = id ? `/api/containers/${encodeURIComponent(id)}` : null;
  const swr = useSWR<ContainerDetails, ApiError>(key, fetchJson, {
    keepPreviousData: false,
    onErrorRetry: steadyErrorRetry,
  });
  useRevalidateOn(key, revision, swr.mutate);
  return swr;
}
