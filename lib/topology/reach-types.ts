// "Can A reach B?" — the answer's JSON (GET /api/reachability), a published contract like the
// topology's: add fields, never rename.

export type Protocol = "tcp" | "udp";

/** One side of the question: a container, the Docker host itself, or a client beyond the host. */
export type ReachParty =
  | {
      kind: "container";
      id: string;
      name: string;
      state: string;
      /** Docker's HostConfig.NetworkMode. */
      networkMode: string;
      /** The namespace it lives in ("host" for host mode); null when not running. */
      sandboxId: string | null;
    }
  | { kind: "host"; name: string }
  | { kind: "outside"; name: string };

export type RouteVia =
  "network" | "loopback" | "host-gateway" | "host-namespace" | "published-port";

export type ReachRoute = {
  via: RouteVia;
  networkId?: string;
  networkName?: string;
  /**
   * What the source should dial: the target's IP on the network, 127.0.0.1 in a shared namespace,
   * the source network's gateway for the host, `host-ip:published-port`; `*` towards the outside.
   */
  address: string;
  port?: number;
  /** Names that resolve to the target from the source on this route (Docker's embedded DNS). */
  names: string[];
};

export type BlockerCode =
  | "no-shared-network"
  | "icc-disabled"
  | "no-network"
  | "not-running"
  | "internal-network"
  | "not-published"
  | "published-loopback-only"
  | "shared-namespace-stale";

export type WarningCode = "no-dns-default-bridge" | "published-all-interfaces";

/** Where on the map an issue lies: the networks and containers to mark. */
export type ReachPlace = { networkIds?: string[]; containerIds?: string[] };

export type ReachBlocker = { code: BlockerCode; message: string } & ReachPlace;
export type ReachWarning = { code: WarningCode; message: string } & ReachPlace;

/** A real command that changes the answer, with what it does in words. */
export type ReachFix = { description: string; command: string };

export type Reachability = {
  from: ReachParty;
  to: ReachParty;
  port: number | null;
  protocol: Protocol;
  /** "reachable" iff at least one route exists. */
  verdict: "reachable" | "blocked";
  routes: ReachRoute[];
  blockers: ReachBlocker[];
  warnings: ReachWarning[];
  fixes: ReachFix[];
};

export type ReachQuery = { port: number | null; protocol: Protocol };

/** What a probe saw from inside the source's namespace (POST /api/reachability/probe). */
export type ProbeConnect = {
  address: string | null;
  port: number | null;
  ok: boolean;
  /** null when it connected; "refused" means the path is open and nothing listens. */
  error: null | "refused" | "timeout" | "unreachable" | "no-address" | string;
  ms: number;
  /** "tcp" dials the port; "ping" sends one ICMP echo (no port asked, or UDP: no handshake to test). */
  method: "tcp" | "ping";
};

export type ProbeDns = { name: string; addresses: string[]; ok: boolean };

export type ProbeResult = {
  prediction: Reachability;
  observed: { dns: ProbeDns | null; connect: ProbeConnect };
  /** Whether what was seen matches the verdict (refused counts as a path that is open). */
  agrees: boolean;
  image: string;
  ms: number;
};
