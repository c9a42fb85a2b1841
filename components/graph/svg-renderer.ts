// The drawing half of the graph: SVG via d3-selection joins keyed by id. It never decides where
// anything goes; positions come from the layout on every tick. Nodes are drawn by draw-nodes,
// dragged by drag-to-connect, labelled by link-labels, viewed through view-control and emphasised
// by highlight-layer; this file joins the data and places what moved.
import { select } from "d3";
import { DRIVER_STYLES } from "@/lib/graph/drivers";
import type {
  EndpointLink,
  GraphLink,
  GraphModel,
  GraphNode,
  StoppedLink,
} from "@/lib/graph/graph-model";
import type { TaskLink } from "@/lib/graph/swarm-graph";
import type { GraphHighlight } from "@/lib/graph/highlight";
import { nodeIdOfTarget, type GraphTarget } from "@/lib/graph/selection";
import { activate, changed, createNewMarks, fadeOut, type AnySelection } from "./d3-joins";
import { createNodeDrag } from "./drag-to-connect";
import { enterEndpoint, styleEndpointLinks, styleEndpoints, styleStoppedLinks } from "./draw-links";
import { createGroupLinkLayer } from "./draw-groups";
import { drawNode, nodeLabel } from "./draw-nodes";
import { createRegionLayer } from "./draw-regions";
import { styleTaskLinks } from "./draw-swarm";
import type { Point, Positions } from "./force-layout";
import {
  BG,
  HUB_R,
  PORT_R,
  SELECT_COLOR,
  measureNode,
  rectBorderPoint,
  targetOfNode,
  type PlacedChip,
  type Size,
} from "./graph-style";
import { computeEmphasis } from "./emphasis";
import { createHighlightLayer, type NodeBox } from "./highlight-layer";
import { createLinkLabels } from "./link-labels";
import type { GraphRenderer, RendererCallbacks, SetDataOptions } from "./renderer-types";
import { createViewControl, nodesBounds, svgSurface } from "./view-control";

export type { GraphTarget, SelectionKind as GraphTargetKind } from "@/lib/graph/selection";
export type {
  FocusOptions,
  GraphRenderer,
  RendererCallbacks,
  SetDataOptions,
} from "./renderer-types";

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
  const regionLayer = viewport.append("g").attr("class", "regions");
  const linkLayer = viewport.append("g").attr("class", "links");
  const marksBelow = viewport.append("g").attr("class", "marks-below");
  const nodeLayer = viewport.append("g").attr("class", "nodes");
  const endpointLayer = viewport.append("g").attr("class", "endpoints");
  const marksAbove = viewport.append("g").attr("class", "marks-above");

  let model: GraphModel = { nodes: [], links: [], regions: [] };
  const nodesById = new Map<string, GraphNode>();
  const sizes = new Map<string, Size>();
  let selection: GraphTarget | null = null;
  let lastPositions: Positions = new Map();
  // What was last drawn where: a tick redraws only the nodes that moved and what hangs off them,
  // so a 500-container map that has settled costs nothing per frame but its newcomers.
  const drawnAt = new Map<string, { x: number; y: number; w: number; h: number }>();
  /** Ids of elements entered by the last setData, not yet given coordinates. */
  const freshIds = new Set<string>();
  /** Whether anything has been drawn yet: the first data is never highlighted as new. */
  let drawn = false;
  const newMarks = createNewMarks();

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
  let taskLinkSel: AnySelection<SVGLineElement, TaskLink> = linkLayer.selectAll<
    SVGLineElement,
    TaskLink
  >("line.task-link");
  let endpointSel: AnySelection<SVGGElement, EndpointLink> = endpointLayer.selectAll<
    SVGGElement,
    EndpointLink
  >("g.endpoint");
  /** Every box's published-port chips (drawn with the box), for the highlight to light. */
  let portChipSel: AnySelection<SVGGElement, PlacedChip> = nodeLayer.selectAll<
    SVGGElement,
    PlacedChip
  >("g.port-chip");

  const view = createViewControl(
    svgSurface(svg, viewport),
    { pointOf, bounds },
    { width: container.clientWidth, height: container.clientHeight },
    callbacks.onViewChange,
  );
  const labels = createLinkLabels({
    nodes: () => model.nodes,
    positionOf: pos,
    sizeOf: (id) => sizes.get(id),
    endpointGeometry,
  });
  const highlightLayer = createHighlightLayer(marksBelow, marksAbove);
  const regions = createRegionLayer(
    regionLayer,
    { nodes: () => model.nodes, positionOf: pos, sizeOf: (id) => sizes.get(id) },
    callbacks.onSelect,
  );
  const dragBehavior = createNodeDrag(
    {
      layer: nodeLayer,
      nodes: () => model.nodes,
      nodeSelection: () => nodeSel,
      positionOf: pos,
      onStart: () => view.stopFollowing(),
    },
    callbacks,
  );

  const groupLinks = createGroupLinkLayer(linkLayer, pos, (id) => sizes.get(id));

  function setData(next: GraphModel, options: SetDataOptions = {}) {
    const markEntered = drawn && (options.highlightNew ?? true);
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
    labels.keepOnly(linkIds);
    const nodeIds = new Set(next.nodes.map((n) => n.id));
    for (const id of drawnAt.keys()) if (!nodeIds.has(id)) drawnAt.delete(id);
    for (const node of next.nodes) {
      nodesById.set(node.id, node);
      sizes.set(node.id, measureNode(node));
    }
    const endpointLinks = next.links.filter((l): l is EndpointLink => l.kind === "endpoint");
    const stoppedLinks = next.links.filter((l): l is StoppedLink => l.kind === "stopped");
    const taskLinks = next.links.filter((l): l is TaskLink => l.kind === "task");
    regions.set(next.regions);

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
    taskLinkSel = joinLines("task-link", taskLinks);
    const colorOf = (networkId: string) => {
      const net = nodesById.get(networkId);
      return net?.kind === "network" ? DRIVER_STYLES[net.driverClass].color : undefined;
    };
    styleEndpointLinks(changed(endpointLinkSel), colorOf);
    styleStoppedLinks(changed(stoppedLinkSel));
    styleTaskLinks(changed(taskLinkSel));
    groupLinks.set(next.links, colorOf, collect);

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
        const size = sizes.get(d.id) ?? measureNode(d);
        drawNode(select<SVGGElement, GraphNode>(this), d, size, callbacks.onSelect);
      })
      .on("dblclick", (event: MouseEvent, d) => {
        event.stopPropagation();
        callbacks.onRelease(d.id);
      });
    activate(changedNodes, targetOfNode, nodeLabel, callbacks.onSelect);
    portChipSel = nodeSel.selectAll<SVGGElement, PlacedChip>("g.port-chip");

    // Endpoints: a port on the sandbox box, above the boxes so they stay visible.
    endpointSel = endpointLayer
      .selectAll<SVGGElement, EndpointLink>("g.endpoint")
      .data(endpointLinks, (d) => d.id)
      .join(
        (enter) => enterEndpoint(enter).each(collect),
        (update) => update,
        (exit) => fadeOut(exit, "endpoint"),
      );
    // A changed label needs placing again even where nothing moved.
    styleEndpoints(
      changed(endpointSel).each((d) => freshIds.add(d.id)),
      colorOf,
      callbacks.onSelect,
    );

    if (markEntered) newMarks.mark(entered);
    applySelection();
    applyHighlight();
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
    return { port: rectBorderPoint(s, size, t), hub: t };
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
    highlightLayer.place(boxOf, moved);
    if (moved.size === 0 && freshIds.size === 0) return;
    if (model.regions.length > 0) regions.place();
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

    taskLinkSel.filter(touched).each(function (d) {
      const s = pos(d.source);
      const t = pos(d.target);
      const sSize = sizes.get(d.source);
      const tSize = sizes.get(d.target);
      if (!s || !t || !sSize || !tSize) return;
      const from = rectBorderPoint(s, sSize, t);
      const to = rectBorderPoint(t, tSize, s);
      select(this).attr("x1", from.x).attr("y1", from.y).attr("x2", to.x).attr("y2", to.y);
    });
    groupLinks.place(touched);

    endpointSel.filter(touched).each(function (d) {
      const geo = endpointGeometry(d);
      if (geo) select(this).select("circle").attr("cx", geo.port.x).attr("cy", geo.port.y);
    });
    labels.place(endpointSel, touched, moved);
    freshIds.clear();
  }

  // ---- selection ----

  function applySelection() {
    const emphasis = computeEmphasis(model, selection, highlightLayer.current());
    const nodeOpacity = (d: GraphNode) => emphasis.nodeOpacity(d);
    const linkOpacity = (d: GraphLink) => {
      const opacity = emphasis.linkOpacity(d);
      return opacity === 1 ? null : opacity;
    };
    const primary = (d: { id: string }) => emphasis.primary(d.id);

    nodeSel.attr("opacity", nodeOpacity);
    nodeSel.select(".select-ring").attr("visibility", (d) => (primary(d) ? "visible" : "hidden"));
    nodeSel
      .selectAll<SVGTextElement, { id: string }>("text.container-name")
      .attr("text-decoration", (d) =>
        selection?.kind === "container" && d.id === selection.id ? "underline" : null,
      );
    endpointLinkSel
      .attr("opacity", linkOpacity)
      .attr("stroke-width", (d) => (primary(d) ? 3 : 1.6));
    stoppedLinkSel.attr("opacity", linkOpacity);
    taskLinkSel.attr("opacity", linkOpacity);
    groupLinks.selection().attr("opacity", linkOpacity);
    endpointSel.attr("opacity", linkOpacity);
    endpointSel
      .select("circle")
      .attr("r", (d) => (primary(d) ? PORT_R + 2 : PORT_R))
      .attr("stroke", (d) => (primary(d) ? SELECT_COLOR : BG));
  }

  function setSelection(target: GraphTarget | null) {
    selection = target;
    regions.setSelection(target);
    // Selecting something else ends following what was focused.
    view.stopFollowing(target);
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
    const nodeId = nodeIdOfTarget(model, target);
    const p = nodeId === undefined ? undefined : pos(nodeId);
    // A copy: the layout moves its own points in place.
    return p && Number.isFinite(p.x) && Number.isFinite(p.y) ? { x: p.x, y: p.y } : null;
  }

  /** The box around every node (or those of `ids`), with room for labels and region backdrops. */
  function bounds(positions: Positions, ids?: ReadonlySet<string>) {
    return nodesBounds(model.nodes, positions, sizes, ids, model.regions.length > 0);
  }

  // ---- highlight ----

  /** Where a node is drawn, for the highlight's marks: a hub is its round symbol, not its labels. */
  function boxOf(id: string): NodeBox | null {
    const p = pos(id);
    const size = sizes.get(id);
    if (!p || !size || !Number.isFinite(p.x)) return null;
    if (nodesById.get(id)?.kind === "network") {
      return { x: p.x, y: p.y, halfWidth: HUB_R, halfHeight: HUB_R, round: true };
    }
    return { x: p.x, y: p.y, halfWidth: size.width / 2, halfHeight: size.height / 2, round: false };
  }

  function applyHighlight() {
    highlightLayer.applyToNodes(nodeSel);
    highlightLayer.applyToLinks(endpointLinkSel);
    highlightLayer.applyToLinks(stoppedLinkSel);
    highlightLayer.applyToLinks(taskLinkSel);
    highlightLayer.applyToLinks(groupLinks.selection());
    highlightLayer.applyToLinks(endpointSel);
    highlightLayer.applyToLinks(portChipSel);
  }

  function setHighlight(next: GraphHighlight | null) {
    highlightLayer.set(next);
    applyHighlight();
    applySelection();
    highlightLayer.place(boxOf, null);
  }

  return {
    measure: measureNode,
    setData,
    render,
    // Its elements change at once: nothing waits for a frame.
    flush() {},
    setSelection,
    setHighlight,
    focus(target, options = {}) {
      setSelection(target);
      view.focus(target, options.insetRight ?? 0);
    },
    refocus: () => view.refocus(),
    fit: (positions, instant) => view.fit(positions, instant),
    showsAll: (positions) => view.showsAll(positions),
    frame(ids, options = {}) {
      view.frame(bounds(lastPositions, new Set(ids)), options.insetRight ?? 0);
    },
    resize: (width, height) => view.resize(width, height),
    zoomBy: (factor) => view.zoomBy(factor),
    setView: (next) => view.setView(next),
    userMovedView: () => view.userMovedView(),
    destroy() {
      newMarks.clear();
      view.destroy();
      svg.remove();
    },
  };
}
