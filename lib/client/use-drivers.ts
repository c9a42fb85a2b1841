import useSWR from "swr";
import { fetchJson, steadyErrorRetry, type ApiError } from "./api-client";

export type DriverInfo = {
  name: string;
  kind: "builtin" | "plugin";
  scope: "local" | "swarm";
  available: boolean;
  /** Why it is unavailable, e.g. "needs swarm mode". */
  note?: string;
};

/** GET /api/drivers: the network drivers a new network may use (host and null never are). */
export type DriversResponse = {
  engineId: string;
  swarmActive: boolean;
  /** Only a manager creates overlay networks. */
  swarmManager: boolean;
  drivers: DriverInfo[];
};

/**
 * An engine's network drivers (the default engine's without `engineId`); fetched while `enabled`
 * (the create dialog is open).
 */
export function useDrivers(enabled = true, engineId?: string) {
  const url = engineId ? `/api/drivers?engineId=${encodeURIComponent(engineId)}` : "/api/drivers";
  return useSWR<DriversResponse, ApiError>(enabled ? url : null, fetchJson, {
    onErrorRetry: steadyErrorRetry,
    revalidateOnFocus: false,
  });
}
