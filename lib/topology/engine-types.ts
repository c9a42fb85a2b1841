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

/** GET /info's Swarm part. ControlAvailable: a manager; Cluster only on managers. */
export type EngineSwarmInfo = {
  NodeID: string;
  LocalNodeState: string;
  ControlAvailable: boolean;
  Cluster?: { ID: string } | null;
};

/** One entry of a network inspect's Containers: Swarm's own endpoints appear only there. */
export type EngineNetworkMember = {
  Name: string;
  EndpointID: string;
  MacAddress: string;
  IPv4Address: string;
  IPv6Address: string;
};

/** GET /nodes (a manager only). */
export type EngineNode = {
  ID: string;
  Spec: { Role: string; Availability: string };
  Description?: { Hostname?: string };
  Status: { State: string; Addr?: string };
  ManagerStatus?: { Addr?: string } | null;
};

/** GET /services?status=true (a manager only). */
export type EngineService = {
  ID: string;
  Spec: {
    Name: string;
    Mode: {
      Replicated?: { Replicas?: number };
      Global?: object;
      ReplicatedJob?: { TotalCompletions?: number };
      GlobalJob?: object;
    };
    TaskTemplate: {
      ContainerSpec?: { Image?: string };
      Networks?: { Target: string; Aliases?: string[] }[] | null;
    };
    EndpointSpec?: { Mode?: string } | null;
  };
  Endpoint?: {
    Ports?: {
      Protocol?: string;
      TargetPort?: number;
      PublishedPort?: number;
      PublishMode?: string;
    }[];
    VirtualIPs?: { NetworkID: string; Addr?: string }[];
  };
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number } | null;
};

/** GET /tasks (a manager only). */
export type EngineTask = {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  Slot?: number;
  DesiredState: string;
  Status: {
    State: string;
    Message?: string;
    Err?: string;
    ContainerStatus?: { ContainerID?: string } | null;
  };
  NetworksAttachments?: { Network: { ID: string }; Addresses?: string[] | null }[] | null;
};

/** What a swarm manager tells about the cluster; absent on a worker or outside a swarm. */
export type EngineClusterState = {
  nodes: EngineNode[];
  services: EngineService[];
  tasks: EngineTask[];
};

/** Everything one topology is built from, read from the engine at one moment. */
export type EngineSnapshot = {
  info: { ID: string; Name: string; ServerVersion: string; Swarm?: EngineSwarmInfo };
  apiVersion: string;
  networks: EngineNetwork[];
  /**
   * One inspect per container: every container fact is taken from it, so that a container's
   * state, sandbox and endpoints are always from the same moment.
   */
  containers: EngineContainerInspect[];
  /**
   * Members of the swarm-scope networks and docker_gwbridge by network id, from network inspect:
   * Swarm's own sandboxes (ingress-sbox, lb-<network>) are listed nowhere else.
   */
  members?: Record<string, Record<string, EngineNetworkMember>>;
  cluster?: EngineClusterState | null;
};
