// Who is asking and who is asked: references resolved against the topology, and where each party
// lives in the CNM (its namespace, its endpoints, its networks). Pure.
import type { ReachParty } from "./reach-types";
import {
  HOST_SANDBOX_ID,
  type Container,
  type Endpoint,
  type Network,
  type Topology,
} from "./types";

export const HOST_REF = "host";
export const OUTSIDE_REF = "outside";

export type ResolveResult =
  | { ok: true; party: ReachParty }
  | { ok: false; problem: "not-found" | "ambiguous"; message: string };

/**
 * A reference as Docker takes it — full id, name, then a unique id prefix — or the words `host`
 * (the Docker host itself) and `outside` (a client beyond the host).
 */
export function resolveParty(topology: Topology, ref: string): ResolveResult {
  if (ref === HOST_REF) return { ok: true, party: { kind: "host", name: topology.engine.name } };
  if (ref === OUTSIDE_REF) return { ok: true, party: { kind: "outside", name: "outside" } };
  const name = ref.replace(/^\//, "");
  const exact =
    topology.containers.find((c) => c.id === ref) ??
    topology.containers.find((c) => c.name === name);
  if (exact) return { ok: true, party: containerParty(exact) };
  const byPrefix = topology.containers.filter((c) => c.id.startsWith(ref.toLowerCase()));
  if (byPrefix.length === 1 && byPrefix[0]) {
    return { ok: true, party: containerParty(byPrefix[0]) };
  }
  if (byPrefix.length > 1) {
    return {
      ok: false,
      problem: "ambiguous",
      message: `"${ref}" is the start of ${byPrefix.length} container ids (${byPrefix
        .slice(0, 5)
        .map((c) => c.name)
        .join(", ")}): give more of the id, or the name.`,
    };
  }
  return { ok: false, problem: "not-found", message: `No container "${ref}" on this engine.` };
}

export function containerParty(c: Container): ReachParty {
  return {
    kind: "container",
    id: c.id,
    name: c.name,
    state: c.state,
    networkMode: c.networkMode,
    sandboxId: c.sandboxId,
  };
}

/** The topology indexed for the questions reachability asks. */
export class ReachIndex {
  readonly containers = new Map<string, Container>();
  readonly networks = new Map<string, Network>();
  private readonly endpointsBySandbox = new Map<string, Endpoint[]>();

  constructor(readonly topology: Topology) {
    for (const c of topology.containers) this.containers.set(c.id, c);
    for (const n of topology.networks) this.networks.set(n.id, n);
    for (const e of topology.endpoints) {
      // A none- or host-mode container has an endpoint on "none" / "host": it connects nothing.
      const driver = this.networks.get(e.networkId)?.driver;
      if (driver === "null" || driver === "host") continue;
      const list = this.endpointsBySandbox.get(e.sandboxId) ?? [];
      list.push(e);
      this.endpointsBySandbox.set(e.sandboxId, list);
    }
  }

  /** The endpoints of a container's namespace: its own, or its owner's for a `container:` joiner. */
  endpointsOf(c: Container): Endpoint[] {
    return c.sandboxId ? (this.endpointsBySandbox.get(c.sandboxId) ?? []) : [];
  }

  network(id: string): Network | undefined {
    return this.networks.get(id);
  }

  networkNames(endpoints: Endpoint[]): string[] {
    return endpoints.map((e) => this.networks.get(e.networkId)?.name ?? e.networkId.slice(0, 12));
  }

  /** The container whose namespace `c` lives in (itself unless it joined another's). */
  namespaceOwner(c: Container): Container {
    if (!c.sandboxId || c.sandboxId === HOST_SANDBOX_ID) return c;
    for (const other of this.topology.containers) {
      if (other.sandboxId !== c.sandboxId || other.networkMode.startsWith("container:")) continue;
      return other;
    }
    return c;
  }

  /** Other running containers whose one namespace joins both networks: proof an endpoint is no router. */
  bridgingContainers(aNetworks: Set<string>, bNetworks: Set<string>, except: string[]): string[] {
    const names: string[] = [];
    for (const [sandboxId, endpoints] of this.endpointsBySandbox) {
      const nets = new Set(endpoints.map((e) => e.networkId));
      if (![...nets].some((n) => aNetworks.has(n)) || ![...nets].some((n) => bNetworks.has(n))) {
        continue;
      }
      const owner = this.topology.containers.find(
        (c) => c.sandboxId === sandboxId && !except.includes(c.id),
      );
      if (owner) names.push(owner.name);
    }
    return names.sort();
  }
}

export const isRunning = (c: Container): boolean => c.sandboxId !== null;
export const inHostNamespace = (c: Container): boolean => c.sandboxId === HOST_SANDBOX_ID;
/** The address of an endpoint, without its prefix length; IPv4 first. */
export function endpointAddress(e: Endpoint): string | null {
  const cidr = e.ipv4Address ?? e.ipv6Address;
  return cidr ? (cidr.split("/")[0] ?? null) : null;
}

/** The predefined default bridge (docker0): no embedded DNS there. */
export const isDefaultBridge = (n: Network): boolean => n.predefined && n.driver === "bridge";

/** IPv4 gateway first: what a container dials to reach its host through this network. */
export function gatewayOf(n: Network): string | null {
  const gateways = n.subnets.map((s) => s.gateway).filter((g): g is string => Boolean(g));
  return gateways.find((g) => !g.includes(":")) ?? gateways[0] ?? null;
}

const ICC_OPTION = "com.docker.network.bridge.enable_icc";

/** Names Docker's embedded DNS answers with this endpoint's address (none on the default bridge). */
export function dnsNames(network: Network, owner: Container, endpoint: Endpoint): string[] {
  if (isDefaultBridge(network)) return [];
  return [...new Set([owner.name, ...endpoint.aliases, `${owner.name}.${network.name}`])];
}

/** A bridge with enable_icc=false, or a macvlan in private mode: members cannot talk. */
export function forbidsContainerTraffic(n: Network): boolean {
  if (n.driver === "bridge") return n.options[ICC_OPTION] === "false";
  if (n.driver === "macvlan") return n.options.macvlan_mode === "private";
  return false;
}

export function iccReason(n: Network): string {
  return n.driver === "macvlan"
    ? `${n.name}: macvlan_mode=private`
    : `${n.name}: ${ICC_OPTION}=false`;
}
