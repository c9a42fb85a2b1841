import type {
  EngineContainerInspect,
  EngineEndpointSettings,
  EngineNetwork,
  EngineNetworkMember,
  EngineSnapshot,
} from "./engine-types";
import { createModelMemo, memo } from "./model-memo";
import {
  LOCAL_ENGINE_ID,
  PREDEFINED_NETWORK_NAMES,
  hostSandboxId,
  type Container,
  type Endpoint,
  type Network,
  type PortMapping,
  type Sandbox,
  type Topology,
} from "./types";

/** Where Docker keeps the host's own namespace; a sandbox with this key is the host. */
export const HOST_SANDBOX_KEY = "/var/run/docker/netns/default";
const CONTAINER_MODE = "container:";

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

const networkMemo = createModelMemo<EngineNetwork, Network>();
const containerMemo = createModelMemo<EngineContainerInspect, Container>();
const endpointMemo = createModelMemo<EngineEndpointSettings, Endpoint>();
/**
 * Each engine's sandboxes of the last build: a sandbox is made from several containers, not one
 * Engine object, so it is reused when equal instead — 2,000 new ones per event were most of what
 * the live feed's diff had to encode.
 */
const lastSandboxes = new Map<string, Map<string, Sandbox>>();

const sameSandbox = (a: Sandbox, b: Sandbox) =>
  a.kind === b.kind &&
  a.engineId === b.engineId &&
  a.containerIds.length === b.containerIds.length &&
  a.containerIds.every((id, i) => b.containerIds[i] === id);

/** Which engine a snapshot is from; the first engine's host namespace keeps the id "host". */
export type EngineScope = { engineId: string; first: boolean };

const SINGLE_ENGINE: EngineScope = { engineId: LOCAL_ENGINE_ID, first: true };

/** The model of one engine's snapshot (lib/topology/build-cluster.ts merges several). */
export function buildTopology(
  snapshot: EngineSnapshot,
  now: Date = new Date(),
  scope: EngineScope = SINGLE_ENGINE,
): Topology {
  const { engineId } = scope;
  const containers = snapshot.containers;
  const hostId = hostSandboxId(engineId, scope.first);
  const sandboxOf = resolveSandboxes(containers, hostId);

  const sandboxes = new Map<string, Sandbox>();
  for (const c of containers) {
    const ref = sandboxOf.get(c.Id);
    if (!ref) continue;
    const sandbox = sandboxes.get(ref.id) ?? {
      id: ref.id,
      kind: ref.id === hostId ? "host" : "container",
      containerIds: [],
      engineId,
    };
    sandbox.containerIds.push(c.Id);
    sandboxes.set(sandbox.id, sandbox);
  }
  // Only namespaces shared by several containers need their names (to order them).
  let nameOf: Map<string, string> | undefined;
  const before = lastSandboxes.get(engineId);
  for (const sandbox of sandboxes.values()) {
    if (sandbox.containerIds.length < 2) continue;
    const names = (nameOf ??= new Map(containers.map((c) => [c.Id, containerName(c)])));
    sandbox.containerIds.sort((a, b) => {
      const ownerA = sandboxOf.get(a)?.owner ? 0 : 1;
      const ownerB = sandboxOf.get(b)?.owner ? 0 : 1;
      return ownerA - ownerB || (names.get(a) ?? "").localeCompare(names.get(b) ?? "");
    });
  }
  for (const [id, sandbox] of sandboxes) {
    const previous = before?.get(id);
    if (previous && sameSandbox(previous, sandbox)) sandboxes.set(id, previous);
  }
  lastSandboxes.set(engineId, sandboxes);

  const endpoints: Endpoint[] = [];
  for (const c of containers) {
    const sandbox = sandboxOf.get(c.Id);
    // A container: mode container has no endpoints of its own: it uses its owner's.
    if (!sandbox || c.HostConfig.NetworkMode.startsWith(CONTAINER_MODE)) continue;
    for (const net of Object.values(c.NetworkSettings.Networks ?? {})) {
      if (net.EndpointID) {
        endpoints.push(
          memo(endpointMemo, net, `${c.Id}|${sandbox.id}|${engineId}`, () =>
            toEndpoint(net, c.Id, sandbox.id, engineId),
          ),
        );
      }
    }
  }
  const known = new Set(endpoints.map((e) => e.id));
  const swarmOwn = swarmSandboxes(
    snapshot.members ?? {},
    engineId,
    (containerId) => sandboxOf.get(containerId)?.id,
  );
  swarmOwn.endpoints = swarmOwn.endpoints.filter((e) => !known.has(e.id));
  return inOrder({
    engine: {
      id: snapshot.info.ID,
      name: snapshot.info.Name,
      serverVersion: snapshot.info.ServerVersion,
      apiVersion: snapshot.apiVersion,
    },
    generatedAt: now.toISOString(),
    networks: snapshot.networks.map((n) =>
      memo(networkMemo, n, engineId, () => toNetwork(n, engineId)),
    ),
    containers: containers.map((c) => {
      const sandbox = sandboxOf.get(c.Id);
      const key = `${sandbox?.id ?? ""}|${sandbox?.warning ?? ""}|${engineId}`;
      return memo(containerMemo, c, key, () => toContainer(c, sandbox, engineId));
    }),
    sandboxes: [...sandboxes.values(), ...swarmOwn.sandboxes],
    endpoints: [...endpoints, ...swarmOwn.endpoints],
    engines: [],
    nodes: [],
    services: [],
    tasks: [],
  });
}

// Network inspect lists Swarm's own sandboxes under these keys (containers are listed by id).
const INGRESS_SANDBOX = "ingress-sbox";
const LOAD_BALANCER = /^lb-/;

/**
 * What only the networks' member lists show: Swarm's own namespaces on this engine's node — the
 * routing mesh's ingress-sbox (on ingress and docker_gwbridge) and one load balancer per overlay
 * network ("lb-<network>"), which no container owns — and each overlay task's second interface, on
 * docker_gwbridge (its way out), which its container's inspect does not list.
 */
function swarmSandboxes(
  members: Record<string, Record<string, EngineNetworkMember>>,
  engineId: string,
  sandboxOfContainer: (containerId: string) => string | undefined,
): { sandboxes: Sandbox[]; endpoints: Endpoint[] } {
  const sandboxes = new Map<string, Sandbox>();
  const endpoints: Endpoint[] = [];
  for (const [networkId, byKey] of Object.entries(members)) {
    for (const [key, m] of Object.entries(byKey)) {
      if (!m.EndpointID) continue;
      const kind =
        key === INGRESS_SANDBOX ? "ingress" : LOAD_BALANCER.test(key) ? "load-balancer" : null;
      const containerSandbox = kind ? undefined : sandboxOfContainer(key);
      if (!kind && !containerSandbox) continue;
      const sandboxId = containerSandbox ?? `${key}@${engineId}`;
      if (kind && !sandboxes.has(sandboxId)) {
        sandboxes.set(sandboxId, { id: sandboxId, kind, containerIds: [], engineId });
      }
      endpoints.push({
        id: m.EndpointID,
        networkId,
        sandboxId,
        containerId: kind ? "" : key,
        ipv4Address: m.IPv4Address || null,
        ipv6Address: m.IPv6Address || null,
        macAddress: m.MacAddress || null,
        aliases: [],
        engineId,
      });
    }
  }
  return { sandboxes: [...sandboxes.values()], endpoints };
}

/** The one order every topology is served in, whether built whole or patched. */
export function inOrder(t: Topology): Topology {
  return inClusterOrder({
    ...t,
    networks: [...t.networks].sort(byName),
    containers: [...t.containers].sort(byName),
    sandboxes: [...t.sandboxes].sort((a, b) => a.id.localeCompare(b.id)),
    endpoints: [...t.endpoints].sort(
      (a, b) =>
        a.networkId.localeCompare(b.networkId) ||
        a.containerId.localeCompare(b.containerId) ||
        a.id.localeCompare(b.id),
    ),
  });
}

/** The order of the swarm's parts; engines stay in their configured order. */
export function inClusterOrder(t: Topology): Topology {
  return {
    ...t,
    nodes: [...t.nodes].sort(
      (a, b) => a.hostname.localeCompare(b.hostname) || a.id.localeCompare(b.id),
    ),
    services: [...t.services].sort(byName),
    tasks: [...t.tasks].sort(
      (a, b) =>
        a.serviceId.localeCompare(b.serviceId) ||
        (a.slot ?? 0) - (b.slot ?? 0) ||
        (a.nodeId ?? "").localeCompare(b.nodeId ?? "") ||
        a.id.localeCompare(b.id),
    ),
  };
}

type SandboxRef = { id: string; owner: boolean; warning?: string };

/**
 * Which namespace each running container lives in: its own (Docker's SandboxID), the host's
 * (host mode — every host-mode container gets a SandboxID of its own from Docker, yet they all
 * live in the one default namespace), or another container's (container:<id> mode, followed
 * to the namespace's real owner).
 */
function resolveSandboxes(
  containers: EngineContainerInspect[],
  hostId: string,
): Map<string, SandboxRef> {
  const byId = new Map(containers.map((c) => [c.Id, c]));
  const byContainerName = new Map(containers.map((c) => [containerName(c), c]));
  const find = (ref: string) =>
    byId.get(ref) ??
    byContainerName.get(ref) ??
    containers.find((c) => ref.length >= 12 && c.Id.startsWith(ref));

  const resolved = new Map<string, SandboxRef>();
  const resolve = (id: string, seen: Set<string>): SandboxRef | null => {
    const done = resolved.get(id);
    if (done) return done;
    const c = byId.get(id);
    if (!c || !c.State.Running || seen.has(id)) return null;
    seen.add(id);
    const mode = c.HostConfig.NetworkMode;
    let ref: SandboxRef;
    if (mode === "host" || c.NetworkSettings.SandboxKey === HOST_SANDBOX_KEY) {
      ref = { id: hostId, owner: false };
    } else if (mode.startsWith(CONTAINER_MODE)) {
      ref = joinedSandbox(c, find(mode.slice(CONTAINER_MODE.length)), (t) => resolve(t.Id, seen));
    } else {
      ref = { id: c.NetworkSettings.SandboxID || c.Id, owner: true };
    }
    resolved.set(id, ref);
    return ref;
  };
  for (const c of containers) resolve(c.Id, new Set());
  return resolved;
}

/**
 * A namespace is joined once, at start. If the owner stopped, or restarted (a new namespace) after
 * the joiner started, the joiner is alone in the old one with only loopback — Docker still reports
 * container:<owner>, so this is the only place to tell.
 */
function joinedSandbox(
  joiner: EngineContainerInspect,
  owner: EngineContainerInspect | undefined,
  resolveOwner: (owner: EngineContainerInspect) => SandboxRef | null,
): SandboxRef {
  const ownerName = owner
    ? containerName(owner)
    : joiner.HostConfig.NetworkMode.slice(CONTAINER_MODE.length);
  const joined = owner ? resolveOwner(owner) : null;
  const alone = (warning: string): SandboxRef => ({ id: joiner.Id, owner: true, warning });
  if (!owner || !joined) {
    return alone(
      `${ownerName} is not running: this container has only loopback. Restart it after ${ownerName} to share its network stack again.`,
    );
  }
  if (Date.parse(owner.State.StartedAt) > Date.parse(joiner.State.StartedAt)) {
    return alone(
      `${ownerName} restarted after this container started: it is left in ${ownerName}'s old namespace with only loopback. Restart it to share ${ownerName}'s network stack again.`,
    );
  }
  return { id: joined.id, owner: false };
}

export function containerName(c: Pick<EngineContainerInspect, "Id" | "Name">): string {
  return (c.Name || c.Id.slice(0, 12)).replace(/^\//, "");
}

function toEndpoint(
  net: EngineEndpointSettings,
  containerId: string,
  sandboxId: string,
  engineId: string,
): Endpoint {
  return {
    id: net.EndpointID,
    networkId: net.NetworkID,
    sandboxId,
    containerId,
    ipv4Address: net.IPAddress ? `${net.IPAddress}/${net.IPPrefixLen}` : null,
    ipv6Address: net.GlobalIPv6Address
      ? `${net.GlobalIPv6Address}/${net.GlobalIPv6PrefixLen}`
      : null,
    macAddress: net.MacAddress || null,
    aliases: net.Aliases ?? [],
    engineId,
  };
}

export const GATEWAY_BRIDGE_NAME = "docker_gwbridge";

export function toNetwork(n: EngineNetwork, engineId: string = LOCAL_ENGINE_ID): Network {
  return {
    id: n.Id,
    name: n.Name,
    driver: n.Driver,
    scope: n.Scope,
    internal: n.Internal,
    attachable: n.Attachable,
    ingress: n.Ingress,
    ipv6: n.EnableIPv6,
    predefined:
      n.Scope === "local" && (PREDEFINED_NETWORK_NAMES as readonly string[]).includes(n.Name),
    subnets: (n.IPAM.Config ?? [])
      .filter((c) => c.Subnet)
      .map((c) => ({
        subnet: c.Subnet as string,
        ...(c.Gateway ? { gateway: c.Gateway } : {}),
        ...(c.IPRange ? { ipRange: c.IPRange } : {}),
      })),
    options: n.Options ?? {},
    labels: n.Labels ?? {},
    created: n.Created,
    ipamDriver: n.IPAM.Driver,
    engineId: n.Scope === "swarm" ? null : engineId,
    swarmRole: n.Ingress
      ? "ingress"
      : n.Name === GATEWAY_BRIDGE_NAME && n.Scope === "local"
        ? "gateway-bridge"
        : null,
  };
}

/** NetworkSettings.Ports ({"80/tcp": [{HostIp, HostPort}] | null}) as one entry per binding. */
function toPorts(c: EngineContainerInspect): PortMapping[] {
  const ports = Object.entries(c.NetworkSettings.Ports ?? {}).flatMap(([key, bindings]) => {
    const [port, type = "tcp"] = key.split("/");
    const privatePort = Number(port);
    if (!bindings?.length) return [{ privatePort, type }];
    return bindings.map((b) => ({
      ...(b.HostIp ? { ip: b.HostIp } : {}),
      privatePort,
      ...(b.HostPort ? { publicPort: Number(b.HostPort) } : {}),
      type,
    }));
  });
  // Ordinal on the address, so IPv4 (digits) comes before IPv6 ("::") whatever the locale.
  const ip = (p: PortMapping) => p.ip ?? "";
  return ports.sort(
    (a, b) =>
      a.privatePort - b.privatePort ||
      (a.publicPort ?? 0) - (b.publicPort ?? 0) ||
      Number(ip(a) > ip(b)) - Number(ip(a) < ip(b)),
  );
}

const timeOrNull = (t: string) => (t && !t.startsWith("0001-") ? t : null);

function toContainer(
  c: EngineContainerInspect,
  sandbox: SandboxRef | undefined,
  engineId: string,
): Container {
  const labels = c.Config.Labels ?? {};
  return {
    id: c.Id,
    name: containerName(c),
    image: c.Config.Image,
    state: c.State.Status,
    startedAt: timeOrNull(c.State.StartedAt),
    finishedAt: timeOrNull(c.State.FinishedAt),
    networkMode: c.HostConfig.NetworkMode,
    sandboxId: sandbox?.id ?? null,
    ports: toPorts(c),
    labels,
    networkNames: Object.keys(c.NetworkSettings.Networks ?? {}).sort(),
    error: c.State.Error || null,
    exitCode: c.State.Running ? null : c.State.ExitCode,
    networkWarning: sandbox?.warning ?? null,
    engineId,
    taskId: labels["com.docker.swarm.task.id"] ?? null,
    serviceId: labels["com.docker.swarm.service.id"] ?? null,
  };
}
