import type {
  EngineContainerInspect,
  EngineContainerSummary,
  EngineEndpointSettings,
  EngineNetwork,
  EngineSnapshot,
} from "./engine-types";
import {
  HOST_SANDBOX_ID,
  PREDEFINED_NETWORK_NAMES,
  type Container,
  type Endpoint,
  type Network,
  type Sandbox,
  type Topology,
} from "./types";

/** Where Docker keeps the host's own namespace; a sandbox with this key is the host. */
export const HOST_SANDBOX_KEY = "/var/run/docker/netns/default";
const CONTAINER_MODE = "container:";

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

export function buildTopology(snapshot: EngineSnapshot, now: Date = new Date()): Topology {
  const containers = snapshot.containers
    .filter((c) => snapshot.inspects[c.Id])
    .map((c) => ({ summary: c, inspect: snapshot.inspects[c.Id] as EngineContainerInspect }));
  const sandboxOf = resolveSandboxes(containers);

  const sandboxes = new Map<string, Sandbox>();
  for (const { summary } of containers) {
    const sandboxId = sandboxOf.get(summary.Id);
    if (!sandboxId) continue;
    const sandbox = sandboxes.get(sandboxId.id) ?? {
      id: sandboxId.id,
      kind: sandboxId.id === HOST_SANDBOX_ID ? "host" : "container",
      containerIds: [],
    };
    sandbox.containerIds.push(summary.Id);
    sandboxes.set(sandbox.id, sandbox);
  }
  const nameOf = new Map(containers.map(({ summary }) => [summary.Id, containerName(summary)]));
  for (const sandbox of sandboxes.values()) {
    sandbox.containerIds.sort((a, b) => {
      const ownerA = sandboxOf.get(a)?.owner ? 0 : 1;
      const ownerB = sandboxOf.get(b)?.owner ? 0 : 1;
      return ownerA - ownerB || (nameOf.get(a) ?? "").localeCompare(nameOf.get(b) ?? "");
    });
  }

  const endpoints: Endpoint[] = [];
  for (const { summary, inspect } of containers) {
    const sandbox = sandboxOf.get(summary.Id);
    // A container: mode container has no endpoints of its own: it uses its owner's.
    if (!sandbox || summary.HostConfig.NetworkMode.startsWith(CONTAINER_MODE)) continue;
    const settings = inspect.NetworkSettings.Networks ?? summary.NetworkSettings.Networks ?? {};
    for (const net of Object.values(settings)) {
      if (net.EndpointID) endpoints.push(toEndpoint(net, summary.Id, sandbox.id));
    }
  }
  endpoints.sort(
    (a, b) => a.networkId.localeCompare(b.networkId) || a.containerId.localeCompare(b.containerId),
  );

  return {
    engine: {
      id: snapshot.info.ID,
      name: snapshot.info.Name,
      serverVersion: snapshot.info.ServerVersion,
      apiVersion: snapshot.apiVersion,
    },
    generatedAt: now.toISOString(),
    networks: snapshot.networks.map(toNetwork).sort(byName),
    containers: containers
      .map(({ summary, inspect }) => toContainer(summary, inspect, sandboxOf.get(summary.Id)))
      .sort(byName),
    sandboxes: [...sandboxes.values()].sort((a, b) => a.id.localeCompare(b.id)),
    endpoints,
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
  containers: { summary: EngineContainerSummary; inspect: EngineContainerInspect }[],
): Map<string, SandboxRef> {
  const byId = new Map(containers.map((c) => [c.summary.Id, c]));
  const byContainerName = new Map(containers.map((c) => [containerName(c.summary), c]));
  const find = (ref: string) =>
    byId.get(ref) ??
    byContainerName.get(ref) ??
    containers.find((c) => ref.length >= 12 && c.summary.Id.startsWith(ref));

  const resolved = new Map<string, SandboxRef>();
  const resolve = (id: string, seen: Set<string>): SandboxRef | null => {
    const done = resolved.get(id);
    if (done) return done;
    const c = byId.get(id);
    if (!c || !c.inspect.State.Running || seen.has(id)) return null;
    seen.add(id);
    const mode = c.inspect.HostConfig.NetworkMode || c.summary.HostConfig.NetworkMode;
    let ref: SandboxRef;
    if (mode === "host" || c.inspect.NetworkSettings.SandboxKey === HOST_SANDBOX_KEY) {
      ref = { id: HOST_SANDBOX_ID, owner: false };
    } else if (mode.startsWith(CONTAINER_MODE)) {
      const target = find(mode.slice(CONTAINER_MODE.length));
      const joined = target ? resolve(target.summary.Id, seen) : null;
      const ownerName = target ? containerName(target.summary) : mode.slice(CONTAINER_MODE.length);
      // A namespace is joined once, at start. If the owner stopped, or restarted (a new
      // namespace) after the joiner started, the joiner is alone in the old one with only
      // loopback — Docker still reports container:<owner>, so this is the only place to tell.
      if (!joined || !target) {
        ref = {
          id: c.summary.Id,
          owner: true,
          warning: `${ownerName} is not running: this container has only loopback. Restart it after ${ownerName} to share its network stack again.`,
        };
      } else if (
        Date.parse(target.inspect.State.StartedAt) > Date.parse(c.inspect.State.StartedAt)
      ) {
        ref = {
          id: c.summary.Id,
          owner: true,
          warning: `${ownerName} restarted after this container started: it is left in ${ownerName}'s old namespace with only loopback. Restart it to share ${ownerName}'s network stack again.`,
        };
      } else {
        ref = { id: joined.id, owner: false };
      }
    } else {
      ref = { id: c.inspect.NetworkSettings.SandboxID || c.summary.Id, owner: true };
    }
    resolved.set(id, ref);
    return ref;
  };
  for (const c of containers) resolve(c.summary.Id, new Set());
  return resolved;
}

export function containerName(c: EngineContainerSummary): string {
  return (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, "");
}

function toEndpoint(net: EngineEndpointSettings, containerId: string, sandboxId: string): Endpoint {
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
  };
}

function toNetwork(n: EngineNetwork): Network {
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
  };
}

function toContainer(
  c: EngineContainerSummary,
  inspect: EngineContainerInspect,
  sandbox: SandboxRef | undefined,
): Container {
  return {
    id: c.Id,
    name: containerName(c),
    image: c.Image,
    state: c.State,
    status: c.Status,
    networkMode: c.HostConfig.NetworkMode,
    sandboxId: sandbox?.id ?? null,
    ports: (c.Ports ?? [])
      .map((p) => ({
        ...(p.IP ? { ip: p.IP } : {}),
        privatePort: p.PrivatePort,
        ...(p.PublicPort ? { publicPort: p.PublicPort } : {}),
        type: p.Type,
      }))
      .sort(
        (a, b) =>
          a.privatePort - b.privatePort ||
          (a.publicPort ?? 0) - (b.publicPort ?? 0) ||
          // Ordinal, so IPv4 (digits) comes before IPv6 ("::") whatever the locale.
          Number((a.ip ?? "") > (b.ip ?? "")) - Number((a.ip ?? "") < (b.ip ?? "")),
      ),
    labels: c.Labels ?? {},
    networkNames: Object.keys(c.NetworkSettings.Networks ?? {}).sort(),
    error: inspect.State.Error || null,
    exitCode: inspect.State.Running ? null : inspect.State.ExitCode,
    networkWarning: sandbox?.warning ?? null,
  };
}
