"use client";

import { useCallback, useState } from "react";
import { ApiError } from "./api-client";
import type { ReachRequest } from "../topology/reach-spec";
import type { ProbeResult } from "../topology/reach-types";
import { probeReachability } from "./reach-probe";

export type ProbeState =
  | { status: "idle" }
  | { status: "running" }
  | { status: "done"; result: ProbeResult; at: Date }
  | { status: "failed"; error: ApiError };

const IDLE: ProbeState = { status: "idle" };

/**
 * A probe of `request` on demand. What it found belongs to that question: asking another one (a
 * new party, port or protocol) starts from idle, and a late answer to an old question is dropped.
 */
export function useProbe(request: ReachRequest | null): { state: ProbeState; run(): void } {
  const key = request ? JSON.stringify(request) : null;
  const [current, setCurrent] = useState<{ key: string; state: ProbeState } | null>(null);

  const run = useCallback(() => {
    if (key === null) return;
    // The key is the request's JSON: the callback changes with the question and only then.
    const asked = JSON.parse(key) as ReachRequest;
    setCurrent({ key, state: { status: "running" } });
    const settle = (state: ProbeState) =>
      setCurrent((now) => (now?.key === key ? { key, state } : now));
    probeReachability(asked).then(
      (result) => settle({ status: "done", result, at: new Date() }),
      (error: unknown) =>
        settle({
          status: "failed",
          error:
            error instanceof ApiError
              ? error
              : new ApiError(
                  "probe_failed",
                  error instanceof Error ? error.message : String(error),
                  0,
                ),
        }),
    );
  }, [key]);

  return { state: current && current.key === key ? current.state : IDLE, run };
}
