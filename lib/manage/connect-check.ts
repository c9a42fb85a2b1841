// Whether a container can be connected to a network, in Docker's terms and before asking it.
// Pure: the connect dialog and the panels show what this says.
import { findContainerByRef, shortId } from "../graph/format";
import { cidrContains, parseAddress, parseCidr } from "../topology/cidr";
import type { Container, Network, Topology } from "../topology/types";

/**
 * Why `container` can never join another network with `docker network connect`, or null when it
 * can: its network mode leaves it no network stack of its own to attach an interface to.
 */
export function connectBlocker(topology: Topology, container: Container): string | null {
  const mode = container.networkMode;
  if (mode.startsWith("container:")) {
    const ref = mode.slice("container:".length);
    const owner = findContainerByRef(ref, topology.containers);
    const ownerName = owner?.name ?? shortId(ref);
    return (
      `${container.name} shares the network stack of ${ownerName} (--network container:${ownerName}): ` +
      `it has no interfaces of its own, so Docker cannot connect it to a network. ` +
      `Connect ${ownerName} instead — ${container.name} will see that network too.`
    );
  }
  if (mode === "host") {
    return (
      `${container.name} uses the host's network stack (--network host): Docker cannot connect it ` +
      `to other networks. Recreate it without --network host to give it networks of its own.`
    );
  }
  if (mode === "none") {
    return (
      `${container.name} runs with --network none: Docker does not connect a none-mode container ` +
      `to other networks. Recreate it on a network instead.`
    );
  }
  return null;
}

/** The container whose network stack a `container:` mode container shares, if it is known. */
export function stackOwner(topology: Topology, container: Container): Container | undefined {
  if (!container.networkMode.startsWith("container:")) return undefined;
  return findContainerByRef(container.networkMode.slice("container:".length), topology.containers);
}

/** Why no container can be connected to `network` this way, or null when they can. */
export function networkBlocker(network: Network): string | null {
  if (network.driver === "host" || network.driver === "null") {
    return (
      `${network.name} cannot be joined with docker network connect: a container is put in the ` +
      `${network.name === "none" ? "none" : "host"} network only when it is created ` +
      `(--network ${network.name}).`
    );
  }
  return null;
}

/** Whether the container is already on the network: attached if running, configured if not. */
export function alreadyConnected(
  topology: Topology,
  container: Container,
  network: Network,
): boolean {
  if (container.sandboxId !== null) {
    return topology.endpoints.some(
      (e) =>
        e.networkId === network.id &&
        (e.containerId === container.id || e.sandboxId === container.sandboxId),
    );
  }
  return container.networkNames.includes(network.name);
}

export type ConnectFields = { aliases: string; ipv4Address: string; ipv6Address: string };
export type FieldProblem = { field: keyof ConnectFields; message: string };

/** Comma- or space-separated aliases, without empties and repeats. */
export function parseAliases(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((a) => a !== ""))];
}

const ALIAS = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/**
 * What is wrong with the optional fields before Docker is asked: a malformed address, one outside
 * every subnet of the network, aliases or static addresses on the default bridge (Docker allows
 * both only on user-defined networks).
 */
export function connectFieldProblems(fields: ConnectFields, network: Network): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const aliases = parseAliases(fields.aliases);
  for (const alias of aliases) {
    if (!ALIAS.test(alias)) {
      problems.push({
        field: "aliases",
        message: `"${alias}" is not a DNS name: letters, digits, '_', '.', '-', at most 63`,
      });
    }
  }
  const userDefined = !network.predefined;
  if (aliases.length > 0 && !userDefined) {
    problems.push({
      field: "aliases",
      message: `Docker supports aliases only on user-defined networks, not on ${network.name}`,
    });
  }
  const subnets = network.subnets
    .map((s) => parseCidr(s.subnet))
    .filter((c): c is NonNullable<typeof c> => c !== null);
  for (const [field, family] of [
    ["ipv4Address", 4],
    ["ipv6Address", 6],
  ] as const) {
    const value = fields[field].trim();
    if (value === "") continue;
    if (!userDefined) {
      problems.push({
        field,
        message: `Docker supports static addresses only on user-defined networks, not on ${network.name}`,
      });
      continue;
    }
    const address = parseAddress(value);
    if (!address || address.family !== family) {
      problems.push({ field, message: `"${value}" is not an IPv${family} address` });
      continue;
    }
    const ofFamily = subnets.filter((s) => s.family === family);
    if (ofFamily.length === 0) {
      problems.push({ field, message: `${network.name} has no IPv${family} subnet` });
    } else if (!ofFamily.some((s) => cidrContains(s, address))) {
      problems.push({
        field,
        message: `${value} is outside ${network.name}'s subnet${ofFamily.length > 1 ? "s" : ""} ${ofFamily
          .map((s) => s.text)
          .join(", ")}`,
      });
    }
  }
  return problems;
}
