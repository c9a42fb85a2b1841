// The map on one <canvas>, for maps too big for SVG: at 2,000 containers Chromium spent seconds
// restyling and repainting ~15,000 SVG elements on every layout step and patch, while a canvas
// frame of the same map paints in a few milliseconds. Everything the SVG map offers a person is
// here too — selection, hover details, drag-to-connect, pinning, the highlight of a reachability
// answer, new and removed things glowing and fading, stopped/failed/down styles — by hit-testing
// the layout's positions instead of DOM events on elements.
import { drag, pointer, select, zoomIdentity, type ZoomTransform } from "d3";
import type { EndpointLink, GraphModel, GraphNode } from "@/lib/graph/graph-model";
import type { GraphHighlight } from "@/lib/graph/highlight";
import { nodeIdOfTarget, type GraphTarget } from "@/lib/graph/selection";
import { DRIVER_STYLES } from "@/lib/graph/drivers";
import { readPalette } from "./canvas-palette";
import { endpointPort, type Ghost } from "./canvas-frame";
import { paintFrame, paintLive } from "./canvas-paint";
import { createDragCore } from "./drag-to-connect";
import { groupTooltip } from "./draw-groups";
import { nodeLabel } from "./draw-nodes";
import { computeEmphasis, type Emphasis } from "./emphasis";
import type { Point, Positions } from "./force-layout";
import {
  HEADER_H,
  HUB_R,
  LINE_H,
  PORT_R,
  endpointTooltip,
  measureNode,
  portChipLayout,
  portChipTooltip,
  isSwarmSandbox,
  networkTooltip,
  sandboxTooltip,
  sandboxContentTop,
  sandboxHeader,
  targetOfNode,
  type Size,
} from "./graph-style";
import type { GraphRenderer, RendererCallbacks, SetDataOptions } from "./renderer-types";
import { createViewControl, detailAt, nodesBounds, type Detail } from "./view-control";

/** How long a new node or link glows, and a removed one fades (as the SVG map's CSS does). */
const NEW_MS = 2000;
const EXIT_MS = 400;
/** Test hooks list at most this many ids entered by the last change. */
const ENTERED_LISTED = 200;

type Hit = { target: GraphTarget; tooltip: string };

export function createCanvasRenderer(
  container: HTMLElement,
  callbacks: RendererCallbacks,
): GraphRenderer {
  const canvas = select(container)
    .append("canvas")
    .attr("data-testid", "topology-canvas")
    .attr("role", "img")
    .attr("aria-label", "Docker network topology (search or the table select by keyboard)")
    .style("display", "block")
    .style("width", "100%")
    .style("height", "100%")
    .style("cursor", "grab")
    .style("touch-action", "none");
  const canvasNode = canvas.node()!;
  // The live layer (glows and fades, see paintLive) lies over the map; the pointer goes through.
  const live = select(container)
    .append("canvas")
    .attr("aria-hidden", "true")
    .style("position", "absolute")
    .style("inset", "0")
    .style("width", "100%")
    .style("height", "100%")
    .style("pointer-events", "none");
  const liveNode = live.node()!;
  const context = canvasNode.getContext("2d");
  const liveContext = liveNode.getContext("2d");
  if (!context || !liveContext) throw new Error("This browser gives no 2D canvas");
  const ctx = context;
  const liveCtx = liveContext;
  const tooltip = select(container)
    .append("div")
    .attr("data-testid", "canvas-tooltip")
    .attr("role", "tooltip")
    .attr(
      "class",
      "pointer-events-none absolute z-10 max-w-md whitespace-pre rounded border border-slate-600 bg-slate-900/95 px-2 py-1 font-mono text-xs text-slate-100 shadow",
    )
    .style("display", "none");

  let model: GraphModel = { nodes: [], links: [], regions: [] };
  const nodesById = new Map<string, GraphNode>();
  const sizes = new Map<string, Size>();
  const networkColors = new Map<string, string>();
  let positions: Positions = new Map();
  let selection: GraphTarget | null = null;
  let highlight: GraphHighlight | null = null;
  let emphasis: Emphasis = computeEmphasis(model, null, null);
  let palette = readPalette(container);
  let transform: ZoomTransform = zoomIdentity;
  let detail: Detail = detailAt(1);
  let width = container.clientWidth;
  let height = container.clientHeight;
  let dropTarget: string | null = null;
  /** When each new node or link arrived; it glows until NEW_MS after. */
  const entered = new Map<string, number>();
  /** Removed nodes and links, drawn fading where they were. */
  let ghosts: (Omit<Ghost, "alpha"> & { since: number })[] = [];
  let drawn = false;
  let frameRequest = 0;
  /** The map itself needs painting (else only the live layer moves); see redraw() and animate(). */
  let mapStale = true;
  let liveShown = false;
  const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");
  /** What the last change brought, published on the canvas once it is painted (see paint()). */
  let unpublished: { ids: string[]; ips: string[] } | null = null;
  let publishedSelectedAt: string | null = null;

  function sizeCanvas() {
    const dpr = window.devicePixelRatio || 1;
    for (const node of [canvasNode, liveNode]) {
      node.width = Math.max(1, Math.round(width * dpr));
      node.height = Math.max(1, Math.round(height * dpr));
    }
  }
  sizeCanvas();

  function redraw() {
    mapStale = true;
    animate();
  }

  function animate() {
    if (frameRequest === 0) frameRequest = requestAnimationFrame(paint);
  }

  function paint() {
    frameRequest = 0;
    const now = performance.now();
    for (const [id, since] of entered) {
      if (now - since <= NEW_MS) continue;
      entered.delete(id);
      // No longer new: far out, it goes back to a plain shape.
      mapStale = true;
    }
    ghosts = ghosts.filter((g) => now - g.since < EXIT_MS);
    const frame = {
      ctx,
      width,
      height,
      dpr: window.devicePixelRatio || 1,
      transform,
      detail,
      palette,
      model,
      positions,
      sizes,
      nodeOf: (id: string) => nodesById.get(id),
      colorOf: (id: string) => networkColors.get(id) ?? palette.muted,
      emphasis,
      highlight,
      isNew: (id: string) => entered.has(id),
      dropTarget,
    };
    if (mapStale) {
      mapStale = false;
      paintFrame(frame);
    }
    const moving = entered.size > 0 || ghosts.length > 0;
    if (moving || liveShown) {
      // Two pulses over NEW_MS, as the SVG map's nl-new-glow animation; a steady glow for those
      // who asked for less motion, as globals.css does.
      const glow = new Map<string, number>();
      for (const [id, since] of entered) {
        glow.set(
          id,
          reducedMotion.matches ? 0.8 : Math.abs(Math.sin(((now - since) / NEW_MS) * 2 * Math.PI)),
        );
      }
      paintLive(
        { ...frame, ctx: liveCtx },
        glow,
        ghosts.map((g) => ({ ...g, alpha: 0.6 * (1 - (now - g.since) / EXIT_MS) })),
      );
      liveShown = moving;
    }
    if (unpublished) {
      // For tests and the render benchmark, which have no elements to look for: what is drawn,
      // and what the last change brought, set once it is on screen.
      const count = (kind: string) => model.nodes.filter((n) => n.kind === kind).length;
      canvas
        .attr("data-sandboxes", count("sandbox"))
        .attr("data-networks", count("network"))
        .attr("data-endpoints", model.links.filter((l) => l.kind === "endpoint").length)
        .attr("data-entered", unpublished.ids.slice(0, ENTERED_LISTED).join(" "))
        .attr("data-entered-ips", unpublished.ips.slice(0, ENTERED_LISTED).join(" "));
      unpublished = null;
    }
    // Where the selection is on screen: a test (or a screen reader's helper) cannot ask pixels.
    const at = selection ? pointOf(selection) : null;
    const [sx, sy] = at ? transform.apply([at.x, at.y]) : [NaN, NaN];
    const selectedAt = at ? `${Math.round(sx)},${Math.round(sy)}` : null;
    // Written only when it moved: an attribute write every frame would restyle the canvas.
    if (selectedAt !== publishedSelectedAt) {
      publishedSelectedAt = selectedAt;
      canvas.attr("data-selected-at", selectedAt);
    }
    if (entered.size > 0 || ghosts.length > 0) animate();
  }

  // ---- hit-testing: what is under a point of the map ----

  function graphPoint(event: Event): Point {
    const [x, y] = pointer(event, canvasNode);
    const [gx, gy] = transform.invert([x, y]);
    return { x: gx, y: gy };
  }

  function endpointAt(p: Point): EndpointLink | null {
    const reach = PORT_R + 3 / transform.k;
    for (const link of model.links) {
      if (link.kind !== "endpoint") continue;
      const geo = endpointPort(link, positions, sizes);
      if (geo && Math.hypot(geo.port.x - p.x, geo.port.y - p.y) <= reach) return link;
    }
    return null;
  }

  /** The top-most node under `p`: the last drawn wins, as on the SVG map. */
  function nodeAt(p: Point): GraphNode | null {
    for (let i = model.nodes.length - 1; i >= 0; i--) {
      const node = model.nodes[i]!;
      const at = positions.get(node.id);
      const size = sizes.get(node.id);
      if (!at || !size) continue;
      if (node.kind === "network") {
        if (Math.hypot(at.x - p.x, at.y - p.y) <= HUB_R + 4) return node;
      } else if (
        Math.abs(at.x - p.x) <= size.width / 2 &&
        Math.abs(at.y - p.y) <= size.height / 2
      ) {
        return node;
      }
    }
    return null;
  }

  function hitAt(p: Point): Hit | null {
    const endpoint = endpointAt(p);
    if (endpoint) {
      return {
        target: { kind: "endpoint", id: endpoint.id },
        tooltip: endpointTooltip(endpoint),
      };
    }
    const node = nodeAt(p);
    if (!node) return null;
    const at = positions.get(node.id)!;
    const size = sizes.get(node.id)!;
    // A port chip picks the host's port table, this box's rows first, as on the SVG map.
    if (node.kind === "sandbox") {
      const chip = portChipLayout(node, size).find(
        (c) =>
          p.x >= at.x + c.x &&
          p.x <= at.x + c.x + c.width &&
          p.y >= at.y + c.y &&
          p.y <= at.y + c.y + c.height,
      );
      if (chip)
        return { target: { kind: "hostPorts", id: node.id }, tooltip: portChipTooltip(chip) };
    }
    // A shared box's rows: clicking a joiner's name selects that container, as on the SVG map.
    if (node.kind === "sandbox" && node.containerIds.length > 1) {
      const rowsTop = at.y + sandboxContentTop(node, size) + (sandboxHeader(node) ? HEADER_H : 0);
      const row = Math.floor((p.y - rowsTop) / LINE_H);
      const id = node.containerIds[row];
      if (row >= 0 && id) {
        const name = node.containerNames[row] ?? id;
        return { target: { kind: "container", id }, tooltip: `${name} (${nodeLabel(node)})` };
      }
    }
    const tooltip =
      node.kind === "network"
        ? networkTooltip(node)
        : node.kind === "sandbox" && !isSwarmSandbox(node)
          ? sandboxTooltip(node)
          : node.kind === "group"
            ? groupTooltip(node)
            : nodeLabel(node);
    return { target: targetOfNode(node), tooltip };
  }

  // ---- gestures: drag (registered before the zoom, so it wins on a node), click, hover ----

  const core = createDragCore(
    {
      nodes: () => model.nodes,
      positionOf: (id) => positions.get(id),
      onStart: () => view.stopFollowing(),
      showDropTarget(id) {
        dropTarget = id;
        canvas.attr("data-drop-target", id);
        redraw();
      },
    },
    callbacks,
  );
  type DragSubject = { node: GraphNode; x: number; y: number };
  canvas.call(
    drag<HTMLCanvasElement, unknown, DragSubject | undefined>()
      .container(canvasNode)
      .clickDistance(4)
      .subject((event: { sourceEvent: Event }) => {
        const node = nodeAt(graphPoint(event.sourceEvent));
        const at = node ? positions.get(node.id) : undefined;
        if (!node || !at) return undefined;
        // In screen pixels: d3 adds the pointer's movement in the same units.
        const [x, y] = transform.apply([at.x, at.y]);
        return { node, x, y };
      })
      .on("start", (event: { subject: DragSubject }) => {
        core.start(event.subject.node);
        canvas.style("cursor", "grabbing");
      })
      .on("drag", (event: { subject: DragSubject; x: number; y: number; sourceEvent: Event }) => {
        const [x, y] = transform.invert([event.x, event.y]);
        core.move(event.subject.node, { x, y }, graphPoint(event.sourceEvent));
      })
      .on("end", (event: { subject: DragSubject; sourceEvent: Event }) => {
        canvas.style("cursor", "grab");
        core.end(event.subject.node, graphPoint(event.sourceEvent));
      }),
  );
  canvas
    .on("click", (event: MouseEvent) => {
      const hit = hitAt(graphPoint(event));
      if (hit) callbacks.onSelect(hit.target);
    })
    .on("dblclick", (event: MouseEvent) => {
      const node = nodeAt(graphPoint(event));
      if (node) callbacks.onRelease(node.id);
    })
    .on("pointermove", (event: PointerEvent) => {
      if (event.buttons !== 0) return;
      const hit = hitAt(graphPoint(event));
      canvas.style("cursor", hit ? "pointer" : "grab");
      if (!hit) {
        tooltip.style("display", "none");
        return;
      }
      const [x, y] = pointer(event, container);
      tooltip
        .text(hit.tooltip)
        .style("display", "block")
        .style("left", `${Math.min(x + 14, Math.max(0, width - 320))}px`)
        .style("top", `${y + 16}px`);
    })
    .on("pointerleave", () => tooltip.style("display", "none"));

  const view = createViewControl(
    {
      element: canvas as unknown as Parameters<typeof createViewControl>[0]["element"],
      transformed(t) {
        transform = t;
        tooltip.style("display", "none");
        redraw();
      },
      detailChanged(next) {
        detail = next;
      },
    },
    { pointOf, bounds },
    { width, height },
    callbacks.onViewChange,
  );

  // The theme lives in <html data-theme>: repaint in the new colours when it changes.
  const themeObserver = new MutationObserver(() => {
    palette = readPalette(container);
    redraw();
  });
  themeObserver.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["data-theme"],
  });

  // ---- data ----

  function setData(next: GraphModel, options: SetDataOptions = {}) {
    const markEntered = drawn && (options.highlightNew ?? true);
    const now = performance.now();
    const before = new Map<string, GraphNode>(nodesById);
    const linksBefore = new Map(model.links.map((l) => [l.id, l]));
    const nextIds = new Set([...next.nodes.map((n) => n.id), ...next.links.map((l) => l.id)]);
    const fresh: string[] = [];
    const freshIps: string[] = [];
    if (drawn) {
      for (const [id, node] of before) {
        const at = positions.get(id);
        if (!nextIds.has(id) && at && Number.isFinite(at.x)) {
          ghosts.push({ node, at: { x: at.x, y: at.y }, since: now });
        }
      }
      for (const [id, link] of linksBefore) {
        if (nextIds.has(id)) continue;
        const a = positions.get(link.source);
        const b = positions.get(link.target);
        if (a && b)
          ghosts.push({ link, at: { x: a.x, y: a.y }, to: { x: b.x, y: b.y }, since: now });
      }
    }
    for (const node of next.nodes) if (!before.has(node.id)) fresh.push(node.id);
    for (const link of next.links) {
      if (linksBefore.has(link.id)) continue;
      fresh.push(link.id);
      if (link.kind === "endpoint" && link.ipv4Address) freshIps.push(link.ipv4Address);
    }
    if (markEntered) for (const id of fresh) entered.set(id, now);

    model = next;
    nodesById.clear();
    sizes.clear();
    networkColors.clear();
    for (const node of next.nodes) {
      nodesById.set(node.id, node);
      sizes.set(node.id, measureNode(node));
      if (node.kind === "network")
        networkColors.set(node.id, DRIVER_STYLES[node.driverClass].color);
    }
    if (next.nodes.length > 0) drawn = true;
    emphasis = computeEmphasis(model, selection, highlight);
    // Two changes before one paint: both are news.
    unpublished = {
      ids: [...(unpublished?.ids ?? []), ...fresh],
      ips: [...(unpublished?.ips ?? []), ...freshIps],
    };
    redraw();
  }

  function render(next: Positions) {
    positions = next;
    redraw();
  }

  function setSelection(target: GraphTarget | null) {
    selection = target;
    view.stopFollowing(target);
    emphasis = computeEmphasis(model, selection, highlight);
    canvas.attr("data-selected", target ? `${target.kind}:${target.id}` : null);
    redraw();
  }

  // ---- view ----

  function pointOf(target: GraphTarget): Point | null {
    if (target.kind === "endpoint") {
      const link = model.links.find(
        (l): l is EndpointLink => l.kind === "endpoint" && l.id === target.id,
      );
      return link ? (endpointPort(link, positions, sizes)?.port ?? null) : null;
    }
    const nodeId = nodeIdOfTarget(model, target);
    const p = nodeId === undefined ? undefined : positions.get(nodeId);
    return p && Number.isFinite(p.x) && Number.isFinite(p.y) ? { x: p.x, y: p.y } : null;
  }

  function bounds(at: Positions, ids?: ReadonlySet<string>) {
    return nodesBounds(model.nodes, at, sizes, ids, model.regions.length > 0);
  }

  return {
    measure: measureNode,
    setData,
    render,
    flush() {
      // The next frame may wait behind the page's other work (its table, its effects).
      if (frameRequest === 0) return;
      cancelAnimationFrame(frameRequest);
      paint();
    },
    setSelection,
    setHighlight(next) {
      highlight = next;
      emphasis = computeEmphasis(model, selection, highlight);
      redraw();
    },
    focus(target, options = {}) {
      setSelection(target);
      view.focus(target, options.insetRight ?? 0);
    },
    refocus: () => view.refocus(),
    fit: (at, instant) => view.fit(at, instant),
    showsAll: (at) => view.showsAll(at),
    frame(ids, options = {}) {
      view.frame(bounds(positions, new Set(ids)), options.insetRight ?? 0);
    },
    resize(w, h) {
      width = w;
      height = h;
      sizeCanvas();
      view.resize(w, h);
      redraw();
    },
    zoomBy: (factor) => view.zoomBy(factor),
    setView: (next) => view.setView(next),
    userMovedView: () => view.userMovedView(),
    destroy() {
      cancelAnimationFrame(frameRequest);
      themeObserver.disconnect();
      view.destroy();
      canvas.on(".drag", null).on("click", null).on("dblclick", null);
      canvas.remove();
      live.remove();
      tooltip.remove();
    },
  };
}
