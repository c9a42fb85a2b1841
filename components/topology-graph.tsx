"use client";

import { useImperativeHandle, useLayoutEffect, useRef, type Ref } from "react";
import type { MapView, RendererChoice } from "@/lib/client/view-state";
import type { GraphModel } from "@/lib/graph/graph-model";
import type { GraphHighlight } from "@/lib/graph/highlight";
import {
  createTopologyGraph,
  type GraphTarget,
  type SvgSnapshot,
  type TopologyGraph as TopologyGraphInstance,
} from "./graph/create-topology-graph";

export type { GraphTarget } from "./graph/create-topology-graph";

/** Ask the graph to centre on something; a new `seq` asks again for the same target. */
export type FocusRequest = { target: GraphTarget; seq: number; insetRight?: number };

/** What the page may do to the view (its keyboard shortcuts), as the map's own buttons do. */
export type MapControls = {
  fit(): void;
  zoomIn(): void;
  zoomOut(): void;
  /** The map as SVG for export (see TopologyGraph.svgSnapshot). */
  svgSnapshot(): SvgSnapshot | null;
};

const ZOOM_STEP = 1.3;

type Props = {
  model: GraphModel;
  /**
   * Which topology the model was drawn from (its generatedAt). Only a new one brings news to
   * highlight; the same one drawn differently (Show stopped) does not.
   */
  revision: string;
  selection: GraphTarget | null;
  onSelect(target: GraphTarget): void;
  /** A sandbox box (its node id) dropped onto a network hub (its id). */
  onDropOnNetwork?(sandboxId: string, networkId: string): void;
  focusRequest?: FocusRequest | null;
  /** What to emphasise (a reachability answer, exposure); recomputed by the page on every update. */
  highlight?: GraphHighlight | null;
  /** Pixels on the right a panel covers: a new reach answer is brought into view beside it. */
  highlightInset?: number;
  /** Where the map opens instead of fitting itself (a shared link's view); read once. */
  initialView?: MapView | null;
  /** The view came to rest: where the person put it, or null when the map fitted itself. */
  onViewChange?(view: MapView | null): void;
  /** SVG, canvas, or by the map's size; read once. */
  renderer?: RendererChoice;
  ref?: Ref<MapControls>;
};

/**
 * A thin React shell around the imperative graph: React owns the container div only. The graph is
 * created once, fed new models as they arrive and destroyed on unmount, so live updates never
 * re-render (or reset) the nodes a person is looking at or dragging.
 */
export function TopologyGraph({
  model,
  revision,
  selection,
  onSelect,
  onDropOnNetwork,
  focusRequest,
  highlight = null,
  highlightInset = 0,
  initialView = null,
  onViewChange,
  renderer = "auto",
  ref,
}: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const graphRef = useRef<TopologyGraphInstance | null>(null);
  // The graph outlives renders; it calls whatever onSelect is current, not the first one.
  const onSelectRef = useRef(onSelect);
  const onDropRef = useRef(onDropOnNetwork);
  const onViewChangeRef = useRef(onViewChange);
  const initialViewRef = useRef(initialView);
  const rendererRef = useRef(renderer);
  // Layout effects, all of them (their order matters): a live change reaches the graph before the
  // browser paints the page's other updates, so the map shows it in that same frame, not in the
  // one after, when passive effects would run.
  useLayoutEffect(() => {
    onSelectRef.current = onSelect;
    onDropRef.current = onDropOnNetwork;
    onViewChangeRef.current = onViewChange;
  }, [onSelect, onDropOnNetwork, onViewChange]);

  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const graph = createTopologyGraph(container, {
      onSelect: (target) => onSelectRef.current(target),
      onDropOnNetwork: (sandboxId, networkId) => onDropRef.current?.(sandboxId, networkId),
      onViewChange: (view) => onViewChangeRef.current?.(view),
      renderer: rendererRef.current,
    });
    // Before the first model: its layout then opens at this view instead of being fitted.
    if (initialViewRef.current) graph.setView(initialViewRef.current);
    graphRef.current = graph;
    return () => {
      graph.destroy();
      graphRef.current = null;
    };
  }, []);

  const drawnRevision = useRef<string | null>(null);
  useLayoutEffect(() => {
    const graph = graphRef.current;
    if (!graph) return;
    const highlightNew = drawnRevision.current !== null && drawnRevision.current !== revision;
    drawnRevision.current = revision;
    graph.update(model, { highlightNew });
  }, [model, revision]);

  useLayoutEffect(() => {
    graphRef.current?.select(selection);
  }, [selection]);

  // After the model effect, so the highlight names elements that are drawn.
  useLayoutEffect(() => {
    graphRef.current?.highlight(highlight, { insetRight: highlightInset });
  }, [highlight, highlightInset]);

  // After the model effect: a target that just appeared is drawn before it is looked for.
  useLayoutEffect(() => {
    if (focusRequest) {
      graphRef.current?.focus(focusRequest.target, { insetRight: focusRequest.insetRight });
    }
  }, [focusRequest]);

  const controls: MapControls = {
    fit: () => graphRef.current?.fit(),
    zoomIn: () => graphRef.current?.zoomBy(ZOOM_STEP),
    zoomOut: () => graphRef.current?.zoomBy(1 / ZOOM_STEP),
    svgSnapshot: () => graphRef.current?.svgSnapshot() ?? null,
  };
  useImperativeHandle(ref, () => controls);

  return (
    <div className="relative h-full w-full">
      <div ref={containerRef} className="absolute inset-0" />
      <div className="absolute top-3 right-3 flex flex-col overflow-hidden rounded-md border border-slate-700 bg-slate-900/90 text-sm shadow">
        <button
          type="button"
          className="px-2.5 py-1 text-slate-300 hover:bg-slate-800 hover:text-slate-50"
          title="Zoom in (+)"
          aria-label="Zoom in"
          onClick={controls.zoomIn}
        >
          +
        </button>
        <button
          type="button"
          className="border-t border-slate-700 px-2.5 py-1 text-slate-300 hover:bg-slate-800 hover:text-slate-50"
          title="Zoom out (−)"
          aria-label="Zoom out"
          onClick={controls.zoomOut}
        >
          −
        </button>
        <button
          type="button"
          className="border-t border-slate-700 px-2.5 py-1 text-xs text-slate-300 hover:bg-slate-800 hover:text-slate-50"
          title="Fit the whole map (f)"
          aria-label="Fit the whole map"
          data-testid="graph-fit"
          onClick={controls.fit}
        >
          fit
        </button>
      </div>
    </div>
  );
}
