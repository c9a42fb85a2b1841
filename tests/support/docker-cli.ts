import { execFileSync } from "node:child_process";

// Ground truth comes from the docker CLI, not from Netlens's own code paths.
export function docker(...args: string[]): string {
  return execFileSync("docker", args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

/** Run each docker command, ignoring failures: for removing what may already be gone. */
export function dockerQuietly(...commands: string[][]): void {
  for (const args of commands) {
    try {
      docker(...args);
    } catch {
      // already gone
    }
  }
}

/**
 * The engine's network names, to check that a request changed nothing. Other test files create
 * nl-t-* networks meanwhile: those are left out, except the caller's own (`ownPrefix`).
 */
export function networkNames(ownPrefix: string): string[] {
  return docker("network", "ls", "--format", "{{.Name}}")
    .split("\n")
    .filter((n) => !n.startsWith("nl-t-") || n.startsWith(ownPrefix))
    .sort();
}

type InspectEndpoint = {
  NetworkID: string;
  EndpointID: string;
  IPAddress: string;
  IPPrefixLen: number;
  MacAddress: string;
  Aliases: string[] | null;
};

export type ContainerInspect = {
  Id: string;
  Name: string;
  State: { Running: boolean; Status: string };
  HostConfig: { NetworkMode: string };
  NetworkSettings: {
    SandboxID: string;
    SandboxKey: string;
    Networks: Record<string, InspectEndpoint>;
    Ports: Record<string, { HostIp: string; HostPort: string }[] | null>;
  };
};

export type NetworkInspect = {
  Id: string;
  Name: string;
  Driver: string;
  Internal: boolean;
  IPAM: { Config: { Subnet: string; Gateway?: string }[] | null };
  Options: Record<string, string>;
  Containers: Record<
    string,
    { Name: string; EndpointID: string; MacAddress: string; IPv4Address: string }
  >;
};

export function inspectContainer(name: string): ContainerInspect {
  return (
    JSON.parse(docker("container", "inspect", name)) as ContainerInspect[]
  )[0] as ContainerInspect;
}

export function inspectNetwork(name: string): NetworkInspect {
  return (JSON.parse(docker("network", "inspect", name)) as NetworkInspect[])[0] as NetworkInspect;
}
