// How the graph looks and how big each node is: fonts, sizes, the palette, and the geometry every
// part of the drawing shares. No DOM here.
import type {
  EndpointLink,
  GraphNode,
  NetworkNode,
  PortChip,
  SandboxNode,
} from "@/lib/graph/graph-model";
import type { RemoteTaskNode, ServiceNode } from "@/lib/graph/swarm-graph";
import { GROUP_BY_LABELS, groupCountsLine, type GroupNode } from "@/lib/graph/grouping";
import type { GraphTarget } from "@/lib/graph/selection";
import { bindingScope } from "@/lib/topology/exposure";
import type { Point } from "./force-layout";
import { LABEL_LINE_HEIGHT } from "./label-placement";

export type Size = { width: number; height: number };

export const MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace";
export const SANS =
  "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif";

export const HUB_SIZE = 1000; // symbol area in px²: a circle of radius ≈ 18
export const HUB_R = 18;
export const NAME_FONT = 11.5;
/** Advance of one monospace glyph, as a fraction of the font size (DejaVu/Menlo ≈ 0.6). */
export const MONO_ADVANCE = 0.62;
export const SANS_ADVANCE = 0.6;
export const LINE_H = 16;
export const HEADER_H = 15;
export const PAD_X = 10;
export const PAD_Y = 7;
export const DOT_SPACE = 13;
const ISSUE_SPACE = 16;
export const MAX_NAME_CHARS = 40;
export const PORT_R = 4.5;
export const LABEL_LINE_H = LABEL_LINE_HEIGHT;
export const ENDPOINT_FONT = 10;
export const PORT_FONT = 10;
const CHIP_H = 15;
const CHIP_PAD_X = 5;
const CHIP_GAP = 4;
/** A box shows this many chips at most; one more says how many it leaves to the panel. */
const MAX_CHIPS = 6;

// The theme's colours, defined in app/globals.css for dark and light. Set as presentation
// attributes (which resolve var()), not inline styles: the highlight rules in globals.css must
// still be able to override them.
export const BG = "var(--nl-bg)";
export const BOX_FILL = "var(--nl-box)";
export const BOX_STROKE = "var(--nl-box-stroke)";
export const HOST_FILL = "var(--nl-host-fill)";
export const HOST_STROKE = "var(--nl-host)";
export const PORTS_FILL = "var(--nl-ports-fill)";
export const SERVICE_FILL = "var(--nl-service-fill)";
export const REGION_FILL = "var(--nl-region-fill)";
export const REGION_DOWN_FILL = "var(--nl-region-down-fill)";
export const REGION_STROKE = "var(--nl-region-stroke)";
export const HUB_OUTLINE = "var(--nl-hub-outline)";
export const TEXT = "var(--nl-text)";
/** Secondary text: joiners in a shared box, IP labels, subnets. */
export const TEXT_SOFT = "var(--nl-text-soft)";
export const MUTED = "var(--nl-muted)";
/** A box's header line (its kind: shared namespace, stopped…). */
export const HEADER_COLOR = "var(--nl-header)";
export const PORTS_COLOR = "var(--nl-ports)";
export const SELECT_COLOR = "var(--nl-select)";
export const FAILED_STROKE = "var(--nl-failed)";
export const FAILED_TEXT = "var(--nl-failed-text)";
export const DIM_OPACITY = 0.22;
/** What an unreachable engine's part of the map is drawn at: there, but plainly out of date. */
export const DOWN_OPACITY = 0.4;
export const SERVICE_COLOR = "var(--nl-service)";
export const MESH_COLOR = "var(--nl-mesh)";
export const LB_COLOR = "var(--nl-lb)";
export const SWARM_FONT = 10;
/** A Swarm-owned namespace's pill: a small box with its title only. */
const PILL_H = 22;
const PILL_ICON = 16;

export const STATE_COLORS: Record<string, string> = {
  running: "#22c55e",
  paused: "#eab308",
  restarting: "#3b82f6",
  removing: "#f97316",
  created: "#94a3b8",
  exited: "#ef4444",
  dead: "#ef4444",
};

export function stoppedOpacity(node: GraphNode): number {
  return failedNode(node) ? 0.9 : 0.5;
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A stopped container Docker could not start: drawn in red, not dimmed, so it is seen. */
export function failedNode(node: GraphNode): boolean {
  return node.kind === "sandbox" && node.stopped && (node.containerIssues[0] ?? null) !== null;
}

/** ingress-sbox and load balancers: Swarm's own namespaces, drawn small. */
export function isSwarmSandbox(node: GraphNode): boolean {
  return (
    node.kind === "sandbox" &&
    (node.sandboxKind === "ingress" || node.sandboxKind === "load-balancer")
  );
}

/** A service node's lines under its summary: published ports, then what is wrong. */
export function serviceDetailLines(node: ServiceNode): { text: string; problem: boolean }[] {
  return [
    ...node.ports.map((text) => ({ text: `⇄ ${text}`, problem: false })),
    ...node.problems.map((p) => ({
      text: truncate(
        `⚠ ${p.label}${p.nodeHostname ? ` on ${p.nodeHostname}` : ""}: ${p.error}`,
        60,
      ),
      problem: true,
    })),
  ];
}

export function remoteTaskHeader(node: RemoteTaskNode): string {
  return `task on ${node.nodeHostname ?? "an unassigned node"} · not reached`;
}

export function sandboxHeader(node: SandboxNode): string | null {
  if (node.title) return node.title;
  if (failedNode(node)) return `${node.containerStates[0] ?? "stopped"} · failed to start`;
  if (node.sandboxKind === "stopped") return node.containerStates[0] ?? "stopped";
  if (node.containerIds.length > 1) return "shared network namespace";
  return null;
}

export const GROUP_NAME_FONT = 14;
export const GROUP_NAME_H = 20;

/** "COMPOSE PROJECT · 4 CONTAINERS" above a collapsed group's name (drawn uppercase). */
export function groupHeader(node: GroupNode): string {
  const count = node.running + node.stopped;
  return `${GROUP_BY_LABELS[node.by]} · ${count} ${count === 1 ? "container" : "containers"}`;
}

export function networkLabelLines(node: NetworkNode): string[] {
  const lines = [node.subnetLabel];
  const flags = [node.internal ? "internal" : "", node.predefined ? "predefined" : ""].filter(
    Boolean,
  );
  if (flags.length > 0) lines.push(flags.join(" · "));
  return lines.filter((l) => l.length > 0);
}

/** A hub's hover text: what `docker network inspect` would say first. */
export function networkTooltip(node: NetworkNode): string {
  return (
    `network ${node.name}\ndriver: ${node.driver}${node.subnetLabel ? `\nsubnets: ${node.subnetLabel}` : ""}` +
    `${node.internal ? "\ninternal: no outside access" : ""}${node.predefined ? "\npredefined by the engine" : ""}`
  );
}

/** A box's hover text: which namespace, and who is in it. */
export function sandboxTooltip(node: SandboxNode): string {
  if (node.sandboxKind === "host")
    return `host network namespace\n${node.containerNames.join("\n")}`;
  if (node.stopped) {
    return `${node.containerNames[0] ?? ""} (${node.containerStates[0] ?? "stopped"}): no network namespace`;
  }
  return `network namespace (sandbox) ${node.id.slice(0, 12)}\n${node.containerNames.join("\n")}`;
}

export function measureNode(node: GraphNode): Size {
  switch (node.kind) {
    case "network": {
      const nameW = node.name.length * 12 * SANS_ADVANCE;
      const lines = networkLabelLines(node);
      const subW = Math.max(0, ...lines.map((l) => l.length * 10.5 * MONO_ADVANCE));
      const below = HUB_R + 8 + (1 + lines.length) * LABEL_LINE_H;
      return { width: Math.max(2 * HUB_R, nameW, subW) + 12, height: 2 * below };
    }
    case "sandbox":
      return measureSandbox(node);
    case "group": {
      const headerW = groupHeader(node).length * 9.5 * 0.78;
      const nameW = truncate(node.key, MAX_NAME_CHARS).length * GROUP_NAME_FONT * SANS_ADVANCE;
      const countsW = groupCountsLine(node).length * NAME_FONT * SANS_ADVANCE;
      return {
        width: Math.max(120, headerW, nameW, countsW) + 2 * PAD_X,
        height: 2 * PAD_Y + HEADER_H + GROUP_NAME_H + 2 * LINE_H,
      };
    }
    case "service": {
      const lines = serviceDetailLines(node);
      const longest = Math.max(node.summary.length, ...lines.map((l) => l.text.length));
      return {
        width: Math.max(140, longest * NAME_FONT * SANS_ADVANCE) + 2 * PAD_X,
        height: 2 * PAD_Y + HEADER_H + (1 + lines.length) * LINE_H,
      };
    }
    case "remoteTask":
      return {
        width:
          Math.max(
            remoteTaskHeader(node).length * 9.5 * 0.72,
            DOT_SPACE + node.label.length * NAME_FONT * MONO_ADVANCE,
          ) +
          2 * PAD_X,
        height: 2 * PAD_Y + HEADER_H + LINE_H,
      };
  }
}

function measureSandbox(node: SandboxNode): Size {
  if (isSwarmSandbox(node)) {
    const title = node.title ?? "";
    return {
      width: title.length * SWARM_FONT * SANS_ADVANCE + 2 * PAD_X + PILL_ICON,
      height: PILL_H,
    };
  }
  const header = sandboxHeader(node);
  const longest = Math.max(
    ...node.containerNames.map((n) => truncate(n, MAX_NAME_CHARS).length),
    0,
  );
  const issueW = node.containerIssues.some((i) => i !== null) ? ISSUE_SPACE : 0;
  const namesW = DOT_SPACE + longest * NAME_FONT * MONO_ADVANCE + issueW;
  // Uppercase, bold and letter-spaced: far wider per glyph than lowercase text.
  const headerW = header ? header.length * 9.5 * 0.78 : 0;
  const chips = shownChips(node);
  const inner = Math.max(88, namesW, headerW, ...chips.map((c) => chipWidth(c.label)));
  return {
    width: inner + 2 * PAD_X,
    height:
      2 * PAD_Y +
      portStripHeight(flowChips(chips, inner).rows) +
      (header ? HEADER_H : 0) +
      node.containerNames.length * LINE_H,
  };
}

/** A chip on a box: one published binding, or the count of those the box has no room for. */
export type ChipSlot = Pick<PortChip, "id" | "label"> & { chip: PortChip | null };

/** Where a box's chip is drawn, relative to the box's centre (x, y: its top-left corner). */
export type PlacedChip = ChipSlot & { x: number; y: number; width: number; height: number };

const chipWidth = (label: string) => label.length * PORT_FONT * MONO_ADVANCE + 2 * CHIP_PAD_X;

function shownChips(node: SandboxNode): ChipSlot[] {
  const slots: ChipSlot[] = node.ports.map((chip) => ({ id: chip.id, label: chip.label, chip }));
  if (slots.length <= MAX_CHIPS) return slots;
  const rest = slots.length - (MAX_CHIPS - 1);
  return [
    ...slots.slice(0, MAX_CHIPS - 1),
    { id: `ports-more:${node.id}`, label: `+${rest} more`, chip: null },
  ];
}

/** Chips left to right, a new row when the next does not fit in `inner`. */
function flowChips(chips: ChipSlot[], inner: number): { placed: PlacedChip[]; rows: number } {
  const placed: PlacedChip[] = [];
  let x = 0;
  let row = 0;
  for (const chip of chips) {
    const width = chipWidth(chip.label);
    if (x > 0 && x + width > inner) {
      row++;
      x = 0;
    }
    placed.push({ ...chip, x, y: row * (CHIP_H + CHIP_GAP), width, height: CHIP_H });
    x += width + CHIP_GAP;
  }
  return { placed, rows: chips.length === 0 ? 0 : row + 1 };
}

function portStripHeight(rows: number): number {
  return rows === 0 ? 0 : rows * (CHIP_H + CHIP_GAP);
}

/**
 * A box's published ports as a strip of chips along its top edge, inside the box (its measured
 * size has room for them): every renderer draws them from this, so they sit where the layout
 * expects them.
 */
export function portChipLayout(node: SandboxNode, size: Size): PlacedChip[] {
  const inner = size.width - 2 * PAD_X;
  const left = -size.width / 2 + PAD_X;
  const top = -size.height / 2 + PAD_Y;
  return flowChips(shownChips(node), inner).placed.map((c) => ({
    ...c,
    x: left + c.x,
    y: top + c.y,
  }));
}

export function portChipTooltip(slot: ChipSlot): string {
  return slot.chip
    ? `${slot.chip.containerName}: the host DNATs ${slot.label.split("→")[0] ?? ""} to port ` +
        `${slot.chip.mapping.privatePort}/${slot.chip.mapping.type}`
    : `${slot.label} published ports: see the host's port table`;
}

/** A binding on a loopback address answers the host only: its chip is drawn dashed. */
export const loopbackChip = (slot: ChipSlot) =>
  slot.chip !== null && bindingScope(slot.chip.mapping.ip) === "loopback";

/** Where a box's header (or, without one, its first name row) starts: under its port chips. */
export function sandboxContentTop(node: SandboxNode, size: Size): number {
  const { rows } = flowChips(shownChips(node), size.width - 2 * PAD_X);
  return -size.height / 2 + PAD_Y + portStripHeight(rows);
}

/** Where the ray from a box's centre towards `to` leaves the box. */
export function rectBorderPoint(center: Point, size: Size, to: Point): Point {
  const dx = to.x - center.x;
  const dy = to.y - center.y;
  if (dx === 0 && dy === 0) return center;
  const hw = size.width / 2;
  const hh = size.height / 2;
  const t = Math.min(
    dx === 0 ? Infinity : hw / Math.abs(dx),
    dy === 0 ? Infinity : hh / Math.abs(dy),
  );
  return { x: center.x + dx * t, y: center.y + dy * t };
}

export function ipLabel(link: EndpointLink): string {
  return link.ipv4Address ?? link.ipv6Address ?? "";
}

export function endpointTooltip(link: EndpointLink): string {
  return [
    `${link.containerName} on ${link.networkName}`,
    `IPv4: ${link.ipv4Address ?? "—"}`,
    link.ipv6Address ? `IPv6: ${link.ipv6Address}` : null,
    `MAC: ${link.macAddress ?? "—"}`,
    `Aliases: ${link.aliases.length > 0 ? link.aliases.join(", ") : "—"}`,
    `Endpoint: ${link.endpointId || "—"}`,
  ]
    .filter((l): l is string => l !== null)
    .join("\n");
}

export function targetOfNode(node: GraphNode): GraphTarget {
  if (node.kind === "network") return { kind: "network", id: node.id };
  if (node.kind === "service") return { kind: "service", id: node.serviceId };
  if (node.kind === "remoteTask") return { kind: "task", id: node.taskId };
  if (node.kind === "group") return { kind: "group", id: node.id };
  if (node.stopped) return { kind: "container", id: node.containerIds[0] ?? node.id };
  return { kind: "sandbox", id: node.id };
}
