// A patch in plain English, for the activity feed. Pure: the same patch always reads the same.
import { describeCluster } from "./describe-cluster";
import type { TopologyPatch } from "./patch";
import type { Container, Endpoint, Network, Topology } from "./types";

export type ActivityTone = "add" | "remove" | "change";

export type ActivityTarget = {
  kind: "network" | "container" | "endpoint";
  id: string;
  /**
   * For an endpoint: its container, so the feed can still open something once the endpoint is
   * gone (a disconnect's endpoint never exists again).
   */
  containerId?: string;
};

export type ActivityItem = {
  id: string;
  /** The patch's generatedAt: when the server saw the change. */
  time: string;
  text: string;
  /** What clicking the line shows; null when the thing is gone for good. */
  target: ActivityTarget | null;
  tone: ActivityTone;
};

// Local rather than from lib/graph/format: the model layer does not depend on the UI's helpers.
const shortId = (id: string) => (id.length > 12 ? id.slice(0, 12) : id);
const stripCidr = (address: string) => address.split("/")[0] ?? address;

function firstSentence(text: string): string {
  const end = text.indexOf(". ");
  return end === -1 ? text : text.slice(0, end + 1);
}

function byId<T extends { id: string }>(list: readonly T[] | undefined): Map<string, T> {
  return new Map((list ?? []).map((e) => [e.id, e]));
}

/** "lab-mynet (172.20.0.2)", or just the network's name for an endpoint without an address. */
function placeOf(endpoint: Endpoint, networkName: (id: string) => string): string {
  const ip = endpoint.ipv4Address ?? endpoint.ipv6Address;
  const name = networkName(endpoint.networkId);
  return ip ? `${name} (${stripCidr(ip)})` : name;
}

function networkSummary(network: Network): string {
  const facts = [network.driver];
  if (network.internal) facts.push("internal");
  facts.push(...network.subnets.map((s) => s.subnet));
  return facts.join(", ");
}

const isUp = (state: string) => state === "running" || state === "paused";

type StateChange = { text: string; tone: ActivityTone };

/** A container's state change in words; null when the state is the same. */
function describeState(name: string, before: Container, after: Container): StateChange | null {
  if (before.state === after.state) {
    // `docker restart` within one patch: still running, but started again.
    if (after.state === "running" && before.startedAt !== after.startedAt) {
      return { text: `${name} restarted`, tone: "change" };
    }
    return null;
  }
  const exit = after.exitCode !== null ? ` (exit ${after.exitCode})` : "";
  switch (after.state) {
    case "running":
      return before.state === "paused"
        ? { text: `${name} unpaused`, tone: "change" }
        : { text: `${name} started`, tone: "add" };
    case "paused":
      return { text: `${name} paused`, tone: "change" };
    case "restarting":
      return { text: `${name} restarting${exit}`, tone: "change" };
    case "exited":
      return { text: `${name} stopped${exit}`, tone: "remove" };
    case "dead":
      return { text: `${name} dead${exit}`, tone: "remove" };
    case "removing":
      return { text: `${name} being removed`, tone: "remove" };
    default:
      return { text: `${name} is now ${after.state}`, tone: "change" };
  }
}

/**
 * What `patch` changes in `before`, one line per thing a person would notice: networks created
 * or removed, containers created, started, stopped, paused or removed, and endpoints connected or
 * disconnected. A container's own endpoints are folded into its line ("web stopped (exit 137) —
 * left lab-mynet") rather than listed one by one. Sandboxes are not described: they follow from
 * the containers.
 */
export function describePatch(before: Topology, patch: TopologyPatch): ActivityItem[] {
  const { upserts, removals, generatedAt: time } = patch;
  const networksBefore = byId(before.networks);
  const containersBefore = byId(before.containers);
  const endpointsBefore = byId(before.endpoints);
  const networksUpserted = byId(upserts.networks);
  const containersUpserted = byId(upserts.containers);

  // New names come from the patch, names of things that are gone from `before`.
  const networkName = (id: string) =>
    networksUpserted.get(id)?.name ?? networksBefore.get(id)?.name ?? shortId(id);
  const containerName = (id: string) =>
    containersUpserted.get(id)?.name ?? containersBefore.get(id)?.name ?? shortId(id);

  const added: Endpoint[] = [];
  const readdressed: [Endpoint, Endpoint][] = [];
  // Swarm's own endpoints (load balancers, the routing mesh) follow from the tasks: not news.
  const ofContainer = (e: Endpoint) => e.containerId !== "";
  for (const e of (upserts.endpoints ?? []).filter(ofContainer)) {
    const old = endpointsBefore.get(e.id);
    if (!old) added.push(e);
    else if (old.ipv4Address !== e.ipv4Address || old.ipv6Address !== e.ipv6Address) {
      readdressed.push([old, e]);
    }
  }
  const removed = (removals.endpoints ?? [])
    .map((id) => endpointsBefore.get(id))
    .filter((e): e is Endpoint => e !== undefined && ofContainer(e));

  const itemIds = new Set<string>();
  const item = (
    key: string,
    text: string,
    tone: ActivityTone,
    target: ActivityTarget | null,
  ): ActivityItem => {
    // Keys are per entity and verb; the counter only guards against a repeat within one patch.
    let id = `${time}/${key}`;
    for (let n = 2; itemIds.has(id); n++) id = `${time}/${key}#${n}`;
    itemIds.add(id);
    return { id, time, text, target, tone };
  };

  const networkItems: ActivityItem[] = [];
  for (const network of upserts.networks ?? []) {
    if (networksBefore.has(network.id)) {
      networkItems.push(
        item(`network:${network.id}:changed`, `network ${network.name} changed`, "change", {
          kind: "network",
          id: network.id,
        }),
      );
    } else {
      networkItems.push(
        item(
          `network:${network.id}:created`,
          `network ${network.name} created (${networkSummary(network)})`,
          "add",
          { kind: "network", id: network.id },
        ),
      );
    }
  }

  /** Containers whose line already tells what happened to their endpoints. */
  const folded = new Set<string>();
  const joinedOf = (id: string) =>
    added.filter((e) => e.containerId === id).map((e) => placeOf(e, networkName));
  const leftOf = (id: string) =>
    removed.filter((e) => e.containerId === id).map((e) => networkName(e.networkId));
  const withPlaces = (text: string, verb: string, places: string[]) =>
    places.length > 0 ? `${text} — ${verb} ${places.join(", ")}` : text;

  const containerItems: ActivityItem[] = [];
  for (const container of upserts.containers ?? []) {
    const target: ActivityTarget = { kind: "container", id: container.id };
    const old = containersBefore.get(container.id);
    const name = container.name;
    if (!old) {
      folded.add(container.id);
      const text = container.error
        ? `container ${name} created — failed to start: ${container.error}`
        : isUp(container.state)
          ? withPlaces(`container ${name} created and started`, "on", joinedOf(container.id))
          : `container ${name} created`;
      containerItems.push(item(`container:${container.id}:created`, text, "add", target));
      continue;
    }

    const lines: ActivityItem[] = [];
    if (old.name !== name) {
      lines.push(
        item(
          `container:${container.id}:renamed`,
          `${old.name} renamed to ${name}`,
          "change",
          target,
        ),
      );
    }
    const change = describeState(name, old, container);
    if (change) {
      folded.add(container.id);
      const joined = joinedOf(container.id);
      const left = leftOf(container.id);
      // A restart both leaves and rejoins; where it is now is what matters.
      const text =
        joined.length > 0
          ? withPlaces(change.text, "on", joined)
          : withPlaces(change.text, "left", left);
      lines.push(item(`container:${container.id}:state`, text, change.tone, target));
    }
    if (container.error && container.error !== old.error) {
      lines.push(
        item(
          `container:${container.id}:error`,
          `${name} failed to start: ${container.error}`,
          "remove",
          target,
        ),
      );
    }
    if (container.networkWarning !== old.networkWarning) {
      if (container.networkWarning) {
        lines.push(
          item(
            `container:${container.id}:warning`,
            `${name}: ${firstSentence(container.networkWarning)}`,
            "change",
            target,
          ),
        );
      } else if (lines.length === 0) {
        lines.push(
          item(
            `container:${container.id}:warning`,
            `${name}: network warning cleared`,
            "change",
            target,
          ),
        );
      }
    }
    // A stopped container has no endpoints; `docker network connect` only changes its config.
    if (container.sandboxId === null && old.sandboxId === null && !change) {
      const was = new Set(old.networkNames);
      const now = new Set(container.networkNames);
      const joins = container.networkNames.filter((n) => !was.has(n));
      const leaves = old.networkNames.filter((n) => !now.has(n));
      if (joins.length > 0) {
        lines.push(
          item(
            `container:${container.id}:configured`,
            `${name} (not running) connected to ${joins.join(", ")}`,
            "add",
            target,
          ),
        );
      }
      if (leaves.length > 0) {
        lines.push(
          item(
            `container:${container.id}:unconfigured`,
            `${name} (not running) disconnected from ${leaves.join(", ")}`,
            "remove",
            target,
          ),
        );
      }
    }
    containerItems.push(...lines);
  }

  const removedContainerItems: ActivityItem[] = [];
  for (const id of removals.containers ?? []) {
    const old = containersBefore.get(id);
    if (!old) continue;
    folded.add(id);
    removedContainerItems.push(
      item(
        `container:${id}:removed`,
        withPlaces(`container ${old.name} removed`, "left", leftOf(id)),
        "remove",
        null,
      ),
    );
  }

  const endpointItems: ActivityItem[] = [];
  for (const e of added) {
    if (folded.has(e.containerId)) continue;
    endpointItems.push(
      item(
        `endpoint:${e.id}:connected`,
        `${containerName(e.containerId)} connected to ${placeOf(e, networkName)}`,
        "add",
        { kind: "endpoint", id: e.id, containerId: e.containerId },
      ),
    );
  }
  for (const [old, e] of readdressed) {
    if (folded.has(e.containerId)) continue;
    const ip = e.ipv4Address ?? e.ipv6Address;
    const was = old.ipv4Address ?? old.ipv6Address;
    endpointItems.push(
      item(
        `endpoint:${e.id}:readdressed`,
        `${containerName(e.containerId)} on ${networkName(e.networkId)} is now ${
          ip ? stripCidr(ip) : "without an address"
        }${was ? ` (was ${stripCidr(was)})` : ""}`,
        "change",
        { kind: "endpoint", id: e.id, containerId: e.containerId },
      ),
    );
  }
  for (const e of removed) {
    if (folded.has(e.containerId)) continue;
    const ip = e.ipv4Address ?? e.ipv6Address;
    endpointItems.push(
      item(
        `endpoint:${e.id}:disconnected`,
        `${containerName(e.containerId)} disconnected from ${networkName(e.networkId)}${
          ip ? ` (${stripCidr(ip)})` : ""
        }`,
        "remove",
        { kind: "endpoint", id: e.id, containerId: e.containerId },
      ),
    );
  }

  const removedNetworkItems: ActivityItem[] = [];
  for (const id of removals.networks ?? []) {
    const old = networksBefore.get(id);
    if (!old) continue;
    removedNetworkItems.push(
      item(`network:${id}:removed`, `network ${old.name} removed`, "remove", null),
    );
  }

  // The order things happen in on the command line: networks before the containers that join
  // them, disconnects before removals.
  const clusterItems = describeCluster(before, patch).map((l) => item(l.key, l.text, l.tone, null));
  return [
    ...clusterItems,
    ...networkItems,
    ...containerItems,
    ...endpointItems,
    ...removedContainerItems,
    ...removedNetworkItems,
  ];
}
