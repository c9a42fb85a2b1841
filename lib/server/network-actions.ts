import "server-only";
import { auditEngine } from "@/lib/api/guard";
import { ApiError } from "@/lib/api/errors";
import { defaultEngineId, engines, isEngineId } from "@/lib/docker/client";
import { EngineRequestError } from "@/lib/docker/errors";
import {
  connectContainer,
  createNetwork,
  disconnectContainer,
  networkDrivers,
  removeNetwork,
} from "@/lib/docker/networks";
import { inspectContainer, inspectNetwork } from "@/lib/docker/resources";
import { toNetwork } from "@/lib/topology/build-topology";
import {
  staticAddressProblems,
  type ConnectSpec,
  type DisconnectSpec,
} from "@/lib/topology/connect-spec";
import {
  networksVisibleOn,
  pickConnection,
  pickRemoval,
  pruneCandidates,
  workerOverlayReason,
  type Choice,
} from "@/lib/topology/engine-target";
import { specProblems, type NetworkSpec, type SpecProblem } from "@/lib/topology/network-spec";
import type { EngineEntry, Network, Topology } from "@/lib/topology/types";
import { currentTopology } from "./current-topology";

// The network operations behind the routes: each checks what it can against the engines' current
// state first, so the person gets a clear answer instead of Docker's terser one. With several
// engines, each works out which engine the change goes to (lib/topology/engine-target.ts).

function problemsError(problems: SpecProblem[]): ApiError {
  const kind = problems.find((p) => p.kind === "forbidden")
    ? "forbidden"
    : problems.find((p) => p.kind === "invalid")
      ? "bad_request"
      : "conflict";
  return new ApiError(kind, problems.map((p) => `${p.field}: ${p.message}`).join("; "));
}

/** An `engineId` the caller gave, if any: 400 naming the field for one Netlens does not know. */
export function knownEngine(engineId: string | undefined): string | undefined {
  if (engineId === undefined) return undefined;
  if (isEngineId(engineId)) {
    // What was asked for, until the handler knows where the change really goes.
    auditEngine(engineId);
    return engineId;
  }
  throw new ApiError(
    "bad_request",
    `engineId: Netlens has no engine "${engineId}" (it knows ${engines.map((e) => e.id).join(", ")})`,
  );
}

function chosen<T>(choice: Choice<T>): T {
  if ("refused" in choice) throw new ApiError(choice.refused.code, choice.refused.message);
  return choice.ok;
}

/**
 * Why `engineId` cannot create a network with `driver`, or null. Asked first because Docker
 * spends many seconds looking for a plugin of an unknown name before it says so.
 */
async function driverProblem(
  driver: string,
  engineId: string,
  known: readonly EngineEntry[],
): Promise<SpecProblem | null> {
  const { builtin, plugins, swarmActive, swarmManager } = await networkDrivers(engineId);
  if (driver === "overlay" && !swarmActive) {
    return {
      field: "driver",
      message: "overlay networks need swarm mode (docker swarm init)",
      kind: "invalid",
    };
  }
  if (driver === "overlay" && !swarmManager) {
    return { field: "driver", message: workerOverlayReason(engineId, known), kind: "conflict" };
  }
  const offered = [...builtin, ...plugins.filter((p) => p.enabled).map((p) => p.name)];
  // A plugin may be named with or without its tag.
  if (offered.some((k) => k === driver || k === `${driver}:latest`)) return null;
  return {
    field: "driver",
    message: `this engine has no network driver "${driver}" (it offers ${offered.filter((k) => !["host", "null"].includes(k)).join(", ")})`,
    kind: "invalid",
  };
}

export async function createNetworkFromSpec(spec: NetworkSpec): Promise<Network> {
  const engineId = knownEngine(spec.engineId) ?? defaultEngineId;
  auditEngine(engineId);
  const { topology } = await currentTopology();
  const driver = await driverProblem(spec.driver, engineId, topology.engines);
  const problems = [
    ...(driver ? [driver] : []),
    ...specProblems(spec, networksVisibleOn(topology, engineId)),
  ];
  if (problems.length) throw problemsError(problems);
  return toNetwork(await createNetwork(spec, engineId), engineId);
}

/**
 * What `ref` names on each engine that has it: Docker resolves ids, id prefixes and names itself.
 * Found nowhere: an engine's own 404 if one answered, else why none could be asked.
 */
async function findOnEngines<T>(
  ref: string,
  find: (ref: string, engineId: string) => Promise<T>,
): Promise<[{ engineId: string; found: T }, ...{ engineId: string; found: T }[]]> {
  const results = await Promise.allSettled(engines.map((e) => find(ref, e.id)));
  const hits = engines.flatMap((e, i) => {
    const r = results[i];
    return r?.status === "fulfilled" ? [{ engineId: e.id, found: r.value }] : [];
  });
  const [first, ...more] = hits;
  if (first) return [first, ...more];
  const reasons = results.map((r) => (r.status === "rejected" ? r.reason : null));
  throw reasons.find((r) => r instanceof EngineRequestError && r.statusCode === 404) ?? reasons[0];
}

/**
 * `docker network inspect` of `ref` on an engine that has it: `engineId`'s when given, else the
 * first (a swarm network on a manager first, as engines are configured).
 */
export async function inspectNetworkOnEngines(
  ref: string,
  engineId?: string,
): Promise<Record<string, unknown>> {
  const explicit = knownEngine(engineId);
  if (explicit) return inspectNetwork(ref, explicit);
  const [first] = await findOnEngines(ref, inspectNetwork);
  return first.found;
}

/** The network-related part of `docker inspect` of `ref`, on whichever engine runs it. */
export async function inspectContainerOnEngines(ref: string, engineId?: string) {
  const explicit = knownEngine(engineId);
  if (explicit) return inspectContainer(ref, explicit);
  const [first] = await findOnEngines(ref, inspectContainer);
  return first.found;
}

/** The networks `ref` names (one per engine at most), as the current topology has them. */
async function networksNamed(ref: string): Promise<{ networks: Network[]; topology: Topology }> {
  const ids = new Set((await findOnEngines(ref, inspectNetwork)).map((h) => String(h.found.Id)));
  const { topology } = await currentTopology((t) =>
    [...ids].every((id) => t.networks.some((n) => n.id === id)),
  );
  const networks = topology.networks.filter((n) => ids.has(n.id));
  if (!networks.length) throw new ApiError("not_found", `Network ${ref} was removed meanwhile.`);
  return { networks, topology };
}

/** The containers `ref` names (one per engine at most), with their inspect. */
async function containersNamed(ref: string) {
  return (await findOnEngines(ref, inspectContainer)).map(({ engineId, found }) => ({
    id: found.Id,
    name: found.Name.replace(/^\//, ""),
    engineId,
    inspect: found,
  }));
}

function attachedNames(topology: Topology, networkId: string): string[] {
  const names = new Map(topology.containers.map((c) => [c.id, c.name]));
  return topology.endpoints
    .filter((e) => e.networkId === networkId && e.containerId !== "")
    .map((e) => names.get(e.containerId) ?? e.containerId.slice(0, 12));
}

/** Remove a network: a local one on its engine, a swarm one on a manager. */
export async function removeNetworkChecked(ref: string, engineId?: string): Promise<void> {
  const explicit = knownEngine(engineId);
  const { networks, topology } = await networksNamed(ref);
  // bridge, host and none are on every engine: refused as such, not as ambiguous.
  const removable = networks.filter((n) => !n.predefined);
  if (!removable.length) {
    throw new ApiError(
      "forbidden",
      `${networks[0]?.name ?? ref} is one of Docker's predefined networks and cannot be removed.`,
    );
  }
  const { network, engineId: target } = chosen(pickRemoval(removable, topology.engines, explicit));
  auditEngine(target);
  const attached = attachedNames(topology, network.id);
  if (attached.length) {
    throw new ApiError(
      "conflict",
      `Network ${network.name} is in use by ${attached.join(", ")}: disconnect them first.`,
    );
  }
  await removeNetwork(network.id, target);
}

export type PruneResult = {
  /** Which engine was pruned; only when Netlens has several. */
  engineId?: string;
  dryRun: boolean;
  networks: { id: string; name: string }[];
  failed: { id: string; name: string; message: string }[];
};

/**
 * The networks of one engine nothing is attached to (see pruneCandidates). With `dryRun` only
 * lists them; otherwise removes them — only those of `networkIds`, when given, so what goes is
 * what the person saw in the preview.
 */
export async function pruneNetworks(
  dryRun: boolean,
  networkIds?: string[],
  engineId?: string,
): Promise<PruneResult> {
  const engine = knownEngine(engineId) ?? defaultEngineId;
  auditEngine(engine);
  const { topology } = await currentTopology();
  const wanted = networkIds ? new Set(networkIds) : null;
  const unused = pruneCandidates(topology, engine)
    .filter((n) => !wanted || wanted.has(n.id))
    .map((n) => ({ id: n.id, name: n.name }));
  // One engine: the answer keeps the shape it had before there were several.
  const which = engines.length > 1 ? { engineId: engine } : {};
  if (dryRun) return { ...which, dryRun, networks: unused, failed: [] };
  const removed: PruneResult["networks"] = [];
  const failed: PruneResult["failed"] = [];
  for (const n of unused) {
    try {
      await removeNetwork(n.id, engine);
      removed.push(n);
    } catch (err) {
      failed.push({ ...n, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { ...which, dryRun, networks: removed, failed };
}

/** The network and container a connect or disconnect means, and the engine it goes to. */
async function connection(ref: string, containerRef: string, engineId: string | undefined) {
  const explicit = knownEngine(engineId);
  const { networks, topology } = await networksNamed(ref);
  const containers = await containersNamed(containerRef);
  const choice = chosen(pickConnection(networks, containers, explicit));
  auditEngine(choice.engineId);
  return { ...choice, topology };
}

export async function connectToNetwork(ref: string, spec: ConnectSpec) {
  const { network, container, engineId, topology } = await connection(
    ref,
    spec.containerId,
    spec.engineId,
  );
  const { name } = container;
  const mode = container.inspect.HostConfig.NetworkMode;
  if (mode.startsWith("container:")) {
    const ownerId = mode.slice("container:".length);
    const owner =
      topology.containers.find((c) => c.id === ownerId || c.name === ownerId)?.name ??
      ownerId.slice(0, 12);
    throw new ApiError(
      "conflict",
      `${name} shares the network stack of ${owner} (--network container:${owner}), so it has no endpoints of its own: connect ${owner} instead.`,
    );
  }
  if (mode === "host") {
    throw new ApiError(
      "conflict",
      `${name} uses the host's network stack (--network host) and cannot join other networks.`,
    );
  }
  const problems = staticAddressProblems(spec, network);
  if (problems.length)
    throw new ApiError("bad_request", problems.map((p) => `${p.field}: ${p.message}`).join("; "));
  await connectContainer(network.id, { ...spec, containerId: container.id }, engineId);
  return { networkId: network.id, containerId: container.id };
}

export async function disconnectFromNetwork(ref: string, spec: DisconnectSpec) {
  const { network, container, engineId } = await connection(ref, spec.containerId, spec.engineId);
  await disconnectContainer(network.id, container.id, spec.force ?? false, engineId);
  return { networkId: network.id, containerId: container.id };
}
