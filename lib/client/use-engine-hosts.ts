import useSWR from "swr";
import type { EngineHost } from "../topology/engine-target";
import { fetchJson, steadyErrorRetry, type ApiError } from "./api-client";

type Health = { engines?: { id: string; endpoint: string }[] };
const NONE: readonly EngineHost[] = [];

/**
 * Where each engine is (GET /api/health lists them, in the configured order), for commands aimed
 * with `docker -H`. Asked only while `enabled`: with one engine no command needs it.
 */
export function useEngineHosts(enabled: boolean): readonly EngineHost[] {
  const { data } = useSWR<Health, ApiError>(enabled ? "/api/health" : null, fetchJson, {
    onErrorRetry: steadyErrorRetry,
    revalidateOnFocus: false,
  });
  return data?.engines ?? NONE;
}
