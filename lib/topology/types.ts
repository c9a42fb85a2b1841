// The CNM model Netlens draws, and its public JSON API (GET /api/topology).
// Field names are a published contract: add fields, never rename.

export type Subnet = { subnet: string; gateway?: string; ipRange?: string };

export type Network = {
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  attachable: boolean;
  ingress: boolean;
  ipv6: boolean;
  /** bridge, host and none: created by the engine itself, never removable. */
  predefined: boolean;
  subnets: Subnet[];
  options: Record<string, string>;
  labels: Record<string, string>;
  created: string;
  ipamDriver: string;
  /** The engine a local-scope network lives on; null for a swarm-scope network (one per cluster). */
  engineId: string | null;
  /**
   * What Swarm made it for: its routing mesh ("ingress"), or each node's bridge to the outside for
   * overlay endpoints ("gateway-bridge", docker_gwbridge); null for an ordinary network.
   */
  swarmRole: "ingress" | "gateway-bridge" | null;
};

export type PortMapping = { ip?: string; privatePort: number; publicPort?: number; type: string };

export type Container = {
  id: string;
  /** Without Docker's leading "/". */
  name: string;
  image: string;
  /** Docker's State: created, running, paused, restarting, removing, exited, dead. */
  state: string;
  /** ISO-8601; null when never started. A live map shows "up 3 min" from these, not a frozen string. */
  startedAt: string | null;
  finishedAt: string | null;
  /** HostConfig.NetworkMode as Docker reports it: "bridge", "host", "none", "container:<id>", a network name. */
  networkMode: string;
  /** The sandbox this container's processes live in; null when it is not running. */
  sandboxId: string | null;
  ports: PortMapping[];
  labels: Record<string, string>;
  /** Names of the networks the container is configured for (also kept while stopped). */
  networkNames: string[];
  /** Docker's State.Error, e.g. why the container failed to start on a network; null when none. */
  error: string | null;
  exitCode: number | null;
  /**
   * Something wrong with where the container's network stack lives that Docker itself does not
   * report, e.g. a container: mode container whose owner was restarted after it and so is left
   * with only loopback. Null when all is well.
   */
  networkWarning: string | null;
  engineId: string;
  /** The swarm service task this container runs, when it is one. */
  taskId: string | null;
  serviceId: string | null;
};

/**
 * Whose namespace: a container's, the host's, or one Swarm keeps for itself — the routing mesh's
 * "ingress-sbox" on each node, and a VIP load balancer per overlay network per node ("lb-<net>").
 */
export type SandboxKind = "container" | "host" | "ingress" | "load-balancer";

export type Sandbox = {
  id: string;
  kind: SandboxKind;
  /** The owner first (the container whose namespace it is); for the host, all host-mode containers. */
  containerIds: string[];
  engineId: string;
};

export type Endpoint = {
  id: string;
  networkId: string;
  sandboxId: string;
  /** Empty for Swarm's own endpoints (ingress-sbox, load balancers): no container owns them. */
  containerId: string;
  /** CIDR form, e.g. "10.1.0.2/24"; null when the endpoint has no address (host, none). */
  ipv4Address: string | null;
  ipv6Address: string | null;
  macAddress: string | null;
  aliases: string[];
  engineId: string;
};

export type EngineIdentity = {
  id: string;
  name: string;
  serverVersion: string;
  apiVersion: string;
};

/** Where an engine is in a swarm, from its own info. */
export type EngineSwarm = { nodeId: string; clusterId: string | null; role: "manager" | "worker" };

/** A configured engine: `id` is its name in NETLENS_ENGINES ("local" when there is one). */
export type EngineEntry = {
  id: string;
  name: string;
  status: "up" | "down";
  /** Why it is down, in Docker's or the system's words; null when up. */
  message: string | null;
  /** The engine's host name (Docker's info Name); null until first reached. */
  hostname: string | null;
  serverVersion: string | null;
  swarm: EngineSwarm | null;
};

export type SwarmNode = {
  id: string;
  hostname: string;
  role: "manager" | "worker";
  /** active, pause, drain. */
  availability: string;
  /** ready, down, unknown, disconnected. */
  state: string;
  address: string;
  /** The engine Netlens reaches on that node, if any. */
  engineId: string | null;
};

export type ServicePort = {
  protocol: string;
  targetPort: number;
  publishedPort: number | null;
  publishMode: "ingress" | "host";
};

export type Service = {
  id: string;
  name: string;
  mode: "replicated" | "global";
  /** Desired replicas; null for a global service. */
  replicas: number | null;
  /** Tasks running, as the manager counts them. */
  runningTasks: number;
  endpointMode: "vip" | "dnsrr";
  /** CIDR form, e.g. "10.0.0.5/24". */
  virtualIPs: { networkId: string; address: string }[];
  ports: ServicePort[];
  networkIds: string[];
  image: string;
};

export type Task = {
  id: string;
  serviceId: string;
  nodeId: string | null;
  /** Null for a global service's tasks. */
  slot: number | null;
  desiredState: string;
  state: string;
  /** Why the task failed or is stuck, in Docker's words. */
  error: string | null;
  /** Docker's status message, e.g. "started", "no suitable node". */
  message: string | null;
  containerId: string | null;
  /** CIDR form, from the manager: known even for nodes Netlens does not reach. */
  addresses: { networkId: string; address: string }[];
};

export type Topology = {
  /** The first configured engine, as before there were several. */
  engine: EngineIdentity;
  /** ISO-8601. */
  generatedAt: string;
  networks: Network[];
  containers: Container[];
  sandboxes: Sandbox[];
  endpoints: Endpoint[];
  engines: EngineEntry[];
  nodes: SwarmNode[];
  services: Service[];
  tasks: Task[];
};

/** The engine's id when there is one engine and NETLENS_ENGINES does not name it. */
export const LOCAL_ENGINE_ID = "local";

/** The id of the host's own network namespace, shared by every host-mode container. */
export const HOST_SANDBOX_ID = "host";

/** Each engine's host namespace: "host" for the first engine (as ever), "host@<id>" for others. */
export function hostSandboxId(engineId: string, first: boolean): string {
  return first ? HOST_SANDBOX_ID : `${HOST_SANDBOX_ID}@${engineId}`;
}

export function isHostSandboxId(id: string | null): boolean {
  return id === HOST_SANDBOX_ID || (id?.startsWith(`${HOST_SANDBOX_ID}@`) ?? false);
}

export const PREDEFINED_NETWORK_NAMES = ["bridge", "host", "none"] as const;
