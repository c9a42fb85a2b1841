"use client";

import useSWR, { type SWRConfiguration } from "swr";
import type { TopologyDiff } from "../history/types";
import type { Topology } from "../topology/types";
import { fetchJson, type ApiError } from "./api-client";

/** The past does not change: asked once, kept while the page lives. */
const PAST: SWRConfiguration = {
  revalidateOnFocus: false,
  revalidateIfStale: false,
  revalidateOnReconnect: false,
  shouldRetryOnError: false,
  // Scrubbing the timeline shows the last moment read until the next arrives, not a blank map.
  keepPreviousData: true,
};

/**
 * GET /api/topology?at=: the map as it was at `at` (ISO-8601); nothing for null (live). While a
 * new moment loads, `data` is still the previous one and `current` is false.
 */
export function useTopologyAt(at: string | null) {
  const key = at ? `/api/topology?at=${encodeURIComponent(at)}` : null;
  const swr = useSWR<Topology, ApiError>(key, fetchJson, PAST);
  return {
    data: key ? swr.data : undefined,
    error: key ? (swr.error ?? null) : null,
    current: key !== null && !swr.isLoading && swr.error === undefined,
  };
}

/** GET /api/topology/diff: what differs between two moments; nothing while either is null. */
export function useTopologyDiff(from: string | null, to: string | null) {
  const key =
    from && to
      ? `/api/topology/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`
      : null;
  const swr = useSWR<TopologyDiff, ApiError>(key, fetchJson, PAST);
  return { data: key ? swr.data : undefined, error: key ? (swr.error ?? null) : null };
}
