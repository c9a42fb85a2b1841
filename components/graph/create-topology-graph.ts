// The imperative graph object (react-kapsule style): created once on a DOM element, fed data,
// destroyed. It wires the layout (positions) to a renderer (pixels); neither knows the other.
import type { MapView } from "@/lib/client/view-state";
import type { GraphModel } from "@/lib/graph/graph-model";
import type { GraphHighlight } from "@/lib/graph/highlight";
import { createForceLayout, type LayoutLinkInput, type LayoutNodeInput } from "./force-layout";
import {
  createSvgRenderer,
  type FocusOptions,
  type GraphTarget,
  type SetDataOptions,
} from "./svg-renderer";

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
  destroy(): void;
}

export type TopologyGraphOptions = {
  onSelect(target: GraphTarget): void;
  /** A sandbox box (its node id) dropped onto a network's hub: connect its owner container. */
  onDropOnNetwork?(sandboxId: string, networkId: string): void;
  /** The view came to rest: where the person put it, or null when the map fitted itself. */
  onViewChange?(view: MapView | null): void;
};

export function createTopologyGraph(
  container: HTMLElement,
  options: TopologyGraphOptions,
): TopologyGraph {
  const layout = createForceLayout();
  const renderer = createSvgRenderer(container, {
    onSelect: (target) => options.onSelect(target),
    onPin: (id, x, y) => layout.pin(id, x, y),
    onRelease: (id) => layout.release(id),
    isPinned: (id) => layout.isPinned(id),
    holdStill: (ids) => (ids ? layout.hold(ids) : layout.unhold()),
    onDropOnNetwork: options.onDropOnNetwork
      ? (sandboxId, networkId) => options.onDropOnNetwork?.(sandboxId, networkId)
      : undefined,
    onViewChange: (view) => options.onViewChange?.(view),
  });
  let fitted = false;
  /** The parties of the reach answer last brought into view: the same question moves nothing. */
  let framedEnds: string | null = null;
  /** Set when the map changed shape; a drag settling must not yank the view away. */
  let refitWhenSettled = false;

  // Marks the render benchmark (scripts/bench-render.mts) reads: the first picture, and rest.
  let drawn = false;
  const offTick = layout.onTick((positions) => renderer.render(positions));
  // Frame the first layout; afterwards move the view only when the map outgrew it, and never
  // once the person has taken over the view.
  const offSettled = layout.onSettled((positions) => {
    if (
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
    if (box) renderer.resize(box.width, box.height);
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => {
      if (fitted && !renderer.userMovedView()) renderer.fit(layout.positions(), true);
    });
  });
  observer.observe(container);

  return {
    update(model, options) {
      renderer.setData(model, options);
      const regional = model.regions.length > 0;
      const nodes: LayoutNodeInput[] = model.nodes.map((node) => ({
        id: node.id,
        kind: node.kind,
        ...renderer.measure(node),
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
      const regions = model.regions.map((r) => r.id);
      if (!layout.update(nodes, links, regions)) refitWhenSettled = false;
      renderer.render(layout.positions());
      if (!drawn && nodes.length > 0) {
        drawn = true;
        // After the browser has painted it, not merely after the DOM changed.
        requestAnimationFrame(() => setTimeout(() => performance.mark("netlens:first-frame")));
      }
    },
    select(target) {
      renderer.setSelection(target);
    },
    highlight(highlight, options) {
      renderer.setHighlight(highlight);
      const ends = highlight?.kind === "reach" ? highlight.ends : null;
      const key = ends?.from && ends.to ? `${ends.from}>${ends.to}` : null;
      if (highlight && key && key !== framedEnds) renderer.frame(highlight.nodes.keys(), options);
      framedEnds = key;
    },
    focus(target, options) {
      renderer.focus(target, options);
    },
    fit() {
      renderer.fit(layout.positions());
    },
    zoomBy(factor) {
      renderer.zoomBy(factor);
    },
    setView(view) {
      renderer.setView(view);
    },
    destroy() {
      observer.disconnect();
      cancelAnimationFrame(resizeFrame);
      offTick();
      offSettled();
      layout.stop();
      renderer.destroy();
    },
  };
}
