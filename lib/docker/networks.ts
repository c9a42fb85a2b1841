import "server-only";
import type { NetworkSpec } from "@/lib/topology/network-spec";
import type { EngineNetwork } from "@/lib/topology/engine-types";
import { engineCall } from "./client";

/** Create a network as `spec` says; Docker's own refusals come back as EngineRequestError. */
export async function createNetwork(spec: NetworkSpec): Promise<EngineNetwork> {
  const { id } = await engineCall(async (d) => {
    const network = await d.createNetwork({
      Name: spec.name,
      // Docker (API 1.41) would otherwise create a second network of the same name.
      CheckDuplicate: true,
      Driver: spec.driver,
      Internal: spec.internal ?? false,
      Attachable: spec.attachable ?? false,
      EnableIPv6: spec.ipv6 ?? false,
      Options: spec.options ?? {},
      Labels: spec.labels ?? {},
      IPAM: {
        Driver: spec.ipam?.driver ?? "default",
        Config: (spec.ipam?.config ?? []).map((c) => ({
          Subnet: c.subnet,
          ...(c.gateway ? { Gateway: c.gateway } : {}),
          ...(c.ipRange ? { IPRange: c.ipRange } : {}),
          ...(c.auxAddresses ? { AuxiliaryAddresses: c.auxAddresses } : {}),
        })),
      },
    });
    return network;
  });
  return inspectNetworkJson(id);
}

function inspectNetworkJson(ref: string): Promise<EngineNetwork> {
  return engineCall(
    (d) => d.getNetwork(ref).inspect() as Promise<unknown> as Promise<EngineNetwork>,
  );
}

export function removeNetwork(id: string): Promise<void> {
  return engineCall((d) => d.getNetwork(id).remove() as Promise<unknown>).then(() => undefined);
}

export type ConnectOptions = {
  containerId: string;
  aliases?: string[];
  ipv4Address?: string;
  ipv6Address?: string;
  driverOpts?: Record<string, string>;
};

export function connectContainer(networkId: string, o: ConnectOptions): Promise<void> {
  const ipam = {
    ...(o.ipv4Address ? { IPv4Address: o.ipv4Address } : {}),
    ...(o.ipv6Address ? { IPv6Address: o.ipv6Address } : {}),
  };
  return engineCall(
    (d) =>
      d.getNetwork(networkId).connect({
        Container: o.containerId,
        EndpointConfig: {
          ...(o.aliases?.length ? { Aliases: o.aliases } : {}),
          ...(o.driverOpts ? { DriverOpts: o.driverOpts } : {}),
          ...(Object.keys(ipam).length ? { IPAMConfig: ipam } : {}),
        },
      }) as Promise<unknown>,
  ).then(() => undefined);
}

export function disconnectContainer(
  networkId: string,
  containerId: string,
  force: boolean,
): Promise<void> {
  return engineCall(
    (d) =>
      d
        .getNetwork(networkId)
        .disconnect({ Container: containerId, Force: force }) as Promise<unknown>,
  ).then(() => undefined);
}

/** Network drivers the engine offers: built-in ones from /info, plugins from /plugins. */
export async function networkDrivers(): Promise<{
  builtin: string[];
  plugins: { name: string; enabled: boolean }[];
  swarmActive: boolean;
}> {
  const [info, plugins] = await Promise.all([
    engineCall(
      (d) =>
        d.info() as Promise<{
          Plugins?: { Network?: string[] };
          Swarm?: { LocalNodeState?: string };
        }>,
    ),
    engineCall(
      (d) =>
        d.listPlugins({
          filters: { capability: ["networkdriver"] },
        }) as Promise<unknown> as Promise<{ Name: string; Enabled: boolean }[]>,
    ),
  ]);
  return {
    builtin: info.Plugins?.Network ?? [],
    plugins: plugins.map((p) => ({ name: p.Name, enabled: p.Enabled })),
    swarmActive: info.Swarm?.LocalNodeState === "active",
  };
}
