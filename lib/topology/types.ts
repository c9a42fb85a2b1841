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
};

export type SandboxKind = "container" | "host";

export type Sandbox = {
  id: string;
  kind: SandboxKind;
  /** The owner first (the container whose namespace it is); for the host, all host-mode containers. */
  containerIds: string[];
};

export type Endpoint = {
  id: string;
  networkId: string;
  sandboxId: string;
  containerId: string;
  /** CIDR form, e.g. "10.1.0.2/24"; null when the endpoint has no address (host, none). */
  ipv4Address: string | null;
  ipv6Address: string | null;
  macAddress: string | null;
  aliases: string[];
};

export type EngineIdentity = {
  id: string;
  name: string;
  serverVersion: string;
  apiVersion: string;
};

export type Topology = {
  engine: EngineIdentity;
  /** ISO-8601. */
  generatedAt: string;
  networks: Network[];
  containers: Container[];
  sandboxes: Sandbox[];
  endpoints: Endpoint[];
};

/** The id of the host's own network namespace, shared by every host-mode container. */
export const HOST_SANDBOX_ID = "host";

export const PREDEFINED_NETWORK_NAMES = ["bridge", "host", "none"] as const;
