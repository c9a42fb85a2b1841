// What the map emphasises for a reachability answer or for exposure: which nodes and links stay
// bright (and in what role), which are dimmed, and the marks drawn over the map where no link is
// (a host gateway, a break between two boxes, loopback). Pure: the renderer only applies it.
import type { ExposureEntry } from "../topology/exposure";
import type { ReachBlocker, ReachParty, ReachRoute, Reachability } from "../topology/reach-types";
import { HOST_SANDBOX_ID } from "../topology/types";
import { hostIpOf } from "./format";
import type { GraphModel, NetworkNode, PortChip, SandboxNode } from "./graph-model";

/**
 * end: one of the two parties; route: what the traffic passes; break: where it stops;
 * context: shown to explain (the networks each party is on); exposed: reachable from outside;
 * added, removed (drawn as a ghost) and changed: since a moment (lib/graph/history-changes.ts).
 */
export type HighlightRole =
  "end" | "route" | "break" | "context" | "exposed" | "added" | "removed" | "changed";

export type HighlightMark =
  | {
      kind: "line";
      id: string;
      role: "route" | "break";
      source: string;
      target: string;
      label: string | null;
    }
  | { kind: "badge"; id: string; role: "route" | "break"; node: string; text: string };

export type GraphHighlight = {
  kind: "reach" | "exposure" | "changes";
  /** Node and link ids kept bright, by role. */
  nodes: ReadonlyMap<string, HighlightRole>;
  links: ReadonlyMap<string, HighlightRole>;
  /** Whether everything not listed is dimmed (not while the second party is still being picked). */
  dimOthers: boolean;
  ends: { from: string | null; to: string | null };
  marks: HighlightMark[];
};

/** A stronger role wins when one element plays two. */
const STRENGTH: Record<HighlightRole, number> = {
  context: 0,
  changed: 0,
  exposed: 1,
  added: 1,
  removed: 1,
  route: 2,
  end: 3,
  break: 4,
};

class HighlightBuilder {
  readonly nodes = new Map<string, HighlightRole>();
  readonly links = new Map<string, HighlightRole>();
  readonly marks: HighlightMark[] = [];

  constructor(private readonly model: GraphModel) {}

  node(id: string | null | undefined, role: HighlightRole) {
    if (id) put(this.nodes, id, role);
  }

  link(id: string | null | undefined, role: HighlightRole) {
    if (id) put(this.links, id, role);
  }

  /** A party's node joined to a hub: its endpoint link when it has one, else a drawn line. */
  join(nodeId: string | null, hub: string, role: "route" | "context", label: string | null = null) {
    if (!nodeId || !this.hasNode(hub)) return;
    const link = this.model.links.find(
      (l) => l.kind === "endpoint" && l.source === nodeId && l.target === hub,
    );
    if (link) this.link(link.id, role);
    else if (role === "route") this.line("route", nodeId, hub, label);
  }

  line(role: "route" | "break", source: string, target: string, label: string | null) {
    const id = `${role}:${source}->${target}`;
    if (this.marks.some((m) => m.id === id)) return;
    this.marks.push({ kind: "line", id, role, source, target, label });
  }

  badge(role: "route" | "break", node: string | null, text: string) {
    if (!node) return;
    const id = `${role}:${node}:${text}`;
    if (this.marks.some((m) => m.id === id)) return;
    this.marks.push({ kind: "badge", id, role, node, text });
  }

  hasNode(id: string): boolean {
    return this.model.nodes.some((n) => n.id === id);
  }

  build(
    kind: GraphHighlight["kind"],
    ends: GraphHighlight["ends"],
    dimOthers: boolean,
  ): GraphHighlight {
    return { kind, nodes: this.nodes, links: this.links, dimOthers, ends, marks: this.marks };
  }
}

function put(map: Map<string, HighlightRole>, id: string, role: HighlightRole) {
  const current = map.get(id);
  if (current === undefined || STRENGTH[role] > STRENGTH[current]) map.set(id, role);
}

/** The predefined `host` network's hub: where the host is drawn when no host-mode box is. */
function hostHub(model: GraphModel): NetworkNode | undefined {
  return model.nodes.find(
    (n): n is NetworkNode => n.kind === "network" && n.predefined && n.driver === "host",
  );
}

/** The box a container is drawn in (its own, a shared one, the host's); undefined when not drawn. */
function containerNode(model: GraphModel, containerId: string): SandboxNode | undefined {
  return model.nodes.find(
    (n): n is SandboxNode => n.kind === "sandbox" && n.containerIds.includes(containerId),
  );
}

function containerNodeId(model: GraphModel, containerId: string): string | null {
  return containerNode(model, containerId)?.id ?? null;
}

/** The node a party is drawn as: its box, the host's box (or hub); none for the outside. */
function partyNodeId(model: GraphModel, party: ReachParty): string | null {
  if (party.kind === "outside") return null;
  if (party.kind === "host") {
    if (model.nodes.some((n) => n.id === HOST_SANDBOX_ID)) return HOST_SANDBOX_ID;
    return hostHub(model)?.id ?? null;
  }
  return containerNodeId(model, party.id);
}

/** The chips on a container's box that `match` (a joiner is reached through its owner's ports). */
function portChipsOf(
  model: GraphModel,
  containerId: string | null,
  match: (chip: PortChip) => boolean,
): PortChip[] {
  const box = containerId === null ? undefined : containerNode(model, containerId);
  return box?.ports.filter(match) ?? [];
}

/** Only the first two parties' question is drawn; `reach` is the live prediction. */
export function reachHighlight(model: GraphModel, reach: Reachability): GraphHighlight {
  const b = new HighlightBuilder(model);
  const from = partyNodeId(model, reach.from);
  const to = partyNodeId(model, reach.to);
  b.node(from, "end");
  b.node(to, "end");
  for (const route of reach.routes) drawRoute(b, model, reach, route, from, to);
  for (const blocker of reach.blockers) drawBlocker(b, model, blocker, from, to);
  return b.build("reach", { from, to }, true);
}

/** While the question is being put: the parties picked so far, nothing dimmed. */
export function pickHighlight(
  model: GraphModel,
  parties: { from: ReachParty | null; to: ReachParty | null },
): GraphHighlight {
  const b = new HighlightBuilder(model);
  const from = parties.from ? partyNodeId(model, parties.from) : null;
  const to = parties.to ? partyNodeId(model, parties.to) : null;
  b.node(from, "end");
  b.node(to, "end");
  return b.build("reach", { from, to }, false);
}

function drawRoute(
  b: HighlightBuilder,
  model: GraphModel,
  reach: Reachability,
  route: ReachRoute,
  from: string | null,
  to: string | null,
) {
  const fromOutside = reach.from.kind === "outside";
  const toOutside = reach.to.kind === "outside";
  switch (route.via) {
    case "network":
    case "host-gateway": {
      const hub = route.networkId;
      if (!hub || !b.hasNode(hub)) return;
      b.node(hub, "route");
      if (fromOutside) b.badge("route", hub, "from outside");
      else b.join(from, hub, "route");
      if (toOutside) b.badge("route", hub, "to outside");
      else
        b.join(to, hub, "route", route.via === "host-gateway" ? `gateway ${route.address}` : null);
      return;
    }
    case "loopback":
      b.badge("route", from, "loopback 127.0.0.1");
      return;
    case "host-namespace":
      if (toOutside) b.badge("route", from, "to outside via the host's interfaces");
      else if (fromOutside) b.badge("route", to, "from outside, on the host's interfaces");
      else b.badge("route", from, "host stack 127.0.0.1");
      return;
    case "published-port": {
      // The chips of the port the route dials light up on the target's box; the way there is a
      // line from the client (the host DNATs it), or a badge for a client beyond the host.
      const chips = portChipsOf(
        model,
        reach.to.kind === "container" ? reach.to.id : null,
        (chip) => route.port === undefined || chip.mapping.publicPort === route.port,
      );
      if (!to || chips.length === 0) return;
      for (const chip of chips) b.link(chip.id, "route");
      if (fromOutside) b.badge("route", to, `from outside via :${chips[0]!.mapping.publicPort}`);
      else if (from && from !== to) b.line("route", from, to, route.address);
      return;
    }
  }
}

/** Where each kind of blocker is drawn: on a line between the parties, a hub, or a box. */
const BREAKS_AT: Record<ReachBlocker["code"], "between" | "networks" | "containers"> = {
  "no-shared-network": "between",
  "icc-disabled": "networks",
  "internal-network": "networks",
  "no-network": "containers",
  "not-running": "containers",
  "not-published": "containers",
  "published-loopback-only": "containers",
  "shared-namespace-stale": "containers",
};

function drawBlocker(
  b: HighlightBuilder,
  model: GraphModel,
  blocker: ReachBlocker,
  from: string | null,
  to: string | null,
) {
  const at = BREAKS_AT[blocker.code];
  // The networks named are where each party stands: shown, with the party's links to them.
  for (const hub of blocker.networkIds ?? []) {
    b.node(hub, at === "networks" ? "break" : "context");
    b.join(from, hub, "context");
    b.join(to, hub, "context");
  }
  if (at === "between") {
    if (from && to && from !== to) b.line("break", from, to, null);
    else b.badge("break", from ?? to, blocker.code);
    return;
  }
  if (at === "containers") {
    for (const id of blocker.containerIds ?? []) b.node(containerNodeId(model, id), "break");
  }
}

/** Exposure: what a client beyond the host reaches, bright; the rest dimmed. */
export function exposureHighlight(model: GraphModel, entries: ExposureEntry[]): GraphHighlight {
  const b = new HighlightBuilder(model);
  for (const entry of entries) {
    if (entry.scope === "loopback") continue;
    b.node(containerNodeId(model, entry.containerId), "exposed");
    if (entry.kind !== "published") continue;
    // The binding itself: its chip, not the box's loopback-only ones.
    const chips = portChipsOf(
      model,
      entry.containerId,
      (chip) =>
        chip.containerId === entry.containerId &&
        chip.mapping.publicPort === entry.hostPort &&
        chip.mapping.privatePort === entry.containerPort &&
        chip.mapping.type === entry.protocol &&
        hostIpOf(chip.mapping) === entry.hostIp,
    );
    for (const chip of chips) b.link(chip.id, "exposed");
  }
  return b.build("exposure", { from: null, to: null }, true);
}
