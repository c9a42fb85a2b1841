// Pure formatting of CNM facts, shared by the graph, the table and the side panel.
import type { Container, PortMapping } from "../topology/types";

/** Docker's own 12-character short id, as `docker ps` shows it. */
export function shortId(id: string): string {
  return id.length > 12 ? id.slice(0, 12) : id;
}

export function isPublished(port: PortMapping): port is PortMapping & { publicPort: number } {
  return typeof port.publicPort === "number";
}

/** Docker omits the IP for a binding on every address, which is 0.0.0.0. */
export function hostIpOf(port: PortMapping): string {
  return port.ip && port.ip.length > 0 ? port.ip : "0.0.0.0";
}

/** `0.0.0.0:8080→80/tcp`, or `[::]:8080→80/tcp` for an IPv6 binding. */
export function formatPortMapping(port: PortMapping & { publicPort: number }): string {
  const ip = hostIpOf(port);
  const host = ip.includes(":") ? `[${ip}]` : ip;
  return `${host}:${port.publicPort}→${port.privatePort}/${port.type}`;
}

function portOrder(a: PortMapping, b: PortMapping): number {
  const aV6 = hostIpOf(a).includes(":") ? 1 : 0;
  const bV6 = hostIpOf(b).includes(":") ? 1 : 0;
  return (
    (a.publicPort ?? 0) - (b.publicPort ?? 0) ||
    a.privatePort - b.privatePort ||
    a.type.localeCompare(b.type) ||
    aV6 - bV6 ||
    hostIpOf(a).localeCompare(hostIpOf(b))
  );
}

/** Published mappings only, in a stable order (Docker's own order varies between calls). */
export function publishedPorts(ports: PortMapping[]): (PortMapping & { publicPort: number })[] {
  const seen = new Set<string>();
  return ports
    .filter(isPublished)
    .slice()
    .sort(portOrder)
    .filter((port) => {
      const key = formatPortMapping(port);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

export function publishedPortLines(ports: PortMapping[]): string[] {
  return publishedPorts(ports).map(formatPortMapping);
}

/** Exposed-only ports (no host binding), e.g. `80/tcp`. */
export function exposedOnlyPorts(ports: PortMapping[]): string[] {
  const lines = ports.filter((p) => !isPublished(p)).map((p) => `${p.privatePort}/${p.type}`);
  return [...new Set(lines)].sort();
}

/** The address without its prefix length: "10.1.0.2/24" → "10.1.0.2". */
export function stripCidr(address: string): string {
  const slash = address.indexOf("/");
  return slash === -1 ? address : address.slice(0, slash);
}

/** Find the container a `container:<ref>` network mode points at; Docker accepts an id, a prefix or a name. */
export function findContainerByRef(
  ref: string,
  containers: readonly Container[],
): Container | undefined {
  const name = ref.startsWith("/") ? ref.slice(1) : ref;
  return (
    containers.find((c) => c.id === ref) ??
    containers.find((c) => c.name === name) ??
    (ref.length >= 4 ? containers.find((c) => c.id.startsWith(ref)) : undefined)
  );
}

/** A sentence explaining HostConfig.NetworkMode in CNM terms. */
export function describeNetworkMode(mode: string, containers: readonly Container[]): string {
  if (mode.startsWith("container:")) {
    const ref = mode.slice("container:".length);
    const target = findContainerByRef(ref, containers);
    return `shares the network namespace of ${target ? target.name : shortId(ref)}`;
  }
  switch (mode) {
    case "host":
      return "uses the host's network stack";
    case "none":
      return "has its own network namespace with only a loopback interface";
    case "bridge":
    case "default":
      return "attached to the default bridge network";
    case "":
      return "network mode unknown";
    default:
      return `attached to the user-defined network "${mode}"`;
  }
}

/** Docker's own wording for a duration (go-units HumanDuration), as `docker ps` prints it. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  if (seconds < 1) return "Less than a second";
  if (seconds === 1) return "1 second";
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(seconds / 3600);
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}

function since(iso: string | null, now: number): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : humanDuration(now - t);
}

/**
 * `docker ps`'s STATUS column, computed from the state and its timestamps against `now` (the
 * topology's generatedAt, so every render of one snapshot agrees), e.g. "Up 3 minutes".
 */
export function describeStatus(
  container: Pick<Container, "state" | "startedAt" | "finishedAt" | "exitCode">,
  now: number,
): string {
  const up = since(container.startedAt, now);
  const down = since(container.finishedAt, now);
  const code = container.exitCode ?? 0;
  switch (container.state) {
    case "running":
      return up ? `Up ${up}` : "Up";
    case "paused":
      return up ? `Up ${up} (Paused)` : "Paused";
    case "restarting":
      return down ? `Restarting (${code}) ${down} ago` : `Restarting (${code})`;
    case "exited":
      return down ? `Exited (${code}) ${down} ago` : `Exited (${code})`;
    case "created":
      return "Created";
    case "removing":
      return "Removal In Progress";
    case "dead":
      return "Dead";
    default:
      return container.state;
  }
}

/**
 * Local wall-clock time, 24-hour `HH:MM:SS`, whatever the browser's locale: the activity feed and
 * the "state as of" banner line up in one fixed-width column. The input unchanged when unparsable.
 */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
