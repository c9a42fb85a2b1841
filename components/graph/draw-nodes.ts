// Drawing one node of the graph (a network hub, a sandbox box with its published ports) inside
// its group, from its datum alone; positions are set by the renderer on each tick.
import { DRIVER_STYLES } from "@/lib/graph/drivers";
import type { GraphNode, NetworkNode, SandboxNode } from "@/lib/graph/graph-model";
import type { GraphTarget } from "@/lib/graph/selection";
import { centredBox, joinBox, joinSelectRing } from "./draw-box";
import { activate, type AnySelection } from "./d3-joins";
import { driverSymbolPath } from "./driver-symbols";
import { drawGroup, groupTooltip } from "./draw-groups";
import { drawRemoteTask, drawService, drawSwarmSandbox } from "./draw-swarm";
import {
  BG,
  BOX_FILL,
  BOX_STROKE,
  DOT_SPACE,
  FAILED_STROKE,
  FAILED_TEXT,
  HEADER_COLOR,
  HEADER_H,
  HOST_FILL,
  HOST_STROKE,
  HUB_OUTLINE,
  HUB_R,
  HUB_SIZE,
  LABEL_LINE_H,
  LINE_H,
  MAX_NAME_CHARS,
  MONO,
  MUTED,
  NAME_FONT,
  PAD_X,
  PORT_FONT,
  PORTS_COLOR,
  PORTS_FILL,
  SANS,
  SELECT_COLOR,
  STATE_COLORS,
  TEXT,
  TEXT_SOFT,
  failedNode,
  isSwarmSandbox,
  networkLabelLines,
  loopbackChip,
  portChipLayout,
  portChipTooltip,
  networkTooltip,
  sandboxTooltip,
  sandboxContentTop,
  sandboxHeader,
  stoppedOpacity,
  truncate,
  type PlacedChip,
  type Size,
} from "./graph-style";

/** Draw (or redraw) a node's group; clicking a container's name inside a box selects it. */
export function drawNode(
  g: AnySelection<SVGGElement, GraphNode>,
  node: GraphNode,
  size: Size,
  onSelect: (target: GraphTarget) => void,
) {
  switch (node.kind) {
    case "network":
      return drawNetwork(g, node);
    case "sandbox":
      return isSwarmSandbox(node)
        ? drawSwarmSandbox(g, node, size)
        : drawSandbox(g, node, size, onSelect);
    case "service":
      return drawService(g, node, size);
    case "remoteTask":
      return drawRemoteTask(g, node, size);
    case "group":
      return drawGroup(g, node, size);
  }
}

/** What a screen reader says for a node. */
export function nodeLabel(d: GraphNode): string {
  switch (d.kind) {
    case "network":
      return `network ${d.name}`;
    case "sandbox":
      if (isSwarmSandbox(d)) return d.title ?? "swarm namespace";
      return `${d.sandboxKind === "host" ? "host network namespace" : "sandbox"}: ${d.containerNames.join(", ")}`;
    case "service":
      return `service ${d.summary}`;
    case "remoteTask":
      return `task ${d.label} on ${d.nodeHostname ?? "no node"}, not reached`;
    case "group":
      return groupTooltip(d).replaceAll("\n", ", ");
  }
}

function drawNetwork(g: AnySelection<SVGGElement, GraphNode>, node: NetworkNode) {
  const style = DRIVER_STYLES[node.driverClass];
  g.attr("data-testid", "graph-network")
    .attr("data-id", node.id)
    .attr("data-name", node.name)
    .attr("data-driver", node.driver);

  g.selectAll("title").data([null]).join("title").text(networkTooltip(node));

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
    .attr("stroke", node.internal ? style.color : HUB_OUTLINE)
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
            ? FAILED_TEXT
            : MUTED
          : TEXT_SOFT,
    )
    .attr("paint-order", "stroke")
    .attr("stroke", BG)
    .attr("stroke-width", 3)
    .attr("stroke-linejoin", "round")
    .text((d) => d.text);
}

function drawSandbox(
  g: AnySelection<SVGGElement, GraphNode>,
  node: SandboxNode,
  size: Size,
  onSelect: (target: GraphTarget) => void,
) {
  const isHost = node.sandboxKind === "host";
  const header = sandboxHeader(node);
  g.attr("data-testid", "graph-sandbox")
    .attr("data-id", node.id)
    .attr("data-kind", node.sandboxKind)
    .attr("data-failed", failedNode(node) ? "true" : null)
    .attr("opacity", node.stopped ? stoppedOpacity(node) : null);

  g.selectAll("title").data([null]).join("title").text(sandboxTooltip(node));

  joinBox(g, centredBox(size, 7))
    .attr("fill", isHost ? HOST_FILL : BOX_FILL)
    .attr("stroke", isHost ? HOST_STROKE : failedNode(node) ? FAILED_STROKE : BOX_STROKE)
    .attr("stroke-width", isHost ? 1.8 : 1.2)
    .attr("stroke-dasharray", node.stopped ? "5 4" : null);

  drawPortChips(g, node, size, onSelect);
  const contentTop = sandboxContentTop(node, size);
  g.selectAll<SVGTextElement, string>("text.box-header")
    .data(header ? [header] : [])
    .join("text")
    .attr("class", "box-header")
    .attr("x", -size.width / 2 + PAD_X)
    .attr("y", contentTop + 10)
    .attr("font-family", SANS)
    .attr("font-size", 9.5)
    .attr("font-weight", 600)
    .attr("letter-spacing", "0.04em")
    .attr("fill", isHost ? HOST_STROKE : node.stopped ? FAILED_STROKE : HEADER_COLOR)
    .text((d) => d.toUpperCase());

  const top = contentTop + (header ? HEADER_H : 0);
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
    .attr("fill", (d) => (d.state === "running" ? PORTS_COLOR : FAILED_STROKE))
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
    .attr("fill", (d) => (d.i === 0 || isHost ? TEXT : TEXT_SOFT))
    .text((d) => truncate(d.name, MAX_NAME_CHARS));
  // Clicking a name inside a shared box selects that container, not the whole sandbox.
  names.style("cursor", "pointer").on("click", (event: MouseEvent, d) => {
    event.stopPropagation();
    if (d.id) onSelect({ kind: "container", id: d.id });
  });

  joinSelectRing(g, centredBox(size, 7), 10);
}

/**
 * A box's published ports: a strip of chips along its top edge. A chip picks the host's port
 * table (the box's rows first); highlights light a chip by its id, as they do a link.
 */
function drawPortChips(
  g: AnySelection<SVGGElement, GraphNode>,
  node: SandboxNode,
  size: Size,
  onSelect: (target: GraphTarget) => void,
) {
  const chips = g
    .selectAll<SVGGElement, PlacedChip>("g.port-chip")
    .data(portChipLayout(node, size), (d) => d.id)
    .join((enter) => {
      const chip = enter.append("g").attr("class", "port-chip");
      chip.append("title");
      chip.append("rect");
      chip.append("text");
      return chip;
    })
    .attr("data-testid", "port-chip")
    .attr("data-id", (d) => d.id)
    .attr("data-container-id", (d) => d.chip?.containerId ?? null)
    .attr("transform", (d) => `translate(${d.x},${d.y})`);
  chips.select("title").text(portChipTooltip);
  chips
    .select("rect")
    .attr("width", (d) => d.width)
    .attr("height", (d) => d.height)
    .attr("rx", 4)
    .attr("fill", PORTS_FILL)
    .attr("stroke", PORTS_COLOR)
    .attr("stroke-width", 1)
    // A loopback binding answers the host only: drawn dashed.
    .attr("stroke-dasharray", (d) => (loopbackChip(d) ? "3 2" : null));
  chips
    .select("text")
    .attr("x", (d) => d.width / 2)
    .attr("y", (d) => d.height / 2 + 3.5)
    .attr("text-anchor", "middle")
    .attr("font-family", MONO)
    .attr("font-size", PORT_FONT)
    .attr("fill", PORTS_COLOR)
    .text((d) => d.label);
  activate(
    chips,
    () => ({ kind: "hostPorts", id: node.id }),
    (d) => (d.chip ? `published port ${d.label} of ${d.chip.containerName}` : d.label),
    onSelect,
  );
}
