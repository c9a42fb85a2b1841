import "server-only";
import { ApiError } from "@/lib/api/errors";
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
import { specProblems, type NetworkSpec, type SpecProblem } from "@/lib/topology/network-spec";
import type { Network, Topology } from "@/lib/topology/types";
import { currentTopology } from "./current-topology";

// The network operations behind the routes: each checks what it can against the engine's current
// state first, so the person gets a clear answer instead of Docker's terser one.

function problemsError(problems: SpecProblem[]): ApiError {
  const kind = problems.find((p) => p.kind === "forbidden")
    ? "forbidden"
    : problems.find((p) => p.kind === "invalid")
      ? "bad_request"
      : "conflict";
  return new ApiError(kind, problems.map((p) => `${p.field}: ${p.message}`).join("; "));
}

/**
 * Why the engine cannot create a network with `driver`, or null. Asked first because Docker
 * spends many seconds looking for a plugin of an unknown name before it says so.
 */
async function driverProblem(driver: string): Promise<SpecProblem | null> {
  const { builtin, plugins, swarmActive } = await networkDrivers();
  if (driver === "overlay" && !swarmActive) {
    return {
      field: "driver",
      message: "overlay networks need swarm mode (docker swarm init)",
      kind: "invalid",
    };
  }
  const known = [...builtin, ...plugins.filter((p) => p.enabled).map((p) => p.name)];
  // A plugin may be named with or without its tag.
  if (known.some((k) => k === driver || k === `${driver}:latest`)) return null;
  return {
    field: "driver",
    message: `this engine has no network driver "${driver}" (it offers ${known.filter((k) => !["host", "null"].includes(k)).join(", ")})`,
    kind: "invalid",
  };
}

export async function createNetworkFromSpec(spec: NetworkSpec): Promise<Network> {
  const [{ topology }, driver] = await Promise.all([currentTopology(), driverProblem(spec.driver)]);
  const problems = [...(driver ? [driver] : []), ...specProblems(spec, topology.networks)];
  if (problems.length) throw problemsError(problems);
  return toNetwork(await createNetwork(spec));
}

/** The network `ref` (id, id prefix or name) names, as the current topology has it. */
async function networkOf(ref: string): Promise<{ network: Network; topology: Topology }> {
  const id = String((await inspectNetwork(ref)).Id);
  const { topology } = await currentTopology((t) => t.networks.some((n) => n.id === id));
  const network = topology.networks.find((n) => n.id === id);
  if (!network) throw new ApiError("not_found", `Network ${ref} was removed meanwhile.`);
  return { network, topology };
}

function attachedNames(topology: Topology, networkId: string): string[] {
  const names = new Map(topology.containers.map((c) => [c.id, c.name]));
  return topology.endpoints
    .filter((e) => e.networkId === networkId)
    .map((e) => names.get(e.containerId) ?? e.containerId.slice(0, 12));
}

export async function removeNetworkChecked(ref: string): Promise<void> {
  const { network, topology } = await networkOf(ref);
  if (network.predefined) {
    throw new ApiError(
      "forbidden",
      `${network.name} is one of Docker's predefined networks and cannot be removed.`,
    );
  }
  const attached = attachedNames(topology, network.id);
  if (attached.length) {
    throw new ApiError(
      "conflict",
      `Network ${network.name} is in use by ${attached.join(", ")}: disconnect them first.`,
    );
  }
  await removeNetwork(network.id);
}

export type PruneResult = {
  dryRun: boolean;
  networks: { id: string; name: string }[];
  failed: { id: string; name: string; message: string }[];
};

/**
 * The networks nothing is attached to (predefined and swarm ingress ones aside). With `dryRun`
 * only lists them; otherwise removes them — only those of `networkIds`, when given, so what goes
 * is what the person saw in the preview.
 */
export async function pruneNetworks(dryRun: boolean, networkIds?: string[]): Promise<PruneResult> {
  const { topology } = await currentTopology();
  const used = new Set(topology.endpoints.map((e) => e.networkId));
  const wanted = networkIds ? new Set(networkIds) : null;
  const unused = topology.networks
    .filter((n) => !n.predefined && !n.ingress && !used.has(n.id) && (!wanted || wanted.has(n.id)))
    .map((n) => ({ id: n.id, name: n.name }));
  if (dryRun) return { dryRun, networks: unused, failed: [] };
  const removed: PruneResult["networks"] = [];
  const failed: PruneResult["failed"] = [];
  for (const n of unused) {
    try {
      await removeNetwork(n.id);
      removed.push(n);
    } catch (err) {
      failed.push({ ...n, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { dryRun, networks: removed, failed };
}

export async function connectToNetwork(ref: string, spec: ConnectSpec) {
  const { network, topology } = await networkOf(ref);
  const container = await inspectContainer(spec.containerId);
  const name = container.Name.replace(/^\//, "");
  const mode = container.HostConfig.NetworkMode;
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
  await connectContainer(network.id, { ...spec, containerId: container.Id });
  return { networkId: network.id, containerId: container.Id };
}

export async function disconnectFromNetwork(ref: string, spec: DisconnectSpec) {
  const { network } = await networkOf(ref);
  const container = await inspectContainer(spec.containerId);
  await disconnectContainer(network.id, container.Id, spec.force ?? false);
  return { networkId: network.id, containerId: container.Id };
}
