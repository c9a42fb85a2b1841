import "server-only";
import type { NetworkSpec } from "@/lib/topology/network-spec";
import type { EngineNetwork } from "@/lib/topology/engine-types";
import { engineCall } from "./client";

/** Create a network as `spec` says; Docker's own refusals come back as EngineRequestError. */
export async function createNetwork(spec: NetworkSpec, engineId: string): Promise<EngineNetwork> {
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
  }, engineId);
  return allocated(await inspectNetworkJson(id, engineId), engineId);
}

const ALLOCATION_WAIT_MS = 2_000;

/**
 * A swarm network is created in the cluster's store first and given its subnet a moment later
 * (Docker sends an "update" event then): wait for it, so the answer shows what the map will.
 */
async function allocated(network: EngineNetwork, engineId: string): Promise<EngineNetwork> {
  const deadline = Date.now() + ALLOCATION_WAIT_MS;
  let current = network;
  while (current.Scope === "swarm" && !current.IPAM.Config?.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    current = await inspectNetworkJson(network.Id, engineId);
  }
  return current;
}

function inspectNetworkJson(ref: string, engineId: string): Promise<EngineNetwork> {
  return engineCall(
    (d) => d.getNetwork(ref).inspect() as Promise<unknown> as Promise<EngineNetwork>,
    engineId,
  );
}

export function removeNetwork(id: string, engineId: string): Promise<void> {
  return engineCall((d) => d.getNetwork(id).remove() as Promise<unknown>, engineId).then(
    () => undefined,
  );
}

export type ConnectOptions = {
  containerId: string;
  aliases?: string[];
  ipv4Address?: string;
  ipv6Address?: string;
  driverOpts?: Record<string, string>;
};

/**
 * On a swarm worker, an attachable overlay the node does not have yet is found through the
 * manager by the engine itself: `networkId` need not be listed on `engineId`.
 */
export function connectContainer(
  networkId: string,
  o: ConnectOptions,
  engineId: string,
): Promise<void> {
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
    engineId,
  ).then(() => undefined);
}

export function disconnectContainer(
  networkId: string,
  containerId: string,
  force: boolean,
  engineId: string,
): Promise<void> {
  return engineCall(
    (d) =>
      d
        .getNetwork(networkId)
        .disconnect({ Container: containerId, Force: force }) as Promise<unknown>,
    engineId,
  ).then(() => undefined);
}

/**
 * Network drivers the engine offers: built-in ones from /info, plugins from /plugins; and whether
 * it is in a swarm, and a manager there (only a manager creates overlay networks).
 */
export async function networkDrivers(engineId: string): Promise<{
  builtin: string[];
  plugins: { name: string; enabled: boolean }[];
  swarmActive: boolean;
  swarmManager: boolean;
}> {
  const [info, plugins] = await Promise.all([
    engineCall(
      (d) =>
        d.info() as Promise<{
          Plugins?: { Network?: string[] };
          Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean };
        }>,
      engineId,
    ),
    engineCall(
      (d) =>
        d.listPlugins({
          filters: { capability: ["networkdriver"] },
        }) as Promise<unknown> as Promise<{ Name: string; Enabled: boolean }[]>,
      engineId,
    ),
  ]);
  return {
    builtin: info.Plugins?.Network ?? [],
    plugins: plugins.map((p) => ({ name: p.Name, enabled: p.Enabled })),
    swarmActive: info.Swarm?.LocalNodeState === "active",
    swarmManager: info.Swarm?.ControlAvailable === true,
  };
}
