// "Can A reach B?" answered from the CNM alone (no Engine call): two containers talk only through
// a network both joined (an endpoint is not a router), a bridge can forbid it (enable_icc=false),
// names resolve only on user-defined networks, a shared namespace talks over loopback, host mode
// is the host's own stack, none mode has nothing, and the outside gets in only through -p.
import { bindingScope, publishedBindings, type PublishedPort } from "./exposure";
import {
  connectFix,
  leaveNoneFix,
  preferredNetwork,
  publishFix,
  restartFix,
  sharedNetworkFix,
  startFix,
} from "./reach-fixes";
import {
  dnsNames,
  endpointAddress,
  forbidsContainerTraffic,
  gatewayOf,
  iccReason,
  inHostNamespace,
  isDefaultBridge,
  isRunning,
  ReachIndex,
} from "./reach-parties";
import type {
  ReachBlocker,
  ReachFix,
  ReachParty,
  ReachQuery,
  ReachRoute,
  ReachWarning,
  Reachability,
} from "./reach-types";
import type { Container, Endpoint, Network, Topology } from "./types";

/** Why a question cannot be asked (the API answers 400), or null. */
export function questionProblem(from: ReachParty, to: ReachParty): string | null {
  if (from.kind === "outside" && to.kind !== "container") {
    return "to: from outside, ask about a container (what the outside reaches on the host itself is not Docker's doing).";
  }
  if (to.kind === "outside" && from.kind === "outside") {
    return "from: the outside reaching the outside is not a Docker question.";
  }
  return null;
}

/** A party as the analysis needs it: the container (if any) and whether it lives in the host's stack. */
type Side = { party: ReachParty; container: Container | null; hostNamespace: boolean };

class Answer {
  routes: ReachRoute[] = [];
  blockers: ReachBlocker[] = [];
  warnings: ReachWarning[] = [];
  fixes: ReachFix[] = [];

  /** IPv4 and IPv6 bindings of one port can come to the same thing to dial: keep it once. */
  route(r: ReachRoute) {
    if (!this.routes.some((x) => x.via === r.via && x.address === r.address && x.port === r.port)) {
      this.routes.push(r);
    }
  }

  fix(f: ReachFix) {
    if (!this.fixes.some((x) => x.command === f.command)) this.fixes.push(f);
  }
}

export function predictReachability(
  topology: Topology,
  from: ReachParty,
  to: ReachParty,
  query: ReachQuery,
): Reachability {
  const problem = questionProblem(from, to);
  if (problem) throw new Error(problem);
  const index = new ReachIndex(topology);
  const answer = new Answer();
  new Analysis(index, answer, query).run(side(index, from), side(index, to));
  return {
    from,
    to,
    port: query.port,
    protocol: query.protocol,
    verdict: answer.routes.length > 0 ? "reachable" : "blocked",
    routes: answer.routes,
    blockers: answer.routes.length > 0 ? [] : answer.blockers,
    warnings: answer.warnings,
    fixes: answer.fixes,
  };
}

function side(index: ReachIndex, party: ReachParty): Side {
  if (party.kind !== "container") {
    return { party, container: null, hostNamespace: party.kind === "host" };
  }
  const container = index.containers.get(party.id) ?? null;
  return { party, container, hostNamespace: container ? inHostNamespace(container) : false };
}

const localhost = (via: "loopback" | "host-namespace", port: number | null): ReachRoute => ({
  via,
  address: "127.0.0.1",
  ...(port !== null ? { port } : {}),
  names: ["localhost"],
});

class Analysis {
  constructor(
    private readonly index: ReachIndex,
    private readonly answer: Answer,
    private readonly query: ReachQuery,
  ) {}

  private get port() {
    return this.query.port;
  }

  private withPort(route: Omit<ReachRoute, "port">): ReachRoute {
    return this.port === null ? route : { ...route, port: this.port };
  }

  private addNetworkRoute(network: Network, address: string, names: string[] = []) {
    this.answer.route(
      this.withPort({
        via: "network",
        networkId: network.id,
        networkName: network.name,
        address,
        names,
      }),
    );
  }

  run(a: Side, b: Side) {
    if (this.notRunning(a) || this.notRunning(b)) return;
    const ca = a.container;
    const cb = b.container;
    if (ca && cb && ca.sandboxId === cb.sandboxId && !a.hostNamespace) {
      this.answer.route(localhost("loopback", this.port));
      return;
    }
    if (a.hostNamespace && b.hostNamespace) {
      this.answer.route(localhost("host-namespace", this.port));
      return;
    }
    if (this.stale(a) || this.stale(b)) return;
    if (b.party.kind === "outside") this.toOutside(a);
    else if (a.party.kind === "outside") this.fromOutside(b);
    else if (a.hostNamespace) this.fromHostNamespace(b);
    else if (b.hostNamespace) this.toHostNamespace(a, b);
    else this.betweenContainers(a, b);
  }

  private notRunning(s: Side): boolean {
    const c = s.container;
    if (!c || isRunning(c)) return false;
    this.answer.blockers.push({
      code: "not-running",
      message: `${c.name} is ${c.state}: a container that is not running has no network namespace, so no endpoint and no address.`,
      containerIds: [c.id],
    });
    this.answer.fix(startFix(c));
    return true;
  }

  private stale(s: Side): boolean {
    const c = s.container;
    if (!c?.networkWarning) return false;
    const owner = c.networkMode.slice("container:".length);
    const ownerName = this.index.topology.containers.find(
      (o) => o.id === owner || o.name === owner,
    )?.name;
    this.answer.blockers.push({
      code: "shared-namespace-stale",
      message: `${c.name} joined ${ownerName ?? "another container"}'s namespace (--network ${c.networkMode}), but that namespace is gone: ${c.networkWarning}`,
      containerIds: [c.id],
    });
    this.answer.fix(restartFix(c, ownerName ?? owner));
    return true;
  }

  /** None mode (or a namespace with no endpoint at all): only loopback. */
  private noNetwork(c: Container, endpoints: Endpoint[], other?: Container): boolean {
    if (endpoints.length > 0) return false;
    this.answer.blockers.push({
      code: "no-network",
      message: `${c.name} has no network (--network ${c.networkMode || "none"}): its namespace holds only a loopback interface, so it talks to nothing outside itself.`,
      containerIds: [c.id],
    });
    const target = other ? this.networksOf(this.index.endpointsOf(other)) : [];
    this.answer.fix(leaveNoneFix(c, preferredNetwork(target)));
    return true;
  }

  private networksOf(endpoints: Endpoint[]): Network[] {
    return endpoints
      .map((e) => this.index.network(e.networkId))
      .filter((n): n is Network => n !== undefined);
  }

  private betweenContainers(a: Side, b: Side) {
    const ca = a.container as Container;
    const cb = b.container as Container;
    const ea = this.index.endpointsOf(ca);
    const eb = this.index.endpointsOf(cb);
    const noA = this.noNetwork(ca, ea, cb);
    const noB = this.noNetwork(cb, eb, ca);
    if (noA || noB) return;

    const iccBlocked: Network[] = [];
    for (const endpoint of eb) {
      const network = this.index.network(endpoint.networkId);
      if (!network || !ea.some((e) => e.networkId === network.id)) continue;
      if (forbidsContainerTraffic(network)) {
        iccBlocked.push(network);
        continue;
      }
      const address = endpointAddress(endpoint);
      if (!address) continue;
      this.addNetworkRoute(
        network,
        address,
        dnsNames(network, this.index.namespaceOwner(cb), endpoint),
      );
    }
    const routes = this.answer.routes;
    if (routes.length > 0) {
      if (routes.every((r) => r.names.length === 0)) {
        const bridge = routes[0]?.networkName ?? "bridge";
        this.answer.warnings.push({
          code: "no-dns-default-bridge",
          message: `${ca.name} and ${cb.name} meet only on the default ${bridge} network (docker0), where Docker's embedded DNS does not answer: dial ${routes[0]?.address}, not "${cb.name}".`,
          networkIds: routes.flatMap((r) => (r.networkId ? [r.networkId] : [])),
        });
        this.answer.fix(
          sharedNetworkFix(
            this.index.namespaceOwner(ca),
            this.index.namespaceOwner(cb),
            "on a user-defined network they find each other by name.",
          ),
        );
      }
      return;
    }
    if (iccBlocked.length > 0) {
      this.answer.blockers.push({
        code: "icc-disabled",
        message: `${ca.name} and ${cb.name} share ${iccBlocked.map((n) => n.name).join(", ")}, but ${iccBlocked.length > 1 ? "those networks forbid" : "that network forbids"} traffic between its containers (${iccBlocked.map(iccReason).join("; ")}): names may resolve, connections do not.`,
        networkIds: iccBlocked.map((n) => n.id),
      });
      this.answer.fix(
        sharedNetworkFix(
          this.index.namespaceOwner(ca),
          this.index.namespaceOwner(cb),
          "it allows container-to-container traffic.",
        ),
      );
      return;
    }
    this.noSharedNetwork(ca, cb, ea, eb);
  }

  private noSharedNetwork(ca: Container, cb: Container, ea: Endpoint[], eb: Endpoint[]) {
    const netsA = new Set(ea.map((e) => e.networkId));
    const netsB = new Set(eb.map((e) => e.networkId));
    const bridges = this.index.bridgingContainers(netsA, netsB, [ca.id, cb.id]);
    const router = bridges.length
      ? ` ${bridges.join(", ")} ${bridges.length > 1 ? "join" : "joins"} both, but an endpoint is not a router: traffic never passes through another container's endpoints.`
      : "";
    this.answer.blockers.push({
      code: "no-shared-network",
      message: `${ca.name} is on ${list(this.index.networkNames(ea))} and ${cb.name} is on ${list(this.index.networkNames(eb))}: they share no network, and different networks are isolated from each other.${router}`,
      networkIds: [...netsA, ...netsB],
      containerIds: [ca.id, cb.id],
    });
    const target = preferredNetwork(this.networksOf(eb));
    const joiner = this.index.namespaceOwner(ca);
    if (target && !isDefaultBridge(target)) {
      this.answer.fix(
        connectFix(
          target,
          joiner,
          `then it has an endpoint on the network ${cb.name} is on, and finds it by name.`,
        ),
      );
    } else {
      this.answer.fix(
        sharedNetworkFix(
          joiner,
          this.index.namespaceOwner(cb),
          "a network both join, on which names resolve.",
        ),
      );
    }
  }

  /** A container reaching the host's own stack (the host, or a host-mode container). */
  private toHostNamespace(a: Side, b: Side) {
    const ca = a.container as Container;
    const endpoints = this.index.endpointsOf(ca);
    if (this.noNetwork(ca, endpoints)) return;
    for (const endpoint of endpoints) {
      const network = this.index.network(endpoint.networkId);
      const gateway = network && network.driver === "bridge" ? gatewayOf(network) : null;
      if (!network || !gateway) continue;
      this.answer.route(
        this.withPort({
          via: "host-gateway",
          networkId: network.id,
          networkName: network.name,
          address: gateway,
          names: [],
        }),
      );
    }
    if (this.answer.routes.length > 0) return;
    const target = b.container ? `${b.container.name} (host mode)` : "the host";
    const drivers = this.networksOf(endpoints).map((n) => n.driver);
    this.answer.blockers.push({
      code: "no-shared-network",
      message: `${ca.name} reaches ${target} only through a bridge network's gateway, and it is on ${list(this.index.networkNames(endpoints))} (${drivers.join(", ")}): a macvlan or ipvlan container cannot talk to its own host, and other drivers have no gateway on it.`,
      networkIds: endpoints.map((e) => e.networkId),
      containerIds: [ca.id],
    });
    this.connectToDefaultBridge(ca, "bridge networks have a gateway on the host.");
  }

  private connectToDefaultBridge(c: Container, why: string) {
    const bridge = this.index.topology.networks.find(isDefaultBridge);
    if (bridge) this.answer.fix(connectFix(bridge, this.index.namespaceOwner(c), why));
  }

  /** The host's stack (the host, or a host-mode container) reaching a container. */
  private fromHostNamespace(b: Side) {
    const cb = b.container as Container;
    const endpoints = this.index.endpointsOf(cb);
    if (this.noNetwork(cb, endpoints)) return;
    for (const endpoint of endpoints) {
      const network = this.index.network(endpoint.networkId);
      const address = endpointAddress(endpoint);
      // The host holds each bridge's gateway address, so it reaches every member directly.
      if (!network || network.driver !== "bridge" || !address) continue;
      this.addNetworkRoute(network, address);
    }
    const published = this.published(cb);
    for (const p of published) {
      this.answer.route({
        via: "published-port",
        address: `${hostSideAddress(p)}:${p.publicPort}`,
        port: p.publicPort,
        names: [],
      });
    }
    this.warnAllInterfaces(cb, published);
    if (this.answer.routes.length > 0) return;
    this.answer.blockers.push({
      code: "not-published",
      message: `${cb.name} is on ${list(this.index.networkNames(endpoints))}, which the host cannot reach directly (a macvlan or ipvlan parent cannot talk to its own children), and it publishes ${this.port === null ? "no port" : `no port ${this.port}/${this.query.protocol}`}.`,
      networkIds: endpoints.map((e) => e.networkId),
      containerIds: [cb.id],
    });
    this.connectToDefaultBridge(cb, "the host reaches bridge members directly.");
  }

  private toOutside(a: Side) {
    if (a.hostNamespace) {
      this.answer.route(this.withPort({ via: "host-namespace", address: "*", names: [] }));
      return;
    }
    const ca = a.container as Container;
    const endpoints = this.index.endpointsOf(ca);
    if (this.noNetwork(ca, endpoints)) return;
    const networks = this.networksOf(endpoints);
    for (const network of networks) {
      if (network.internal) continue;
      this.addNetworkRoute(network, "*");
    }
    if (this.answer.routes.length > 0) return;
    this.answer.blockers.push({
      code: "internal-network",
      message: `${ca.name} is only on internal networks (${list(networks.map((n) => n.name))}): Docker gives an internal network no route beyond its own members.`,
      networkIds: networks.map((n) => n.id),
      containerIds: [ca.id],
    });
    const way = preferredNetwork(this.index.topology.networks.filter(isExternalBridge));
    if (way) {
      this.answer.fix(
        connectFix(
          way,
          this.index.namespaceOwner(ca),
          "a non-internal bridge routes out through the host.",
        ),
      );
    }
  }

  private fromOutside(b: Side) {
    const cb = b.container as Container;
    const host = this.index.topology.engine.name || "the host";
    if (b.hostNamespace) {
      this.answer.route({
        via: "host-namespace",
        address: host,
        ...(this.port !== null ? { port: this.port } : {}),
        names: [],
      });
      return;
    }
    const endpoints = this.index.endpointsOf(cb);
    if (this.noNetwork(cb, endpoints)) return;
    // macvlan and ipvlan children sit on the parent's LAN with addresses of their own.
    for (const endpoint of endpoints) {
      const network = this.index.network(endpoint.networkId);
      const address = endpointAddress(endpoint);
      if (!network || network.internal || !address) continue;
      if (network.driver !== "macvlan" && network.driver !== "ipvlan") continue;
      this.addNetworkRoute(network, address);
    }
    const published = this.published(cb);
    const open = published.filter((p) => bindingScope(p.ip) !== "loopback");
    for (const p of open) {
      const at = bindingScope(p.ip) === "all-interfaces" ? host : bracket(p.ip ?? "");
      this.answer.route({
        via: "published-port",
        address: `${at}:${p.publicPort}`,
        port: p.publicPort,
        names: [],
      });
    }
    this.warnAllInterfaces(cb, open);
    if (this.answer.routes.length > 0) return;
    const wanted = this.port === null ? "any port" : `port ${this.port}/${this.query.protocol}`;
    if (published.length > 0) {
      this.answer.blockers.push({
        code: "published-loopback-only",
        message: `${cb.name} publishes ${wanted === "any port" ? "its ports" : wanted} only on ${list(published.map((p) => `${bracket(p.ip ?? "")}:${p.publicPort}`))}: a loopback binding answers the host itself, never a client beyond it.`,
        containerIds: [cb.id],
      });
      const p = published[0] as PublishedPort;
      this.answer.fix(
        publishFix(cb, {
          containerPort: p.privatePort,
          protocol: p.type,
          hostIp: "0.0.0.0",
          hostPort: p.publicPort,
        }),
      );
      return;
    }
    this.answer.blockers.push({
      code: "not-published",
      message: `${cb.name} publishes ${wanted === "any port" ? "no port" : `no ${wanted}`}: the outside reaches a bridge container only through a port published with -p (DNAT from the host's address).`,
      containerIds: [cb.id],
    });
    this.answer.fix(publishFix(cb, { containerPort: this.port, protocol: this.query.protocol }));
  }

  /** The container's published bindings for the asked port and protocol (any port when none asked). */
  private published(c: Container): PublishedPort[] {
    return publishedBindings(c).filter(
      (p) => p.type === this.query.protocol && (this.port === null || p.privatePort === this.port),
    );
  }

  private warnAllInterfaces(c: Container, bindings: PublishedPort[]) {
    const wide = bindings.filter((p) => bindingScope(p.ip) === "all-interfaces");
    if (wide.length === 0) return;
    const p = wide[0] as PublishedPort;
    this.answer.warnings.push({
      code: "published-all-interfaces",
      message: `${c.name} publishes ${list([...new Set(wide.map((w) => `${w.publicPort}→${w.privatePort}/${w.type}`))])} on every address of the host: anyone who reaches the host reaches it (and Docker's rules bypass host firewalls such as ufw).`,
      containerIds: [c.id],
    });
    this.answer.fix(
      publishFix(c, {
        containerPort: p.privatePort,
        protocol: p.type,
        hostIp: "127.0.0.1",
        hostPort: p.publicPort,
      }),
    );
  }
}

const isExternalBridge = (n: Network) => n.driver === "bridge" && !n.internal;

function list(items: string[]): string {
  return items.length ? items.join(", ") : "no network";
}

const bracket = (ip: string) => (ip.includes(":") ? `[${ip}]` : ip || "0.0.0.0");

/** What the host dials for a binding: loopback for one on every address. */
function hostSideAddress(p: PublishedPort): string {
  if (bindingScope(p.ip) !== "all-interfaces") return bracket(p.ip ?? "");
  return p.ip === "::" ? "[::1]" : "127.0.0.1";
}
