// Which engine a network change goes to when Netlens speaks to several. Pure: the server decides
// with it, and the dialogs offer only what it would accept.
import { z } from "zod";
import type { EngineEntry, Network, Topology } from "./types";

/** An engine's name as NETLENS_ENGINES gives it (lib/docker/engine-list.ts reads that list). */
export const ENGINE_NAME = /^[a-z0-9][a-z0-9_.-]{0,62}$/;

/** `engineId` in a body or query. */
export const engineIdSchema = z
  .string()
  .regex(
    ENGINE_NAME,
    "must be an engine name (lowercase letters, digits, '.', '_', '-'; at most 63)",
  );

/** A refusal in the API's words: a request that cannot be right (400) or clashes (409). */
export type EngineRefusal = { code: "bad_request" | "conflict"; message: string };
export type Choice<T> = { ok: T } | { refused: EngineRefusal };

const list = (ids: readonly string[]) => [...new Set(ids)].join(", ");

/** Swarm-scope networks (overlays) are the cluster's: `engineId` is null for them. */
export const isSwarmScoped = (n: Network) => n.engineId === null;

/**
 * The networks `engineId` has: its own local ones, and the swarm's when it is in one. Two engines
 * may each have a `lab-net`; a new network clashes only with what its engine sees.
 */
export function networksVisibleOn(topology: Topology, engineId: string): Network[] {
  const inSwarm = topology.engines.some((e) => e.id === engineId && e.swarm !== null);
  return topology.networks.filter((n) => n.engineId === engineId || (isSwarmScoped(n) && inSwarm));
}

/** The engines that are swarm managers, those that are up first: swarm networks change there. */
export function managerEngines(engines: readonly EngineEntry[]): EngineEntry[] {
  return engines
    .filter((e) => e.swarm?.role === "manager")
    .sort((a, b) => Number(a.status !== "up") - Number(b.status !== "up"));
}

/** Why a swarm worker cannot create an overlay network, naming a manager to use instead. */
export function workerOverlayReason(engineId: string, engines: readonly EngineEntry[]): string {
  const manager = managerEngines(engines)[0];
  return `${engineId} is a swarm worker: overlay networks are created on a manager${
    manager ? ` (${manager.id})` : ""
  }`;
}

/** A container found on an engine, as far as choosing the engine goes. */
export type EngineContainer = { id: string; name: string; engineId: string };

/** Whether a container can join a network at all: one of its own engine, or a swarm one. */
export const canJoin = (network: Network, container: { engineId: string }) =>
  isSwarmScoped(network) || network.engineId === container.engineId;

function mismatch(containerName: string, on: string[], networkName: string, at: string[]): string {
  return (
    `${containerName} runs on ${list(on)}; network ${networkName} is on ${list(at)}` +
    ` — a container can only join networks of its own engine (or a swarm overlay)`
  );
}

/** Why `container` cannot join `network` because of where each is, or null when it can. */
export function engineMismatch(network: Network, container: EngineContainer): string | null {
  if (canJoin(network, container)) return null;
  return mismatch(container.name, [container.engineId], network.name, [network.engineId ?? ""]);
}

/**
 * The network and container a connect or disconnect means, and the engine it goes to: the
 * container's (a worker attaches its own container to an attachable overlay). `networks` and
 * `containers` are what the references matched on the engines (a name may match on several);
 * `explicit` is the `engineId` the caller gave, which must agree.
 */
export function pickConnection<C extends EngineContainer>(
  networks: readonly Network[],
  containers: readonly C[],
  explicit?: string,
): Choice<{ network: Network; container: C; engineId: string }> {
  const pairs = networks.flatMap((network) =>
    containers.filter((c) => canJoin(network, c)).map((container) => ({ network, container })),
  );
  const agreeing = explicit ? pairs.filter((p) => p.container.engineId === explicit) : pairs;
  const [only, ...more] = agreeing;
  if (only && more.length === 0) {
    return { ok: { ...only, engineId: only.container.engineId } };
  }
  if (only) {
    return {
      refused: {
        code: "bad_request",
        message: `engineId: ${only.container.name} and network ${only.network.name} are on several engines (${list(
          agreeing.map((p) => p.container.engineId),
        )}): say which`,
      },
    };
  }
  const [pair] = pairs;
  if (pair && explicit) {
    return {
      refused: {
        code: "bad_request",
        message: `engineId: ${pair.container.name} runs on ${list(
          pairs.map((p) => p.container.engineId),
        )}, not on ${explicit}`,
      },
    };
  }
  const [network] = networks;
  const [container] = containers;
  if (!network || !container) {
    return { refused: { code: "bad_request", message: "nothing to connect" } };
  }
  return {
    refused: {
      code: "conflict",
      message: mismatch(
        container.name,
        containers.map((c) => c.engineId),
        network.name,
        networks.map((n) => n.engineId ?? ""),
      ),
    },
  };
}

/**
 * The network a removal means and the engine it goes to: a local network's own, a manager for a
 * swarm network (one that is up first). `explicit` must agree (any manager will do for a swarm one).
 */
export function pickRemoval(
  networks: readonly Network[],
  engines: readonly EngineEntry[],
  explicit?: string,
): Choice<{ network: Network; engineId: string }> {
  const managers = managerEngines(engines).map((e) => e.id);
  const targets = networks.map((network) => ({
    network,
    engineIds: network.engineId === null ? managers : [network.engineId],
  }));
  const agreeing = explicit
    ? targets
        .filter((t) => t.engineIds.includes(explicit))
        .map((t) => ({ ...t, engineIds: [explicit] }))
    : targets;
  const [only, ...more] = agreeing;
  if (more.length > 0) {
    return {
      refused: {
        code: "bad_request",
        message: `engineId: ${only?.network.name} names networks on ${list(
          agreeing.flatMap((t) => t.engineIds),
        )}: say which engine`,
      },
    };
  }
  const [first] = targets;
  if (!only) {
    const where = first?.network.engineId ?? null;
    return {
      refused: {
        code: "bad_request",
        message:
          where === null
            ? `engineId: ${first?.network.name} is a swarm network, removed on a manager (${list(managers) || "none configured"}), not on ${explicit}`
            : `engineId: network ${first?.network.name} is on ${where}, not on ${explicit}`,
      },
    };
  }
  const [engineId] = only.engineIds;
  if (!engineId) {
    return {
      refused: {
        code: "conflict",
        message: `${only.network.name} is a swarm network: it is removed on a swarm manager, and none of Netlens's engines is one`,
      },
    };
  }
  return { ok: { network: only.network, engineId } };
}

/**
 * What `docker network prune` on `engineId` would take: its networks nothing is attached to
 * (predefined and swarm ingress ones aside) — and on a manager the swarm networks no container
 * and no service uses.
 */
export function pruneCandidates(topology: Topology, engineId: string): Network[] {
  const used = new Set(topology.endpoints.map((e) => e.networkId));
  for (const s of topology.services) for (const id of s.networkIds) used.add(id);
  const manager = topology.engines.some((e) => e.id === engineId && e.swarm?.role === "manager");
  return topology.networks.filter(
    (n) =>
      (n.engineId === engineId || (isSwarmScoped(n) && manager)) &&
      !n.predefined &&
      !n.ingress &&
      !used.has(n.id),
  );
}

/** The engine a selected thing (or region) lives on, if it lives on one (a swarm network does not). */
export function engineOfTarget(
  topology: Topology,
  target: { kind: string; id: string } | null,
): string | null {
  if (!target) return null;
  const find = <T extends { id: string }>(xs: readonly T[]) => xs.find((x) => x.id === target.id);
  if (target.kind === "network") return find(topology.networks)?.engineId ?? null;
  if (target.kind === "container") return find(topology.containers)?.engineId ?? null;
  if (target.kind === "sandbox") return find(topology.sandboxes)?.engineId ?? null;
  // The map's engine filter, or a selected engine region.
  if (target.kind === "region") return find(topology.engines)?.id ?? null;
  return null;
}

/** An engine's address as `docker -H` takes it. */
export type EngineHost = { id: string; endpoint: string };

/**
 * The `-H` address a command for `engineId` needs: none for the default engine (the first), nor
 * with one engine, so single-engine commands read as they always did.
 */
export function hostFor(
  engineId: string | null | undefined,
  hosts: readonly EngineHost[],
): string | null {
  if (!engineId || hosts.length < 2 || hosts[0]?.id === engineId) return null;
  return hosts.find((h) => h.id === engineId)?.endpoint ?? null;
}
