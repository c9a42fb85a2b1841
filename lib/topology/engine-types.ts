// The Docker Engine API JSON that the topology is built from (API 1.41 and later), reduced to
// the fields Netlens reads. lib/docker/ produces these; fixtures record them from a real engine.

export type EngineEndpointSettings = {
  NetworkID: string;
  EndpointID: string;
  Gateway: string;
  IPAddress: string;
  IPPrefixLen: number;
  IPv6Gateway: string;
  GlobalIPv6Address: string;
  GlobalIPv6PrefixLen: number;
  MacAddress: string;
  Aliases: string[] | null;
  IPAMConfig?: { IPv4Address?: string; IPv6Address?: string } | null;
  DriverOpts?: Record<string, string> | null;
};

/** One entry of GET /containers/json?all=1: only used to tell which inspects are stale. */
export type EngineContainerSummary = {
  Id: string;
  /** With Docker's leading "/", as in inspect's Name. */
  Names?: string[];
  State: string;
  NetworkSettings: { Networks: Record<string, Pick<EngineEndpointSettings, "EndpointID">> | null };
};

/** The network-related part of GET /containers/{id}/json (nothing else is kept, e.g. no Env). */
export type EngineContainerInspect = {
  Id: string;
  Name: string;
  Created: string;
  State: {
    Status: string;
    Running: boolean;
    Paused: boolean;
    Restarting: boolean;
    ExitCode: number;
    Error: string;
    StartedAt: string;
    FinishedAt: string;
  };
  Config: {
    Hostname: string;
    Domainname: string;
    Image: string;
    Labels: Record<string, string> | null;
    ExposedPorts?: Record<string, object> | null;
  };
  HostConfig: {
    NetworkMode: string;
    PortBindings?: Record<string, { HostIp: string; HostPort: string }[] | null> | null;
    Dns?: string[] | null;
    DnsSearch?: string[] | null;
    ExtraHosts?: string[] | null;
    PublishAllPorts?: boolean;
  };
  NetworkSettings: {
    SandboxID: string;
    SandboxKey: string;
    Ports?: Record<string, { HostIp: string; HostPort: string }[] | null> | null;
    Networks: Record<string, EngineEndpointSettings> | null;
  };
};

export type EngineIpamConfig = {
  Subnet?: string;
  Gateway?: string;
  IPRange?: string;
  AuxiliaryAddresses?: Record<string, string> | null;
};

/** One entry of GET /networks (which, unlike network inspect, lists no containers). */
export type EngineNetwork = {
  Name: string;
  Id: string;
  Created: string;
  Scope: string;
  Driver: string;
  EnableIPv6: boolean;
  IPAM: {
    Driver: string;
    Options?: Record<string, string> | null;
    Config: EngineIpamConfig[] | null;
  };
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  Options: Record<string, string> | null;
  Labels: Record<string, string> | null;
};

/** Everything one topology is built from, read from the engine at one moment. */
export type EngineSnapshot = {
  info: { ID: string; Name: string; ServerVersion: string };
  apiVersion: string;
  networks: EngineNetwork[];
  /**
   * One inspect per container: every container fact is taken from it, so that a container's
   * state, sandbox and endpoints are always from the same moment.
   */
  containers: EngineContainerInspect[];
};
