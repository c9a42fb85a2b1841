// "Can A reach B?" as the page asks it: the two parties by reference, a port and a protocol, and
// the answer computed again from the live topology on every change (no request). Pure.
import { shellWord } from "../topology/reach-fixes";
import { containerParty, HOST_REF, OUTSIDE_REF, resolveParty } from "../topology/reach-parties";
import type { Protocol, ReachParty, ReachRoute, Reachability } from "../topology/reach-types";
import { predictReachability, questionProblem } from "../topology/reachability";
import { HOST_SANDBOX_ID, type Container, type Topology } from "../topology/types";
import type { GraphTarget } from "./selection";

export type ReachSide = "from" | "to";

/** `from` and `to` are references as the API takes them: a container name or id, "host", "outside". */
export type ReachQuestion = {
  from: string | null;
  to: string | null;
  port: number | null;
  protocol: Protocol;
};

export const EMPTY_QUESTION: ReachQuestion = { from: null, to: null, port: null, protocol: "tcp" };

export type ReachOutcome =
  | { kind: "incomplete" }
  /** The question cannot be answered as asked; `side` is the party at fault when one is. */
  | { kind: "problem"; side: ReachSide | null; message: string }
  | { kind: "answer"; reach: Reachability };

/**
 * A container's reference: its name, so that the question follows a container recreated under the
 * same name (the fix for an unpublished port is exactly that); its id when the name would be read
 * as one of the words `host` or `outside`.
 */
export function containerRef(c: Container): string {
  return c.name === HOST_REF || c.name === OUTSIDE_REF ? c.id : c.name;
}

/** The prediction for the question on this topology, or why there is none. */
export function answerQuestion(topology: Topology, question: ReachQuestion): ReachOutcome {
  if (question.from === null || question.to === null) return { kind: "incomplete" };
  const from = resolveParty(topology, question.from);
  if (!from.ok) return { kind: "problem", side: "from", message: from.message };
  const to = resolveParty(topology, question.to);
  if (!to.ok) return { kind: "problem", side: "to", message: to.message };
  const problem = questionProblem(from.party, to.party);
  if (problem) return { kind: "problem", ...splitField(problem) };
  return {
    kind: "answer",
    reach: predictReachability(topology, from.party, to.party, {
      port: question.port,
      protocol: question.protocol,
    }),
  };
}

/** The API's problems name the field first ("to: …"): the page marks that field instead. */
function splitField(problem: string): { side: ReachSide | null; message: string } {
  const match = /^(from|to): (.*)$/s.exec(problem);
  if (!match) return { side: null, message: problem };
  const message = match[2] ?? "";
  return {
    side: match[1] as ReachSide,
    message: message.charAt(0).toUpperCase() + message.slice(1),
  };
}

/** The party a click on the map stands for; null for what is not one (a network, the ports node). */
export function refForTarget(topology: Topology, target: GraphTarget): string | null {
  const byId = (id: string | undefined) => topology.containers.find((c) => c.id === id);
  let container: Container | undefined;
  switch (target.kind) {
    case "container":
      container = byId(target.id);
      break;
    case "sandbox":
      if (target.id === HOST_SANDBOX_ID) return HOST_REF;
      container = byId(topology.sandboxes.find((s) => s.id === target.id)?.containerIds[0]);
      break;
    case "endpoint":
      container = byId(topology.endpoints.find((e) => e.id === target.id)?.containerId);
      break;
    default:
      return null;
  }
  return container ? containerRef(container) : null;
}

export type PartyChoice = {
  ref: string;
  label: string;
  group: "places" | "running" | "stopped";
  /** Why this choice cannot be asked about with the other side as it is; null when it can. */
  unavailable: string | null;
};

/** What a side's list offers: the host, the outside, then every container (running first). */
export function partyChoices(
  topology: Topology,
  side: ReachSide,
  question: ReachQuestion,
): PartyChoice[] {
  const otherRef = side === "from" ? question.to : question.from;
  const other = otherRef === null ? null : resolveParty(topology, otherRef);
  const unavailable = (mine: ReachParty): string | null => {
    if (!other?.ok) return null;
    const [from, to] = side === "from" ? [mine, other.party] : [other.party, mine];
    const problem = questionProblem(from, to);
    return problem ? splitField(problem).message : null;
  };
  const places: PartyChoice[] = [
    { ref: HOST_REF, label: `the host (${topology.engine.name || "Docker host"})` },
    { ref: OUTSIDE_REF, label: "outside (a client beyond the host)" },
  ].map((c) => {
    const resolved = resolveParty(topology, c.ref);
    return { ...c, group: "places", unavailable: resolved.ok ? unavailable(resolved.party) : null };
  });
  const containers = [...topology.containers]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c): PartyChoice => {
      const ref = containerRef(c);
      const running = c.sandboxId !== null;
      return {
        ref,
        label: running ? c.name : `${c.name} (${c.state})`,
        group: running ? "running" : "stopped",
        unavailable: unavailable(containerParty(c)),
      };
    });
  return [...places, ...containers];
}

/** A party in words: a container by name, "the host (vm)", "the outside". */
export function partyName(party: ReachParty): string {
  if (party.kind === "host") return `the host (${party.name})`;
  if (party.kind === "outside") return "a client outside";
  return party.name;
}

const NETSHOOT = "nicolaka/netshoot";

/** The seed's debugging shell in the source's own network namespace; none for the outside. */
export function debugCommand(from: ReachParty): string | null {
  if (from.kind === "outside") return null;
  const network = from.kind === "host" ? "host" : `container:${shellWord(from.name)}`;
  return `docker run -it --rm --network ${network} ${NETSHOOT}`;
}

/**
 * What to dial on a route. The contract's `address` carries the port for published ports (and the
 * outside reaching a host-mode container), not for the others: add it only where it is missing.
 */
export function routeDial(route: ReachRoute): string {
  if (route.address === "*") return "any address";
  if (route.port === undefined) return route.address;
  const bareIpv6 = !route.address.startsWith("[") && route.address.split(":").length > 2;
  if (!bareIpv6 && route.address.endsWith(`:${route.port}`)) return route.address;
  return `${bareIpv6 ? `[${route.address}]` : route.address}:${route.port}`;
}

/** How the traffic goes, in a few words. */
export function routeWay(route: ReachRoute): string {
  const network = route.networkName ?? "a network";
  switch (route.via) {
    case "network":
      return route.address === "*"
        ? `out through ${network}, NATed by the host`
        : `directly over ${network}`;
    case "loopback":
      return "inside the shared network namespace, over loopback";
    case "host-gateway":
      return `to the host, through ${network}'s gateway`;
    case "host-namespace":
      return route.address === "*"
        ? "out through the host's own interfaces"
        : "within the host's own network stack";
    case "published-port":
      return "through a published port (the host DNATs it to the container)";
  }
}

/** "80/tcp", or "any port (tcp)" when none was asked. */
export function portWords(port: number | null, protocol: Protocol): string {
  return port === null ? `any ${protocol} port` : `port ${port}/${protocol}`;
}

/** A port field's text: null when empty, "invalid" unless a whole number from 1 to 65535. */
export function parsePort(text: string): number | null | "invalid" {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (!/^\d{1,5}$/.test(trimmed)) return "invalid";
  const port = Number(trimmed);
  return port >= 1 && port <= 65535 ? port : "invalid";
}
