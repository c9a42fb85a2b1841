// The seed's "which setup fits which situation" table as checks over the live topology
// (GET /api/advice). Pure: the page runs the same checks on every live update.
import { bindingScope, publishedBindings } from "./exposure";
import { publishFix, shellWord } from "./reach-fixes";
import { inHostNamespace, isDefaultBridge, isRunning } from "./reach-parties";
import type { ReachFix } from "./reach-types";
import type { Container, Network, Topology } from "./types";

export type AdviceCode =
  | "failed-to-start"
  | "shared-namespace-stale"
  | "duplicate-network-name"
  | "default-bridge-in-use"
  | "published-all-interfaces"
  | "host-network"
  | "unused-network"
  | "no-network";

export type AdviceSeverity = "info" | "warning" | "critical";

export type Advice = {
  code: AdviceCode;
  severity: AdviceSeverity;
  subject: { kind: "container" | "network"; id: string; name: string };
  message: string;
  fix?: ReachFix;
};

const SEVERITY_ORDER: Record<AdviceSeverity, number> = { critical: 0, warning: 1, info: 2 };

const containerSubject = (c: Container) => ({ kind: "container" as const, id: c.id, name: c.name });
const networkSubject = (n: Network) => ({ kind: "network" as const, id: n.id, name: n.name });

/** What the checks ask of the whole topology, computed once: the page runs them on every update. */
type Facts = {
  onDefaultBridge: Set<string>;
  usedNetworkIds: Set<string>;
  configuredNetworkNames: Set<string>;
  byName: Map<string, Network[]>;
};

function factsOf(topology: Topology): Facts {
  const bridge = topology.networks.find(isDefaultBridge);
  const byName = new Map<string, Network[]>();
  for (const n of topology.networks) byName.set(n.name, [...(byName.get(n.name) ?? []), n]);
  return {
    onDefaultBridge: new Set(
      topology.endpoints.filter((e) => e.networkId === bridge?.id).map((e) => e.containerId),
    ),
    usedNetworkIds: new Set(topology.endpoints.map((e) => e.networkId)),
    configuredNetworkNames: new Set(topology.containers.flatMap((c) => c.networkNames)),
    byName,
  };
}

export function adviseOn(topology: Topology): Advice[] {
  const facts = factsOf(topology);
  const advice = [
    ...topology.containers.flatMap((c) => containerAdvice(c, facts)),
    ...topology.networks.flatMap((n) => networkAdvice(n, facts)),
  ];
  return advice.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.code.localeCompare(b.code) ||
      a.subject.name.localeCompare(b.subject.name),
  );
}

export function adviceCounts(advice: Advice[]): Record<AdviceSeverity, number> {
  const counts = { critical: 0, warning: 0, info: 0 };
  for (const a of advice) counts[a.severity] += 1;
  return counts;
}

function containerAdvice(c: Container, facts: Facts): Advice[] {
  const out: Advice[] = [];
  const subject = containerSubject(c);
  if (c.error) {
    out.push({
      code: "failed-to-start",
      severity: "critical",
      subject,
      message: `${c.name} could not start: Docker says "${c.error}".`,
    });
  }
  if (c.networkWarning) {
    out.push({
      code: "shared-namespace-stale",
      severity: "critical",
      subject,
      message: c.networkWarning,
      fix: {
        description: `Restart ${c.name} so it joins the namespace it asks for again.`,
        command: `docker restart ${shellWord(c.name)}`,
      },
    });
  }
  if (!isRunning(c)) return out;
  if (inHostNamespace(c)) {
    out.push({
      code: "host-network",
      severity: "warning",
      subject,
      message: `${c.name} uses the host's network stack: no isolation, every port it opens is open on the host, and two such containers clash on ports. Prefer a bridge network with -p for what must be reached.`,
    });
  }
  if (c.networkMode === "none") {
    out.push({
      code: "no-network",
      severity: "info",
      subject,
      message: `${c.name} runs with --network none: only loopback, by design for batch jobs that must not talk to anything.`,
    });
  }
  if (facts.onDefaultBridge.has(c.id)) {
    out.push({
      code: "default-bridge-in-use",
      severity: "warning",
      subject,
      message: `${c.name} is on the default bridge (docker0): there, containers find each other only by IP (no DNS), and every container started without --network shares it. A user-defined bridge gives names and isolation.`,
      fix: {
        description: `Move ${c.name} to a user-defined bridge (create it once).`,
        command: `docker network create app-net && docker network connect app-net ${shellWord(c.name)} && docker network disconnect bridge ${shellWord(c.name)}`,
      },
    });
  }
  const wide = publishedBindings(c).filter((p) => bindingScope(p.ip) === "all-interfaces");
  const first = wide[0];
  if (first) {
    out.push({
      code: "published-all-interfaces",
      severity: "warning",
      subject,
      message: `${c.name} publishes ${[...new Set(wide.map((p) => `${p.publicPort}→${p.privatePort}/${p.type}`))].join(", ")} on every address of the host: reachable by anyone who reaches the host, past firewalls like ufw. Bind to 127.0.0.1 or one address when only the host or one network needs it.`,
      fix: publishFix(c, {
        containerPort: first.privatePort,
        protocol: first.type,
        hostIp: "127.0.0.1",
        hostPort: first.publicPort,
      }),
    });
  }
  return out;
}

function networkAdvice(n: Network, facts: Facts): Advice[] {
  const out: Advice[] = [];
  const subject = networkSubject(n);
  const sameName = facts.byName.get(n.name) ?? [];
  if (sameName.length > 1) {
    out.push({
      code: "duplicate-network-name",
      severity: "warning",
      subject,
      message: `${sameName.length} networks are named ${n.name} (ids ${sameName.map((o) => o.id.slice(0, 12)).join(", ")}): commands that name it fail or pick one. Remove or rename all but one, and use the id meanwhile.`,
      fix: {
        description: `Remove this one by its id once nothing uses it.`,
        command: `docker network rm ${n.id.slice(0, 12)}`,
      },
    });
  }
  const used = facts.usedNetworkIds.has(n.id) || facts.configuredNetworkNames.has(n.name);
  if (!n.predefined && !n.ingress && !used) {
    out.push({
      code: "unused-network",
      severity: "info",
      subject,
      message: `Nothing is attached to ${n.name}, and no stopped container is configured for it: a prune candidate.`,
      fix: { description: `Remove ${n.name}.`, command: `docker network rm ${shellWord(n.name)}` },
    });
  }
  return out;
}
