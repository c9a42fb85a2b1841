import "server-only";
import { ApiError } from "@/lib/api/errors";
import { defaultEngineId } from "@/lib/docker/client";
import { imageExists, runInNamespace } from "@/lib/docker/probe";
import { env } from "@/lib/env";
import {
  noAddressConnect,
  planProbe,
  probeAgrees,
  probeCommands,
  probeProblem,
  readConnect,
  readDns,
} from "@/lib/topology/probe-plan";
import { resolveParty } from "@/lib/topology/reach-parties";
import type { ReachRequest } from "@/lib/topology/reach-spec";
import type { ProbeResult, Reachability } from "@/lib/topology/reach-types";
import { predictReachability, questionProblem } from "@/lib/topology/reachability";
import type { Topology } from "@/lib/topology/types";
import { currentTopology } from "./current-topology";

function party(topology: Topology, ref: string, field: "from" | "to") {
  const found = resolveParty(topology, ref);
  if (!found.ok) {
    throw new ApiError(
      found.problem === "ambiguous" ? "bad_request" : "not_found",
      `${field}: ${found.message}`,
    );
  }
  return found.party;
}

function predict(topology: Topology, req: ReachRequest): Reachability {
  const from = party(topology, req.from, "from");
  const to = party(topology, req.to, "to");
  const problem = questionProblem(from, to);
  if (problem) throw new ApiError("bad_request", problem);
  return predictReachability(topology, from, to, {
    port: req.port ?? null,
    protocol: req.protocol ?? "tcp",
  });
}

/** The topology, read afresh when memory does not know a container the request names. */
const topologyFor = async (req: ReachRequest) =>
  (await currentTopology((t) => resolveParty(t, req.from).ok && resolveParty(t, req.to).ok))
    .topology;

export async function reachability(req: ReachRequest): Promise<Reachability> {
  return predict(await topologyFor(req), req);
}

let running = 0;

/** The prediction, then the same question tried for real from inside the source's namespace. */
export async function probe(req: ReachRequest, signal: AbortSignal): Promise<ProbeResult> {
  if (running >= env.NETLENS_PROBES_AT_ONCE) {
    throw new ApiError(
      "rate_limited",
      `${running} probes are already running: wait for one to finish and try again.`,
    );
  }
  running += 1;
  try {
    return await probeNow(req, signal);
  } finally {
    running -= 1;
  }
}

async function probeNow(req: ReachRequest, signal: AbortSignal): Promise<ProbeResult> {
  const started = performance.now();
  const topology = await topologyFor(req);
  const prediction = predict(topology, req);
  const problem = probeProblem(prediction.from, prediction.to);
  if (problem) throw new ApiError("bad_request", problem);
  if (prediction.from.kind === "container" && prediction.from.sandboxId === null) {
    throw new ApiError(
      "conflict",
      `${prediction.from.name} is ${prediction.from.state}: a probe runs inside its network namespace, which exists only while it runs.`,
    );
  }
  const image = env.NETLENS_PROBE_IMAGE;
  // The helper runs beside the source: on its container's engine (the host: the default engine's).
  const from = prediction.from;
  const engineId =
    (from.kind === "container" && topology.containers.find((c) => c.id === from.id)?.engineId) ||
    defaultEngineId;
  if (!(await imageExists(image, engineId))) {
    throw new ApiError(
      "probe-image-missing",
      `The probe image ${image} is not on engine ${engineId}, and Netlens never pulls images. Pull it there (docker pull ${image}), or set NETLENS_PROBE_IMAGE to an image you have (e.g. nicolaka/netshoot).`,
    );
  }
  const plan = planProbe(topology, prediction, {
    port: prediction.port,
    protocol: prediction.protocol,
  });
  const commands = probeCommands(plan);
  const [dnsRun, connectRun] = await runInNamespace(
    engineId,
    plan.namespace,
    image,
    [commands.dns, commands.connect],
    env.NETLENS_PROBE_TIMEOUT_MS,
    signal,
  );
  const dns = plan.dnsName && dnsRun ? readDns(plan.dnsName, dnsRun.exitCode, dnsRun.output) : null;
  const connect = connectRun
    ? readConnect(plan, connectRun.exitCode, connectRun.output, connectRun.ms)
    : noAddressConnect(plan);
  return {
    prediction,
    observed: { dns, connect },
    agrees: probeAgrees(prediction, connect),
    image,
    ms: Math.round(performance.now() - started),
  };
}
