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
export type DriversResponse = { swarmActive: boolean; drivers: DriverInfo[] };

/** The engine's network drivers; fetched while `enabled` (the create dialog is open). */
export function useDrivers(enabled = true) {
  return useSWR<DriversResponse, ApiError>(enabled ? "/api/drivers" : null, fetchJson, {
    onErrorRetry: steadyErrorRetry,
    revalidateOnFocus: false,
  });
}
