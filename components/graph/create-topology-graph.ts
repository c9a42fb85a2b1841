// The imperative graph object (react-kapsule style): created once on a DOM element, fed data,
// destroyed. It wires the layout (positions) to a renderer (pixels); neither knows the other.
// The renderer is SVG for ordinary maps and one canvas for very big ones (chosen by size, with
// some slack so a map near the line does not flip back and forth), or as the person asked.
import type { MapView, RendererChoice } from "@/lib/client/view-state";
import type { GraphModel } from "@/lib/graph/graph-model";
import type { GraphHighlight } from "@/lib/graph/highlight";
import type { GraphTarget as Target } from "@/lib/graph/selection";
import { createCanvasRenderer } from "./canvas-renderer";
import { createForceLayout, type LayoutLinkInput, type LayoutNodeInput } from "./force-layout";
import type { GraphRenderer, RendererCallbacks } from "./renderer-types";
import {
  createSvgRenderer,
  type FocusOptions,
  type GraphTarget,
  type SetDataOptions,
} from "./svg-renderer";

/**
 * Nodes above which the map is drawn on canvas. Measured (bench/results/render.md): SVG holds
 * every target at 500 containers (~560 nodes) and none at 2,000; canvas holds them at 2,000.
 */
export const CANVAS_ABOVE_NODES = 800;
/** ...and below which a canvas map goes back to SVG. */
const SVG_BELOW_NODES = 600;

export type { FocusOptions, GraphTarget, GraphTargetKind, SetDataOptions } from "./svg-renderer";

export interface TopologyGraph {
  /** Draw a new model in place: nodes that stay keep their positions, new ones are highlighted. */
  update(model: GraphModel, options?: SetDataOptions): void;
  select(target: GraphTarget | null): void;
  /**
   * Emphasise a reachability answer or exposure; it stays through later updates until replaced.
   * A new pair of parties is brought into view (beside a panel `insetRight` pixels wide).
   */
  highlight(highlight: GraphHighlight | null, options?: FocusOptions): void;
  /** Select `target` and smoothly centre the view on it (and keep it there while it settles). */
  focus(target: GraphTarget, options?: FocusOptions): void;
  fit(): void;
  zoomBy(factor: number): void;
  /** Show exactly this view; set before the first model, the map opens there instead of fitting. */
  setView(view: MapView): void;
  /**
   * The map as SVG, for export: the drawing itself on an SVG map; on a canvas map, one drawn now
   * off screen from the same model and positions (dispose() removes it). Null before any data.
   */
  svgSnapshot(): SvgSnapshot | null;
  destroy(): void;
}

export type SvgSnapshot = { svg: SVGSVGElement; dispose(): void };

export type TopologyGraphOptions = {
  onSelect(target: GraphTarget): void;
  /** A sandbox box (its node id) dropped onto a network's hub: connect its owner container. */
  onDropOnNetwork?(sandboxId: string, networkId: string): void;
  /** The view came to rest: where the person put it, or null when the map fitted itself. */
  onViewChange?(view: MapView | null): void;
  /** "auto" (default) picks by the map's size. */
  renderer?: RendererChoice;
};

export function createTopologyGraph(
  container: HTMLElement,
  options: TopologyGraphOptions,
): TopologyGraph {
  const layout = createForceLayout();
  const callbacks: RendererCallbacks = {
    onSelect: (target) => options.onSelect(target),
    onPin: (id, x, y) => layout.pin(id, x, y),
    onRelease: (id) => layout.release(id),
    isPinned: (id) => layout.isPinned(id),
    holdStill: (ids) => (ids ? layout.hold(ids) : layout.unhold()),
    onDropOnNetwork: options.onDropOnNetwork
      ? (sandboxId, networkId) => options.onDropOnNetwork?.(sandboxId, networkId)
      : undefined,
    onViewChange: (view) => options.onViewChange?.(view),
  };
  const choice = options.renderer ?? "auto";
  /** Made with the first model that has nodes: only then is the map's size known. */
  let renderer: GraphRenderer | null = null;
  let rendererKind: "svg" | "canvas" | null = null;
  // What the page asked for before the renderer existed (or before it was replaced).
  let pendingView: MapView | null = null;
  let selection: Target | null = null;
  let currentHighlight: GraphHighlight | null = null;
  let lastModel: GraphModel | null = null;
  let fitted = false;
  /** The parties of the reach answer last brought into view: the same question moves nothing. */
  let framedEnds: string | null = null;
  /** Set when the map changed shape; a drag settling must not yank the view away. */
  let refitWhenSettled = false;

  function kindFor(model: GraphModel): "svg" | "canvas" {
    if (choice !== "auto") return choice;
    const n = model.nodes.length;
    if (rendererKind === "canvas") return n < SVG_BELOW_NODES ? "svg" : "canvas";
    return n > CANVAS_ABOVE_NODES ? "canvas" : "svg";
  }

  /** The renderer this model wants, made (or swapped) now; null while there is nothing to draw. */
  function rendererFor(model: GraphModel): GraphRenderer | null {
    if (!renderer && model.nodes.length === 0) return null;
    const kind = kindFor(model);
    if (renderer && kind === rendererKind) return renderer;
    const moved = renderer?.userMovedView() ?? false;
    renderer?.destroy();
    renderer = (kind === "canvas" ? createCanvasRenderer : createSvgRenderer)(container, callbacks);
    rendererKind = kind;
    container.dataset.renderer = kind;
    layout.paintEvery(kind === "canvas" ? 100 : 600);
    renderer.resize(container.clientWidth, container.clientHeight);
    if (pendingView) renderer.setView(pendingView);
    pendingView = null;
    renderer.setSelection(selection);
    renderer.setHighlight(currentHighlight);
    // A swap mid-session shows the whole map again unless the person had placed the view.
    if (fitted && !moved) requestAnimationFrame(() => renderer?.fit(layout.positions(), true));
    return renderer;
  }

  // Marks the render benchmark (scripts/bench-render.mts) reads: the first picture, and rest.
  let drawn = false;
  const offTick = layout.onTick((positions) => renderer?.render(positions));
  // Frame the first layout; afterwards move the view only when the map outgrew it, and never
  // once the person has taken over the view.
  const offSettled = layout.onSettled((positions) => {
    if (
      renderer &&
      refitWhenSettled &&
      !renderer.userMovedView() &&
      (!fitted || !renderer.showsAll(positions))
    ) {
      renderer.fit(positions, !fitted);
    }
    refitWhenSettled = false;
    fitted = true;
    performance.mark("netlens:settled");
  });

  // A resized container (window, side panel, table) would otherwise leave the map off-centre.
  let resizeFrame = 0;
  const observer = new ResizeObserver((entries) => {
    const box = entries.at(-1)?.contentRect;
    if (box) renderer?.resize(box.width, box.height);
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => {
      if (fitted && renderer && !renderer.userMovedView()) renderer.fit(layout.positions(), true);
    });
  });
  observer.observe(container);

  return {
    update(model, options) {
      const r = rendererFor(model);
      if (!r) return;
      lastModel = model;
      r.setData(model, options);
      const regional = model.regions.length > 0;
      const nodes: LayoutNodeInput[] = model.nodes.map((node) => ({
        id: node.id,
        kind: node.kind,
        ...r.measure(node),
        ...(regional ? { region: node.region } : {}),
      }));
      const links: LayoutLinkInput[] = model.links.map((link) => ({
        id: link.id,
        kind: link.kind,
        source: link.source,
        target: link.target,
      }));
      // Set before update(): a first layout settles synchronously inside it.
      refitWhenSettled = true;
      const regions = model.regions.map((region) => region.id);
      if (!layout.update(nodes, links, regions)) refitWhenSettled = false;
      // A big first layout finishes in slices: show all of its rough picture meanwhile, not
      // whatever part of it lies around the origin.
      if (!fitted && !r.userMovedView()) r.fit(layout.positions(), true);
      r.render(layout.positions());
      r.flush();
      if (!drawn && nodes.length > 0) {
        drawn = true;
        // After the browser has painted it, not merely after the DOM changed.
        requestAnimationFrame(() => setTimeout(() => performance.mark("netlens:first-frame")));
      }
    },
    select(target) {
      selection = target;
      renderer?.setSelection(target);
    },
    highlight(highlight, options) {
      currentHighlight = highlight;
      renderer?.setHighlight(highlight);
      const ends = highlight?.kind === "reach" ? highlight.ends : null;
      const key = ends?.from && ends.to ? `${ends.from}>${ends.to}` : null;
      if (highlight && key && key !== framedEnds) renderer?.frame(highlight.nodes.keys(), options);
      framedEnds = key;
    },
    focus(target, options) {
      selection = target;
      renderer?.focus(target, options);
    },
    fit() {
      renderer?.fit(layout.positions());
    },
    zoomBy(factor) {
      renderer?.zoomBy(factor);
    },
    setView(view) {
      if (renderer) renderer.setView(view);
      else pendingView = view;
    },
    svgSnapshot() {
      if (!renderer || !lastModel) return null;
      const drawnSvg = container.querySelector<SVGSVGElement>('svg[data-testid="topology-graph"]');
      if (rendererKind === "svg" && drawnSvg) return { svg: drawnSvg, dispose() {} };
      // Laid out like the page (fonts, theme) but out of sight and out of the accessibility tree.
      const host = document.createElement("div");
      host.setAttribute("aria-hidden", "true");
      Object.assign(host.style, {
        position: "fixed",
        left: "-100000px",
        top: "0",
        width: `${container.clientWidth}px`,
        height: `${container.clientHeight}px`,
        visibility: "hidden",
      });
      document.body.append(host);
      const offscreen = createSvgRenderer(host, { ...callbacks, onViewChange: undefined });
      offscreen.setData(lastModel, { highlightNew: false });
      offscreen.render(layout.positions());
      offscreen.setSelection(selection);
      offscreen.setHighlight(currentHighlight);
      const svg = host.querySelector("svg");
      if (!svg) return null;
      svg.removeAttribute("data-testid");
      return {
        svg,
        dispose() {
          offscreen.destroy();
          host.remove();
        },
      };
    },
    destroy() {
      observer.disconnect();
      cancelAnimationFrame(resizeFrame);
      offTick();
      offSettled();
      layout.stop();
      renderer?.destroy();
    },
  };
}
