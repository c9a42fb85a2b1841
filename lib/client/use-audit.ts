import useSWR from "swr";
import { fetchJson, steadyErrorRetry, type ApiError } from "./api-client";
import type { AuditEntry } from "../audit/types";

export type { AuditEntry };

export type AuditFilter = { operation: string; outcome: string; q: string };

/** GET /api/audit with the page's filters; refreshed every few seconds while open. */
export function useAudit(filter: AuditFilter) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
  return useSWR<{ entries: AuditEntry[] }, ApiError>(`/api/audit?${params}`, fetchJson, {
    refreshInterval: 5000,
    onErrorRetry: steadyErrorRetry,
  });
}
