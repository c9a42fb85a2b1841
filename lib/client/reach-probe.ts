// POST /api/reachability/probe: the question tried from inside the source's namespace (operator).
import { mutate } from "./api-client";
import type { ReachRequest } from "../topology/reach-spec";
import type { ProbeResult } from "../topology/reach-types";

export function probeReachability(request: ReachRequest): Promise<ProbeResult> {
  return mutate<ProbeResult>("POST", "/api/reachability/probe", request);
}
