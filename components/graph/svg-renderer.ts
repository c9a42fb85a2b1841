// The drawing half of the graph: SVG via d3-selection joins keyed by id, zoom/pan and drag.
// It never decides where anything goes; positions come from the layout on every tick.
import {
  drag,
  pointer,
  select,
  zoom,
  zoomIdentity,
  zoomTransform,
  type BaseType,
  type Selection,
  type ZoomBehavior,
  type ZoomTransform,
} from "d3";
import { DRIVER_STYLES } from "@/lib/graph/drivers";
import { driverSymbolPath } from "./driver-symbols";
import {
  HOST_PORTS_NODE_ID,
  type EndpointLink,
  type GraphLink,
  type GraphModel,
  type GraphNode,
  type NetworkNode,
  type PortLink,
  type SandboxNode,
  type StoppedLink,
} from "@/lib/graph/graph-model";
import { sameTarget, type GraphTarget } from "@/lib/graph/selection";
import type { Point, Positions } from "./force-layout";
import {
  LABEL_LINE_HEIGHT,
  placeLabels,
  type LabelRequest,
  type PlacedLabel,
  type Rect,
} from "./label-placement";

export type { GraphTarget, SelectionKind as GraphTargetKind } from "@/lib/graph/selection";

export type RendererCallbacks = {
  onSelect(target: GraphTarget): void;
  /** Dragging a node pins it where it is dropped. */
  onPin(id: string, x: number, y: number): void;
  /** Double-clicking a pinned node hands it back to the layout. */
  onRelease(id: string): void;
  /** Whether a person has pinned the node (so a cancelled drag can leave it as it was). */
  isPinned?(id: string): boolean;
  /**
   * A sandbox box was dropped onto a network's hub: a request to connect it. The box goes back
   * to where the drag started; without this callback a drop on a hub pins the box like any other.
   */
  onDropOnNetwork?(sandboxId: string, networkId: string): void;
  /** Keep these nodes still while a box is dragged towards them; null lets them go again. */
  holdStill?(ids: string[] | null): void;
};

export type Size = { width: number; height: number };

export type SetDataOptions = {
  /**
   * Mark nodes and links that were not drawn before as new (the `nl-new` class, for a couple of
   * seconds). Never on the first data: a page load is not news. Default true.
   */
  highlightNew?: boolean;
};

export type FocusOptions = {
  /** Pixels on the right covered by something (the side panel): centre in what is left. */
  insetRight?: number;
};

export interface GraphRenderer {
  /** The box a node occupies, for the layout to keep nodes apart. */
  measure(node: GraphNode): Size;
  setData(model: GraphModel, options?: SetDataOptions): void;
  render(positions: Positions): void;
  setSelection(target: GraphTarget | null): void;
  /** Select `target` and pan (zooming in if far out) to put it in the middle of the view. */
  focus(target: GraphTarget, options?: FocusOptions): void;
  /** Centre the focused element again if the layout moved it; false when nothing is focused. */
  refocus(): boolean;
  /** Zoom to show every node; animated unless `instant`. */
  fit(positions: Positions, instant?: boolean): void;
  /** Whether every node is inside the current view. */
  showsAll(positions: Positions): boolean;
  /** The container's new size (from a ResizeObserver). */
  resize(width: number, height: number): void;
  zoomBy(factor: number): void;
  /** True once the user has zoomed or panned, after which the view is theirs to keep. */
  userMovedView(): boolean;
  destroy(): void;
}

// ---- geometry and palette -------------------------------------------------------------------

const MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace";
const SANS = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif";

const HUB_SIZE = 1000; // symbol area in px²: a circle of radius ≈ 18
const HUB_R = 18;
const NAME_FONT = 11.5;
/** Advance of one monospace glyph, as a fraction of the font size (DejaVu/Menlo ≈ 0.6). */
const MONO_ADVANCE = 0.62;
const SANS_ADVANCE = 0.6;
const LINE_H = 16;
const HEADER_H = 15;
const PAD_X = 10;
const PAD_Y = 7;
const DOT_SPACE = 13;
const ISSUE_SPACE = 16;
const MAX_NAME_CHARS = 40;
const PORT_R = 4.5;
const LABEL_LINE_H = LABEL_LINE_HEIGHT;
const ENDPOINT_FONT = 10;
const PORT_FONT = 10;

const BG = "#020617";
const BOX_FILL = "#0f172a";
const BOX_STROKE = "#475569";
const HOST_FILL = "#1c1407";
const HOST_STROKE = "#f59e0b";
const TEXT = "#e2e8f0";
const MUTED = "#94a3b8";
const PORTS_COLOR = "#fbbf24";
const SELECT_COLOR = "#f8fafc";
const FAILED_STROKE = "#f87171";
const DIM_OPACITY = 0.22;

/** How long a removed node or link takes to fade out. */
const EXIT_MS = 400;
/** How long a new node or link keeps its `nl-new` highlight (the CSS animation's length). */
const NEW_MS = 2000;
const FOCUS_MS = 600;
/** Focusing never leaves the view zoomed out further than this. */
const FOCUS_MIN_SCALE = 1;

const STATE_COLORS: Record<string, string> = {
  running: "#22c55e",
  paused: "#eab308",
  restarting: "#3b82f6",
  removing: "#f97316",
  created: "#94a3b8",
  exited: "#ef4444",
  dead: "#ef4444",
};

function stoppedOpacity(node: GraphNode): number {
  return failedNode(node) ? 0.9 : 0.5;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A stopped container Docker could not start: drawn in red, not dimmed, so it is seen. */
function failedNode(node: GraphNode): boolean {
  return node.kind === "sandbox" && node.stopped && (node.containerIssues[0] ?? null) !== null;
}

function sandboxHeader(node: SandboxNode): string | null {
  if (node.title) return node.title;
  if (failedNode(node)) return `${node.containerStates[0] ?? "stopped"} · failed to start`;
  if (node.sandboxKind === "stopped") return node.containerStates[0] ?? "stopped";
  if (node.containerIds.length > 1) return "shared network namespace";
  return null;
}

function networkLabelLines(node: NetworkNode): string[] {
  const lines = [node.subnetLabel];
  const flags = [node.internal ? "internal" : "", node.predefined ? "predefined" : ""].filter(
    Boolean,
  );
  if (flags.length > 0) lines.push(flags.join(" · "));
  return lines.filter((l) => l.length > 0);
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
    case "sandbox": {
      const header = sandboxHeader(node);
      const longest = Math.max(
        ...node.containerNames.map((n) => truncate(n, MAX_NAME_CHARS).length),
        0,
      );
      const issueW = node.containerIssues.some((i) => i !== null) ? ISSUE_SPACE : 0;
      const namesW = DOT_SPACE + longest * NAME_FONT * MONO_ADVANCE + issueW;
      // Uppercase, bold and letter-spaced: far wider per glyph than lowercase text.
      const headerW = header ? header.length * 9.5 * 0.78 : 0;
      return {
        width: Math.max(88, namesW, headerW) + 2 * PAD_X,
        height: 2 * PAD_Y + (header ? HEADER_H : 0) + node.containerNames.length * LINE_H,
      };
    }
    case "hostPorts":
      return { width: 104, height: 30 };
  }
}

/** Where the ray from a box's centre towards `to` leaves the box. */
function rectBorderPoint(center: Point, size: Size, to: Point): Point {
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

function ipLabel(link: EndpointLink): string {
  return link.ipv4Address ?? link.ipv6Address ?? "";
}

function endpointTooltip(link: EndpointLink): string {
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

function targetOfNode(node: GraphNode): GraphTarget {
  if (node.kind === "network") return { kind: "network", id: node.id };
  if (node.kind === "hostPorts") return { kind: "hostPorts", id: node.id };
  if (node.stopped) return { kind: "container", id: node.containerIds[0] ?? node.id };
  return { kind: "sandbox", id: node.id };
}

type AnySelection<E extends BaseType, D> = Selection<E, D, BaseType, unknown>;

/**
 * The elements whose datum differs from the one they were last drawn with (marking them drawn).
 * A patch touches a few elements: redrawing all of a 500-container map would make the browser
 * restyle every node for each one.
 */
function changed<E extends Element, D>(sel: AnySelection<E, D>): AnySelection<E, D> {
  return sel.filter(function (d) {
    const el = this as E & { __nlDrawn?: string };
    const signature = JSON.stringify(d);
    if (el.__nlDrawn === signature) return false;
    el.__nlDrawn = signature;
    return true;
  });
}

/**
 * Let a removed element fade out instead of vanishing. It first stops being the thing it drew:
 * its class (so the next data join and every per-tick update skip it, and an element with the
 * same id can come back at once beside it), its test ids (so counts of graph-sandbox etc. never
 * include it) and its clicks.
 */
function fadeOut<E extends SVGElement, D, P extends BaseType>(
  exit: Selection<E, D, P, unknown>,
  liveClass: string,
) {
  exit
    .classed(liveClass, false)
    .classed("nl-new", false)
    .attr("data-removing", "true")
    .attr("data-testid", null)
    .attr("tabindex", null)
    .attr("role", null)
    .style("pointer-events", "none")
    .on("click", null)
    .on("keydown", null)
    .on("dblclick", null)
    .each(function () {
      select(this).selectAll("[data-testid]").attr("data-testid", null);
    })
    // Named, so that the selection ring or anything else transitioning cannot cancel it.
    .transition("exit")
    .duration(EXIT_MS)
    // style, not attr: it starts from the computed opacity, dimmed or not.
    .style("opacity", "0")
    .remove();
}

// ---- the renderer -------------------------------------------------------------------------------

export function createSvgRenderer(
  container: HTMLElement,
  callbacks: RendererCallbacks,
): GraphRenderer {
  const svg = select(container)
    .append("svg")
    .attr("data-testid", "topology-graph")
    .attr("role", "img")
    .attr("aria-label", "Docker network topology")
    .style("display", "block")
    .style("width", "100%")
    .style("height", "100%")
    .style("user-select", "none")
    .style("cursor", "grab");

  const viewport = svg.append("g").attr("class", "viewport");
  const linkLayer = viewport.append("g").attr("class", "links");
  const nodeLayer = viewport.append("g").attr("class", "nodes");
  const endpointLayer = viewport.append("g").attr("class", "endpoints");
  const labelLayer = viewport.append("g").attr("class", "labels");

  let userMoved = false;
  const zoomBehavior: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.1, 4])
    .on("zoom", (event: { transform: ZoomTransform; sourceEvent: unknown }) => {
      viewport.attr("transform", event.transform.toString());
      // Programmatic zooms (fit) carry no source event; only a person's gesture does.
      if (event.sourceEvent) {
        userMoved = true;
        focused = null;
      }
    });
  svg.call(zoomBehavior).on("dblclick.zoom", null);

  let model: GraphModel = { nodes: [], links: [] };
  const nodesById = new Map<string, GraphNode>();
  const sizes = new Map<string, Size>();
  let selection: GraphTarget | null = null;
  let lastPositions: Positions = new Map();
  // What was last drawn where: a tick redraws only the nodes that moved and what hangs off them,
  // so a 500-container map that has settled costs nothing per frame but its newcomers.
  const drawnAt = new Map<string, { x: number; y: number; w: number; h: number }>();
  /** Ids of elements entered by the last setData, not yet given coordinates. */
  const freshIds = new Set<string>();
  /** Where each link label was last placed; untouched labels keep their spot and block others. */
  const labelSpots = new Map<string, PlacedLabel>();
  // The container's size, kept from resize notifications: reading clientWidth after DOM
  // changes would force a layout of the whole SVG.
  let viewWidth = container.clientWidth;
  let viewHeight = container.clientHeight;
  /** Whether anything has been drawn yet: the first data is never highlighted as new. */
  let drawn = false;
  const newTimers = new Set<ReturnType<typeof setTimeout>>();
  /** What focus() centred on, to follow it while the layout settles; cleared by any gesture. */
  let focused: { target: GraphTarget; insetRight: number; at: Point } | null = null;

  let nodeSel: AnySelection<SVGGElement, GraphNode> = nodeLayer.selectAll<SVGGElement, GraphNode>(
    "g.node",
  );
  let endpointLinkSel: AnySelection<SVGLineElement, EndpointLink> = linkLayer.selectAll<
    SVGLineElement,
    EndpointLink
  >("line.endpoint-link");
  let stoppedLinkSel: AnySelection<SVGLineElement, StoppedLink> = linkLayer.selectAll<
    SVGLineElement,
    StoppedLink
  >("line.stopped-link");
  let portLinkSel: AnySelection<SVGLineElement, PortLink> = linkLayer.selectAll<
    SVGLineElement,
    PortLink
  >("line.port-link");
  let endpointSel: AnySelection<SVGGElement, EndpointLink> = endpointLayer.selectAll<
    SVGGElement,
    EndpointLink
  >("g.endpoint");
  let portLabelSel: AnySelection<SVGTextElement, PortLink> = labelLayer.selectAll<
    SVGTextElement,
    PortLink
  >("text.port-label");

  /** Where the node being dragged started, and whether it was pinned there. */
  let dragOrigin: { id: string; x: number; y: number; pinned: boolean; moved: boolean } | null =
    null;
  /** The network hub a dragged sandbox is over: dropping it there asks to connect. */
  let dropTarget: string | null = null;

  /** The network whose hub is under `p` (graph coordinates), nearest first; null when none. */
  function hubAt(p: Point): string | null {
    // A little more than the hub itself: a hub is small at low zoom and a box covers it.
    const reach = HUB_R + 10;
    let best: { id: string; distance: number } | null = null;
    for (const node of model.nodes) {
      if (node.kind !== "network") continue;
      const at = lastPositions.get(node.id);
      if (!at) continue;
      const distance = Math.hypot(at.x - p.x, at.y - p.y);
      if (distance <= reach && (!best || distance < best.distance))
        best = { id: node.id, distance };
    }
    return best?.id ?? null;
  }

  function setDropTarget(id: string | null) {
    if (id === dropTarget) return;
    dropTarget = id;
    nodeSel
      .classed("nl-drop-target", (d) => d.id === id)
      .attr("data-drop-target", (d) => (d.id === id ? "true" : null));
  }

  type DragEvent = { x: number; y: number; sourceEvent: unknown };
  /** The pointer in graph coordinates; the dragged node's centre when there is none (touch). */
  function dragPoint(event: DragEvent): Point {
    const layer = nodeLayer.node();
    if (layer && event.sourceEvent instanceof MouseEvent) {
      const [x, y] = pointer(event.sourceEvent, layer);
      if (Number.isFinite(x) && Number.isFinite(y)) return { x, y };
    }
    return { x: event.x, y: event.y };
  }

  const canDropOnNetwork = (d: GraphNode) =>
    d.kind === "sandbox" && callbacks.onDropOnNetwork !== undefined;

  const dragBehavior = drag<SVGGElement, GraphNode>()
    .clickDistance(4)
    .subject((_event, d) => {
      const p = lastPositions.get(d.id) ?? { x: 0, y: 0 };
      return { x: p.x, y: p.y };
    })
    .on("start", function (_event, d) {
      focused = null;
      const p = lastPositions.get(d.id) ?? { x: 0, y: 0 };
      dragOrigin = {
        id: d.id,
        x: p.x,
        y: p.y,
        pinned: callbacks.isPinned?.(d.id) ?? false,
        moved: false,
      };
      select(this).style("cursor", "grabbing");
    })
    .on("drag", (event: DragEvent, d) => {
      callbacks.onPin(d.id, event.x, event.y);
      const origin = dragOrigin;
      // A click with a jittery hand is not a drop, even on a box that sits over a hub.
      if (origin && !origin.moved && Math.hypot(event.x - origin.x, event.y - origin.y) > 4) {
        origin.moved = true;
        // The box pushes what it nears aside; the hubs it may be dropped on must stay put.
        if (canDropOnNetwork(d)) {
          callbacks.holdStill?.(model.nodes.filter((n) => n.kind === "network").map((n) => n.id));
        }
      }
      if (canDropOnNetwork(d) && origin?.moved) setDropTarget(hubAt(dragPoint(event)));
    })
    .on("end", function (event: DragEvent, d) {
      select(this).style("cursor", "pointer");
      const hub = canDropOnNetwork(d) ? hubAt(dragPoint(event)) : null;
      const origin = dragOrigin;
      dragOrigin = null;
      setDropTarget(null);
      if (origin?.moved && canDropOnNetwork(d)) callbacks.holdStill?.(null);
      if (!hub || !origin || origin.id !== d.id || !origin.moved) return;
      // Dropped on a hub: a request, not a move. The box goes back where it was, as it was.
      callbacks.onPin(d.id, origin.x, origin.y);
      if (!origin.pinned) callbacks.onRelease(d.id);
      callbacks.onDropOnNetwork?.(d.id, hub);
    });

  function activate<E extends SVGElement, D>(
    sel: AnySelection<E, D>,
    target: (d: D) => GraphTarget,
    label: (d: D) => string,
  ) {
    sel
      .attr("tabindex", 0)
      .attr("role", "button")
      .attr("aria-label", label)
      .style("cursor", "pointer")
      // The selection ring already shows what was clicked; the UA focus box would double it.
      .style("outline", "none")
      .on("click", (event: Event, d) => {
        event.stopPropagation();
        callbacks.onSelect(target(d));
      })
      .on("keydown", (event: Event, d) => {
        if (!(event instanceof KeyboardEvent) || (event.key !== "Enter" && event.key !== " ")) {
          return;
        }
        event.preventDefault();
        callbacks.onSelect(target(d));
      });
  }

  // ---- node drawing ----

  function drawNetwork(g: AnySelection<SVGGElement, GraphNode>, node: NetworkNode) {
    const style = DRIVER_STYLES[node.driverClass];
    g.attr("data-testid", "graph-network")
      .attr("data-id", node.id)
      .attr("data-name", node.name)
      .attr("data-driver", node.driver);

    g.selectAll("title")
      .data([null])
      .join("title")
      .text(
        `network ${node.name}\ndriver: ${node.driver}${node.subnetLabel ? `\nsubnets: ${node.subnetLabel}` : ""}` +
          `${node.internal ? "\ninternal: no outside access" : ""}${node.predefined ? "\npredefined by the engine" : ""}`,
      );

    // Predefined networks (bridge, host, none) get a faint dotted halo: engine-owned, not removable.
    g.selectAll<SVGCircleElement, null>("circle.predefined")
      .data(node.predefined ? [null] : [])
      .join("circle")
      .attr("class", "predefined")
      .attr("r", HUB_R + 6)
      .attr("fill", "none")
      .attr("stroke", MUTED)
      .attr("stroke-opacity", 0.7)
      .attr("stroke-width", 1)
      .attr("stroke-dasharray", "1.5 3");

    g.selectAll<SVGPathElement, null>("path.hub")
      .data([null])
      .join("path")
      .attr("class", "hub")
      .attr("d", driverSymbolPath(style.symbol, HUB_SIZE))
      .attr("fill", style.color)
      .attr("fill-opacity", node.internal ? 0.25 : 0.9)
      .attr("stroke", node.internal ? style.color : BG)
      .attr("stroke-width", node.internal ? 2 : 1.5)
      .attr("stroke-dasharray", node.internal ? "4 3" : null);

    g.selectAll<SVGPathElement, null>("path.select-ring")
      .data([null])
      .join("path")
      .attr("class", "select-ring")
      .attr("d", driverSymbolPath(style.symbol, HUB_SIZE * 1.9))
      .attr("fill", "none")
      .attr("stroke", SELECT_COLOR)
      .attr("stroke-width", 2)
      .attr("visibility", "hidden");

    const lines: { text: string; cls: string }[] = [
      { text: node.name, cls: "net-name" },
      ...networkLabelLines(node).map((text, i) => ({
        text,
        cls: i === 0 && node.subnetLabel ? "net-subnet" : "net-flags",
      })),
    ];
    g.selectAll<SVGTextElement, { text: string; cls: string }>("text.net-label")
      .data(lines)
      .join("text")
      .attr("class", (d) => `net-label ${d.cls}`)
      .attr("text-anchor", "middle")
      .attr("y", (_d, i) => HUB_R + 16 + i * LABEL_LINE_H)
      .attr("font-family", (d) => (d.cls === "net-name" ? SANS : MONO))
      .attr("font-size", (d) => (d.cls === "net-name" ? 12 : 10.5))
      .attr("font-weight", (d) => (d.cls === "net-name" ? 600 : 400))
      .attr("fill", (d) =>
        d.cls === "net-name"
          ? TEXT
          : d.cls === "net-flags"
            ? node.internal
              ? "#fca5a5"
              : MUTED
            : "#cbd5e1",
      )
      .attr("paint-order", "stroke")
      .attr("stroke", BG)
      .attr("stroke-width", 3)
      .attr("stroke-linejoin", "round")
      .text((d) => d.text);
  }

  function drawSandbox(g: AnySelection<SVGGElement, GraphNode>, node: SandboxNode) {
    const size = sizes.get(node.id) ?? measureNode(node);
    const isHost = node.sandboxKind === "host";
    const header = sandboxHeader(node);
    g.attr("data-testid", "graph-sandbox")
      .attr("data-id", node.id)
      .attr("data-kind", node.sandboxKind)
      .attr("data-failed", failedNode(node) ? "true" : null)
      .attr("opacity", node.stopped ? stoppedOpacity(node) : null);

    g.selectAll("title")
      .data([null])
      .join("title")
      .text(
        isHost
          ? `host network namespace\n${node.containerNames.join("\n")}`
          : node.stopped
            ? `${node.containerNames[0] ?? ""} (${node.containerStates[0] ?? "stopped"}): no network namespace`
            : `network namespace (sandbox) ${node.id.slice(0, 12)}\n${node.containerNames.join("\n")}`,
      );

    g.selectAll<SVGRectElement, null>("rect.box")
      .data([null])
      .join("rect")
      .attr("class", "box")
      .attr("x", -size.width / 2)
      .attr("y", -size.height / 2)
      .attr("width", size.width)
      .attr("height", size.height)
      .attr("rx", 7)
      .attr("fill", isHost ? HOST_FILL : BOX_FILL)
      .attr("stroke", isHost ? HOST_STROKE : failedNode(node) ? FAILED_STROKE : BOX_STROKE)
      .attr("stroke-width", isHost ? 1.8 : 1.2)
      .attr("stroke-dasharray", node.stopped ? "5 4" : null);

    g.selectAll<SVGTextElement, string>("text.box-header")
      .data(header ? [header] : [])
      .join("text")
      .attr("class", "box-header")
      .attr("x", -size.width / 2 + PAD_X)
      .attr("y", -size.height / 2 + PAD_Y + 10)
      .attr("font-family", SANS)
      .attr("font-size", 9.5)
      .attr("font-weight", 600)
      .attr("letter-spacing", "0.04em")
      .attr("fill", isHost ? HOST_STROKE : node.stopped ? "#f87171" : "#7dd3fc")
      .text((d) => d.toUpperCase());

    const top = -size.height / 2 + PAD_Y + (header ? HEADER_H : 0);
    const rows = node.containerNames.map((name, i) => ({
      name,
      id: node.containerIds[i] ?? "",
      state: node.containerStates[i] ?? "unknown",
      issue: node.containerIssues[i] ?? null,
      i,
    }));
    // A warning sign at the end of a troubled container's line; the reason is in its tooltip.
    const issues = g
      .selectAll<SVGTextElement, (typeof rows)[number]>("text.issue")
      .data(rows.filter((r) => r.issue !== null))
      .join("text")
      .attr("class", "issue")
      .attr("data-testid", "sandbox-issue")
      .attr("x", size.width / 2 - PAD_X)
      .attr("y", (d) => top + d.i * LINE_H + LINE_H / 2 + 4)
      .attr("text-anchor", "end")
      .attr("font-family", SANS)
      .attr("font-size", 12)
      .attr("fill", (d) => (d.state === "running" ? "#fbbf24" : "#f87171"))
      .text("⚠");
    issues
      .selectAll("title")
      .data((d) => [d])
      .join("title")
      .text((d) => `${d.name}: ${d.issue ?? ""}`);
    g.selectAll<SVGCircleElement, (typeof rows)[number]>("circle.state")
      .data(rows)
      .join("circle")
      .attr("class", "state")
      .attr("cx", -size.width / 2 + PAD_X + 4)
      .attr("cy", (d) => top + d.i * LINE_H + LINE_H / 2)
      .attr("r", 3.5)
      .attr("fill", (d) => STATE_COLORS[d.state] ?? MUTED);

    const names = g
      .selectAll<SVGTextElement, (typeof rows)[number]>("text.container-name")
      .data(rows)
      .join("text")
      .attr("class", "container-name")
      .attr("data-testid", "sandbox-container-name")
      .attr("data-container-id", (d) => d.id)
      .attr("x", -size.width / 2 + PAD_X + DOT_SPACE)
      .attr("y", (d) => top + d.i * LINE_H + LINE_H / 2 + 4)
      .attr("font-family", MONO)
      .attr("font-size", NAME_FONT)
      // The owner of the namespace first and brighter; joiners after it.
      .attr("font-weight", (d) => (d.i === 0 && !isHost ? 600 : 400))
      .attr("fill", (d) => (d.i === 0 || isHost ? TEXT : "#cbd5e1"))
      .text((d) => truncate(d.name, MAX_NAME_CHARS));
    // Clicking a name inside a shared box selects that container, not the whole sandbox.
    names.style("cursor", "pointer").on("click", (event: MouseEvent, d) => {
      event.stopPropagation();
      if (d.id) callbacks.onSelect({ kind: "container", id: d.id });
    });

    g.selectAll<SVGRectElement, null>("rect.select-ring")
      .data([null])
      .join("rect")
      .attr("class", "select-ring")
      .attr("x", -size.width / 2 - 4)
      .attr("y", -size.height / 2 - 4)
      .attr("width", size.width + 8)
      .attr("height", size.height + 8)
      .attr("rx", 10)
      .attr("fill", "none")
      .attr("stroke", SELECT_COLOR)
      .attr("stroke-width", 2)
      .attr("visibility", "hidden");
  }

  function drawHostPorts(g: AnySelection<SVGGElement, GraphNode>) {
    const size = sizes.get(HOST_PORTS_NODE_ID) ?? { width: 104, height: 30 };
    g.attr("data-testid", "graph-host-ports").attr("data-id", HOST_PORTS_NODE_ID);
    g.selectAll("title")
      .data([null])
      .join("title")
      .text("Published ports: the host DNATs host IP:port to the container port");
    g.selectAll<SVGRectElement, null>("rect.box")
      .data([null])
      .join("rect")
      .attr("class", "box")
      .attr("x", -size.width / 2)
      .attr("y", -size.height / 2)
      .attr("width", size.width)
      .attr("height", size.height)
      .attr("rx", size.height / 2)
      .attr("fill", "#1f1503")
      .attr("stroke", PORTS_COLOR)
      .attr("stroke-width", 1.5);
    g.selectAll<SVGTextElement, null>("text.title")
      .data([null])
      .join("text")
      .attr("class", "title")
      .attr("text-anchor", "middle")
      .attr("y", 4)
      .attr("font-family", SANS)
      .attr("font-size", 11.5)
      .attr("font-weight", 600)
      .attr("fill", PORTS_COLOR)
      .text("⇄ host ports");
    g.selectAll<SVGRectElement, null>("rect.select-ring")
      .data([null])
      .join("rect")
      .attr("class", "select-ring")
      .attr("x", -size.width / 2 - 4)
      .attr("y", -size.height / 2 - 4)
      .attr("width", size.width + 8)
      .attr("height", size.height + 8)
      .attr("rx", size.height / 2 + 4)
      .attr("fill", "none")
      .attr("stroke", SELECT_COLOR)
      .attr("stroke-width", 2)
      .attr("visibility", "hidden");
  }

  /** Highlight freshly entered elements for a while; the class comes off when it is over. */
  function markNew(elements: Element[]) {
    if (elements.length === 0) return;
    for (const element of elements) element.classList.add("nl-new");
    const timer = setTimeout(() => {
      newTimers.delete(timer);
      for (const element of elements) element.classList.remove("nl-new");
    }, NEW_MS);
    newTimers.add(timer);
  }

  function setData(next: GraphModel, options: SetDataOptions = {}) {
    const highlight = drawn && (options.highlightNew ?? true);
    if (next.nodes.length > 0) drawn = true;
    const entered: Element[] = [];
    const collect = function (this: Element) {
      entered.push(this);
      freshIds.add((select(this).datum() as { id: string }).id);
    };
    model = next;
    nodesById.clear();
    sizes.clear();
    const linkIds = new Set(next.links.map((l) => l.id));
    for (const id of labelSpots.keys()) if (!linkIds.has(id)) labelSpots.delete(id);
    const nodeIds = new Set(next.nodes.map((n) => n.id));
    for (const id of drawnAt.keys()) if (!nodeIds.has(id)) drawnAt.delete(id);
    for (const node of next.nodes) {
      nodesById.set(node.id, node);
      sizes.set(node.id, measureNode(node));
    }
    const endpointLinks = next.links.filter((l): l is EndpointLink => l.kind === "endpoint");
    const stoppedLinks = next.links.filter((l): l is StoppedLink => l.kind === "stopped");
    const portLinks = next.links.filter((l): l is PortLink => l.kind === "ports");

    // Links: plain lines, drawn under everything, one class per kind.
    const joinLines = <L extends { id: string }>(cls: string, data: L[]) =>
      linkLayer
        .selectAll<SVGLineElement, L>(`line.${cls}`)
        .data(data, (d) => d.id)
        .join(
          (enter) => enter.append("line").each(collect),
          (update) => update,
          (exit) => fadeOut(exit, cls),
        )
        // classed, not attr("class"): that would cut short the highlight of a new one.
        .classed(cls, true);
    endpointLinkSel = joinLines("endpoint-link", endpointLinks);
    stoppedLinkSel = joinLines("stopped-link", stoppedLinks);
    portLinkSel = joinLines("port-link", portLinks);
    changed(endpointLinkSel)
      .attr("data-id", (d) => d.id)
      .attr("stroke", (d) => {
        const net = nodesById.get(d.target);
        return net?.kind === "network" ? DRIVER_STYLES[net.driverClass].color : MUTED;
      })
      .attr("stroke-opacity", 0.55)
      .attr("stroke-width", 1.6);
    changed(stoppedLinkSel)
      .attr("data-id", (d) => d.id)
      .attr("stroke", MUTED)
      .attr("stroke-opacity", 0.45)
      .attr("stroke-width", 1.2)
      .attr("stroke-dasharray", "5 4");
    changed(portLinkSel)
      .attr("data-id", (d) => d.id)
      .attr("stroke", PORTS_COLOR)
      .attr("stroke-opacity", 0.6)
      .attr("stroke-width", 1.4)
      .attr("stroke-dasharray", "2 3");

    // Nodes: one group per node, its kind fixed by its id.
    nodeSel = nodeLayer
      .selectAll<SVGGElement, GraphNode>("g.node")
      .data(next.nodes, (d) => d.id)
      .join(
        (enter) => enter.append("g").attr("class", "node").call(dragBehavior).each(collect),
        (update) => update,
        (exit) => fadeOut(exit, "node"),
      );
    const changedNodes = changed(nodeSel)
      .each(function (d) {
        const g = select<SVGGElement, GraphNode>(this);
        if (d.kind === "network") drawNetwork(g, d);
        else if (d.kind === "sandbox") drawSandbox(g, d);
        else drawHostPorts(g);
      })
      .on("dblclick", (event: MouseEvent, d) => {
        event.stopPropagation();
        callbacks.onRelease(d.id);
      });
    activate(changedNodes, targetOfNode, (d) =>
      d.kind === "network"
        ? `network ${d.name}`
        : d.kind === "sandbox"
          ? `${d.sandboxKind === "host" ? "host network namespace" : "sandbox"}: ${d.containerNames.join(", ")}`
          : "published host ports",
    );

    // Endpoints: a port on the sandbox box, above the boxes so they stay visible.
    endpointSel = endpointLayer
      .selectAll<SVGGElement, EndpointLink>("g.endpoint")
      .data(endpointLinks, (d) => d.id)
      .join(
        (enter) => {
          const g = enter.append("g").attr("class", "endpoint").each(collect);
          g.append("circle")
            .attr("data-testid", "graph-endpoint")
            .attr("r", PORT_R)
            .attr("stroke", BG)
            .attr("stroke-width", 1.5)
            .append("title");
          g.append("text")
            .attr("data-testid", "endpoint-label")
            .attr("font-family", MONO)
            .attr("font-size", ENDPOINT_FONT)
            .attr("fill", "#cbd5e1")
            .attr("paint-order", "stroke")
            .attr("stroke", BG)
            .attr("stroke-width", 3)
            .attr("stroke-linejoin", "round");
          // The group's title covers hovering the label; the circle carries its own.
          g.append("title");
          return g;
        },
        (update) => update,
        (exit) => fadeOut(exit, "endpoint"),
      );
    // A changed label needs placing again even where nothing moved.
    const changedEndpoints = changed(endpointSel)
      .attr("data-id", (d) => d.id)
      .each((d) => freshIds.add(d.id));
    changedEndpoints
      .select("circle")
      .attr("data-id", (d) => d.id)
      .attr("data-ip", (d) => d.ipv4Address ?? d.ipv6Address ?? "")
      .attr("fill", (d) => {
        const net = nodesById.get(d.target);
        return net?.kind === "network" ? DRIVER_STYLES[net.driverClass].color : MUTED;
      })
      .select("title")
      .text(endpointTooltip);
    changedEndpoints.select<SVGTextElement>("text").text(ipLabel);
    changedEndpoints.select(":scope > title").text(endpointTooltip);
    activate(
      changedEndpoints,
      (d) => ({ kind: "endpoint", id: d.id }),
      (d) =>
        `endpoint of ${d.containerName} on ${d.networkName}${ipLabel(d) ? `, ${ipLabel(d)}` : ""}`,
    );

    portLabelSel = labelLayer
      .selectAll<SVGTextElement, PortLink>("text.port-label")
      .data(portLinks, (d) => d.id)
      .join(
        (enter) => enter.append("text").each(collect),
        (update) => update,
        (exit) => fadeOut(exit, "port-label"),
      )
      .classed("port-label", true);
    const changedPortLabels = changed(portLabelSel)
      .each((d) => freshIds.add(d.id))
      .attr("data-testid", "port-label")
      .attr("data-id", (d) => d.id)
      .attr("font-family", MONO)
      .attr("font-size", PORT_FONT)
      .attr("fill", PORTS_COLOR)
      .attr("paint-order", "stroke")
      .attr("stroke", BG)
      .attr("stroke-width", 3.5)
      .attr("stroke-linejoin", "round")
      .each(function (d) {
        select(this)
          .selectAll<SVGTSpanElement, string>("tspan")
          .data(d.lines)
          .join("tspan")
          .attr("x", 0)
          .attr("dy", (_l, i) => (i === 0 ? 0 : LABEL_LINE_H))
          .text((l) => l);
      });
    activate(
      changedPortLabels,
      () => ({ kind: "hostPorts", id: HOST_PORTS_NODE_ID }),
      (d) => `published ports of ${d.containerName}`,
    );

    if (highlight) markNew(entered);
    applySelection();
  }

  // ---- per-tick placement ----

  function pos(id: string): Point | undefined {
    return lastPositions.get(id);
  }

  function endpointGeometry(link: EndpointLink) {
    const s = pos(link.source);
    const t = pos(link.target);
    const size = sizes.get(link.source);
    if (!s || !t || !size) return null;
    const port = rectBorderPoint(s, size, t);
    return { port, hub: t, dx: t.x - s.x, dy: t.y - s.y, size, center: s };
  }

  /** The nodes whose position or size differs from what was last drawn; records the new ones. */
  function takeMoved(positions: Positions): Set<string> {
    const moved = new Set<string>();
    for (const node of model.nodes) {
      const p = positions.get(node.id);
      const size = sizes.get(node.id);
      if (!p || !size) continue;
      const was = drawnAt.get(node.id);
      if (was && was.x === p.x && was.y === p.y && was.w === size.width && was.h === size.height) {
        continue;
      }
      moved.add(node.id);
      drawnAt.set(node.id, { x: p.x, y: p.y, w: size.width, h: size.height });
    }
    return moved;
  }

  function render(positions: Positions) {
    lastPositions = positions;
    const moved = takeMoved(positions);
    if (moved.size === 0 && freshIds.size === 0) return;
    const touched = (d: { id: string; source: string; target: string }) =>
      moved.has(d.source) || moved.has(d.target) || freshIds.has(d.id);

    nodeSel
      .filter((d) => moved.has(d.id) || freshIds.has(d.id))
      .attr("transform", (d) => {
        const p = pos(d.id);
        return p ? `translate(${p.x},${p.y})` : null;
      });

    endpointLinkSel.filter(touched).each(function (d) {
      const geo = endpointGeometry(d);
      if (!geo) return;
      select(this)
        .attr("x1", geo.port.x)
        .attr("y1", geo.port.y)
        .attr("x2", geo.hub.x)
        .attr("y2", geo.hub.y);
    });

    stoppedLinkSel.filter(touched).each(function (d) {
      const s = pos(d.source);
      const t = pos(d.target);
      const size = sizes.get(d.source);
      if (!s || !t || !size) return;
      const from = rectBorderPoint(s, size, t);
      select(this).attr("x1", from.x).attr("y1", from.y).attr("x2", t.x).attr("y2", t.y);
    });

    const portGeo = new Map<string, { from: Point; to: Point }>();
    portLinkSel.filter(touched).each(function (d) {
      const s = pos(d.source);
      const t = pos(d.target);
      const sSize = sizes.get(d.source);
      const tSize = sizes.get(d.target);
      if (!s || !t || !sSize || !tSize) return;
      const from = rectBorderPoint(s, sSize, t);
      const to = rectBorderPoint(t, tSize, s);
      portGeo.set(d.id, { from, to });
      select(this).attr("x1", from.x).attr("y1", from.y).attr("x2", to.x).attr("y2", to.y);
    });

    endpointSel.filter(touched).each(function (d) {
      const geo = endpointGeometry(d);
      if (geo) select(this).select("circle").attr("cx", geo.port.x).attr("cy", geo.port.y);
    });
    placeLinkLabels(portGeo, touched);
    freshIds.clear();
  }

  function obstacles(): Rect[] {
    const rects: Rect[] = [];
    for (const node of model.nodes) {
      const p = pos(node.id);
      const size = sizes.get(node.id);
      if (!p || !size) continue;
      if (node.kind === "network") {
        rects.push({ x0: p.x - HUB_R, y0: p.y - HUB_R, x1: p.x + HUB_R, y1: p.y + HUB_R });
        const lines = networkLabelLines(node);
        const width = Math.max(
          node.name.length * 12 * SANS_ADVANCE,
          ...lines.map((l) => l.length * 10.5 * MONO_ADVANCE),
        );
        rects.push({
          x0: p.x - width / 2,
          y0: p.y + HUB_R + 5,
          x1: p.x + width / 2,
          y1: p.y + HUB_R + 19 + lines.length * LABEL_LINE_H,
        });
      } else {
        rects.push({
          x0: p.x - size.width / 2,
          y0: p.y - size.height / 2,
          x1: p.x + size.width / 2,
          y1: p.y + size.height / 2,
        });
      }
    }
    return rects;
  }

  // Endpoint IPs go beside their port, published ports beside their sandbox; each takes the first
  // nearby spot that covers no node and no other label, so dense maps stay readable.
  function placeLinkLabels(
    portGeo: Map<string, { from: Point; to: Point }>,
    touched: (d: { id: string; source: string; target: string }) => boolean,
  ) {
    const requests: LabelRequest[] = [];
    const endpointLabels = endpointSel.filter(touched);
    const portLabels = portLabelSel.filter(touched);
    endpointLabels.each((d) => {
      const label = ipLabel(d);
      const geo = endpointGeometry(d);
      if (!label || !geo) return;
      requests.push({
        id: d.id,
        from: geo.port,
        to: geo.hub,
        offsets: [4, 20, 38, 0.5],
        width: label.length * ENDPOINT_FONT * MONO_ADVANCE,
        lines: 1,
      });
    });
    portLabels.each((d) => {
      const geo = portGeo.get(d.id);
      if (!geo) return;
      requests.push({
        id: d.id,
        from: geo.to,
        to: geo.from,
        offsets: [10, 0.3, 0.45, 0.6],
        width: Math.max(...d.lines.map((l) => l.length)) * PORT_FONT * MONO_ADVANCE,
        lines: d.lines.length,
      });
    });
    if (requests.length === 0) return;
    for (const r of requests) labelSpots.delete(r.id);
    const kept = [...labelSpots.values()].map((spot) => spot.rect);
    const placed = placeLabels(requests, [...obstacles(), ...kept]);
    for (const [id, spot] of placed) labelSpots.set(id, spot);
    endpointLabels.select<SVGTextElement>("text").each(function (d) {
      const spot = placed.get(d.id);
      if (spot) select(this).attr("x", spot.x).attr("y", spot.y).attr("text-anchor", spot.anchor);
    });
    portLabels.each(function (d) {
      const spot = placed.get(d.id);
      if (!spot) return;
      const text = select(this)
        .attr("x", spot.x)
        .attr("y", spot.y)
        .attr("text-anchor", spot.anchor);
      text.selectAll("tspan").attr("x", spot.x);
    });
  }

  // ---- selection ----

  function relatedTo(target: GraphTarget): {
    nodes: Set<string>;
    links: Set<string>;
    primary: Set<string>;
  } {
    const nodes = new Set<string>();
    const links = new Set<string>();
    const primary = new Set<string>();
    const addNode = (id: string) => {
      nodes.add(id);
      for (const l of model.links) {
        if (l.source === id || l.target === id) {
          links.add(l.id);
          nodes.add(l.source);
          nodes.add(l.target);
        }
      }
    };
    if (target.kind === "endpoint") {
      const link = model.links.find((l) => l.id === target.id);
      if (link) {
        links.add(link.id);
        primary.add(link.id);
        nodes.add(link.source);
        nodes.add(link.target);
      }
    } else if (target.kind === "container") {
      const node = model.nodes.find(
        (n) => n.kind === "sandbox" && n.containerIds.includes(target.id),
      );
      if (node) {
        primary.add(node.id);
        addNode(node.id);
      }
    } else if (nodesById.has(target.id)) {
      primary.add(target.id);
      addNode(target.id);
    }
    return { nodes, links, primary };
  }

  function applySelection() {
    const related = selection ? relatedTo(selection) : null;
    const active = related !== null && (related.nodes.size > 0 || related.links.size > 0);
    const nodeOpacity = (d: GraphNode) =>
      !active || related.nodes.has(d.id)
        ? d.kind === "sandbox" && d.stopped
          ? stoppedOpacity(d)
          : 1
        : DIM_OPACITY;
    const linkOpacity = (d: GraphLink) => (!active || related.links.has(d.id) ? null : DIM_OPACITY);

    nodeSel.attr("opacity", nodeOpacity);
    nodeSel
      .select(".select-ring")
      .attr("visibility", (d) => (active && related.primary.has(d.id) ? "visible" : "hidden"));
    nodeSel
      .selectAll<SVGTextElement, { id: string }>("text.container-name")
      .attr("text-decoration", (d) =>
        selection?.kind === "container" && d.id === selection.id ? "underline" : null,
      );
    endpointLinkSel
      .attr("opacity", linkOpacity)
      .attr("stroke-width", (d) => (active && related.primary.has(d.id) ? 3 : 1.6));
    stoppedLinkSel.attr("opacity", linkOpacity);
    portLinkSel.attr("opacity", linkOpacity);
    portLabelSel.attr("opacity", linkOpacity);
    endpointSel.attr("opacity", linkOpacity);
    endpointSel
      .select("circle")
      .attr("r", (d) => (active && related.primary.has(d.id) ? PORT_R + 2 : PORT_R))
      .attr("stroke", (d) => (active && related.primary.has(d.id) ? SELECT_COLOR : BG));
  }

  function setSelection(target: GraphTarget | null) {
    selection = target;
    // Selecting something else ends following what was focused.
    if (focused && !sameTarget(focused.target, target)) focused = null;
    applySelection();
  }

  // ---- view ----

  /** Where a target is drawn: a node's centre, or an endpoint's port on its box. */
  function pointOf(target: GraphTarget): Point | null {
    if (target.kind === "endpoint") {
      const link = model.links.find(
        (l): l is EndpointLink => l.kind === "endpoint" && l.id === target.id,
      );
      return link ? (endpointGeometry(link)?.port ?? null) : null;
    }
    const nodeId =
      target.kind === "container"
        ? model.nodes.find((n) => n.kind === "sandbox" && n.containerIds.includes(target.id))?.id
        : target.id;
    const p = nodeId === undefined ? undefined : pos(nodeId);
    // A copy: the layout moves its own points in place.
    return p && Number.isFinite(p.x) && Number.isFinite(p.y) ? { x: p.x, y: p.y } : null;
  }

  function centreOn(p: Point, insetRight: number) {
    const width = viewWidth;
    const height = viewHeight;
    if (width === 0 || height === 0) return;
    // Too little room beside the panel: centre in the whole view and let the panel overlap.
    const visibleWidth = width - insetRight >= 240 ? width - insetRight : width;
    const node = svg.node();
    const k = Math.max(node ? zoomTransform(node).k : 1, FOCUS_MIN_SCALE);
    const transform = zoomIdentity
      .translate(visibleWidth / 2, height / 2)
      .scale(k)
      .translate(-p.x, -p.y);
    svg.transition().duration(FOCUS_MS).call(zoomBehavior.transform, transform);
  }

  function focus(target: GraphTarget, options: FocusOptions = {}) {
    setSelection(target);
    const at = pointOf(target);
    if (!at) {
      focused = null;
      return;
    }
    const insetRight = options.insetRight ?? 0;
    focused = { target, insetRight, at };
    centreOn(at, insetRight);
    // The view is now the person's choice: a settling layout must not re-fit it away.
    userMoved = true;
  }

  function refocus(): boolean {
    if (!focused) return false;
    const at = pointOf(focused.target);
    if (at && Math.hypot(at.x - focused.at.x, at.y - focused.at.y) > 4) {
      focused.at = at;
      centreOn(at, focused.insetRight);
    }
    return true;
  }

  /** The box around every node, with room for the labels that hang outside them. */
  function bounds(positions: Positions) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const node of model.nodes) {
      const p = positions.get(node.id);
      const size = sizes.get(node.id);
      if (!p || !size || !Number.isFinite(p.x)) continue;
      minX = Math.min(minX, p.x - size.width / 2);
      maxX = Math.max(maxX, p.x + size.width / 2);
      minY = Math.min(minY, p.y - size.height / 2);
      maxY = Math.max(maxY, p.y + size.height / 2);
    }
    if (!Number.isFinite(minX)) return null;
    const margin = 70;
    return {
      minX: minX - margin,
      maxX: maxX + margin,
      minY: minY - margin / 2,
      maxY: maxY + margin / 2,
    };
  }

  function fit(positions: Positions, instant = false) {
    focused = null;
    const width = viewWidth;
    const height = viewHeight;
    const box = bounds(positions);
    if (width === 0 || height === 0 || !box) return;
    const { minX, maxX, minY, maxY } = box;
    const scale = Math.min(1.5, width / (maxX - minX), height / (maxY - minY));
    const transform = zoomIdentity
      .translate(width / 2, height / 2)
      .scale(scale)
      .translate(-(minX + maxX) / 2, -(minY + maxY) / 2);
    if (instant) svg.call(zoomBehavior.transform, transform);
    else svg.transition().duration(450).call(zoomBehavior.transform, transform);
    userMoved = false;
  }

  function showsAll(positions: Positions): boolean {
    const box = bounds(positions);
    const node = svg.node();
    if (!box || !node) return true;
    const t = zoomTransform(node);
    const [x0, y0] = t.invert([0, 0]);
    const [x1, y1] = t.invert([viewWidth, viewHeight]);
    return box.minX >= x0 && box.maxX <= x1 && box.minY >= y0 && box.maxY <= y1;
  }

  function zoomBy(factor: number) {
    svg.transition().duration(200).call(zoomBehavior.scaleBy, factor);
    userMoved = true;
    focused = null;
  }

  return {
    measure: measureNode,
    setData,
    render,
    setSelection,
    focus,
    refocus,
    fit,
    showsAll,
    resize(width, height) {
      viewWidth = width;
      viewHeight = height;
    },
    zoomBy,
    userMovedView: () => userMoved,
    destroy() {
      for (const timer of newTimers) clearTimeout(timer);
      newTimers.clear();
      svg.interrupt();
      svg.on(".zoom", null);
      svg.remove();
    },
  };
}
