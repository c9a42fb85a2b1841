import type { EngineContainerInspect } from "@/lib/topology/engine-types";

// Keep only the network-related part of a container inspect: it is what the topology needs and
// what the container panel shows, and it leaves out Config.Env, which often holds secrets.
type Raw = Record<string, unknown>;

function obj(v: unknown): Raw {
  return v && typeof v === "object" ? (v as Raw) : {};
}

function pick<K extends string>(source: Raw, keys: readonly K[]): Partial<Record<K, unknown>> {
  const out: Partial<Record<K, unknown>> = {};
  for (const k of keys) if (k in source) out[k] = source[k];
  return out;
}

export function pickInspect(raw: Raw): EngineContainerInspect {
  const state = obj(raw.State);
  const config = obj(raw.Config);
  const hostConfig = obj(raw.HostConfig);
  const settings = obj(raw.NetworkSettings);
  // The Engine API guarantees these shapes; the casts only narrow the picked subsets.
  return {
    Id: String(raw.Id),
    Name: String(raw.Name),
    Created: String(raw.Created),
    State: pick(state, [
      "Status",
      "Running",
      "Paused",
      "Restarting",
      "ExitCode",
      "Error",
      "StartedAt",
      "FinishedAt",
    ] as const) as EngineContainerInspect["State"],
    Config: pick(config, [
      "Hostname",
      "Domainname",
      "Image",
      "Labels",
      "ExposedPorts",
    ] as const) as EngineContainerInspect["Config"],
    HostConfig: pick(hostConfig, [
      "NetworkMode",
      "PortBindings",
      "Dns",
      "DnsSearch",
      "ExtraHosts",
      "PublishAllPorts",
    ] as const) as EngineContainerInspect["HostConfig"],
    NetworkSettings: pick(settings, [
      "SandboxID",
      "SandboxKey",
      "Ports",
      "Networks",
    ] as const) as EngineContainerInspect["NetworkSettings"],
  };
}
