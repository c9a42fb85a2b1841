// What the outside world can reach: published ports and host-mode containers (GET /api/exposure).
import { inHostNamespace, isRunning } from "./reach-parties";
import type { Container, PortMapping, Topology } from "./types";

export type BindingScope = "all-interfaces" | "loopback" | "address";

export type ExposureEntry = {
  containerId: string;
  name: string;
  /** host-network: everything the container listens on is on the host, so it has no ports here. */
  kind: "published" | "host-network";
  hostIp: string | null;
  hostPort: number | null;
  containerPort: number | null;
  protocol: string | null;
  scope: BindingScope;
};

/** Docker leaves HostIp empty for a binding on every address. */
export function bindingScope(hostIp: string | undefined): BindingScope {
  const ip = hostIp ?? "";
  if (ip === "" || ip === "0.0.0.0" || ip === "::") return "all-interfaces";
  if (ip.startsWith("127.") || ip === "::1") return "loopback";
  return "address";
}

export type PublishedPort = PortMapping & { publicPort: number };

export function publishedBindings(c: Container): PublishedPort[] {
  return c.ports.filter((p): p is PublishedPort => typeof p.publicPort === "number");
}

export function exposureOf(topology: Topology): ExposureEntry[] {
  const entries: ExposureEntry[] = [];
  for (const c of topology.containers) {
    if (!isRunning(c)) continue;
    if (inHostNamespace(c)) {
      entries.push({
        containerId: c.id,
        name: c.name,
        kind: "host-network",
        hostIp: null,
        hostPort: null,
        containerPort: null,
        protocol: null,
        scope: "all-interfaces",
      });
      continue;
    }
    for (const p of publishedBindings(c)) {
      entries.push({
        containerId: c.id,
        name: c.name,
        kind: "published",
        hostIp: p.ip || "0.0.0.0",
        hostPort: p.publicPort,
        containerPort: p.privatePort,
        protocol: p.type,
        scope: bindingScope(p.ip),
      });
    }
  }
  return entries;
}

/** Containers the outside can reach at all (loopback-only bindings do not count). */
export function exposedContainerIds(entries: ExposureEntry[]): Set<string> {
  return new Set(entries.filter((e) => e.scope !== "loopback").map((e) => e.containerId));
}
