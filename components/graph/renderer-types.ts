// What the graph's renderer offers the graph that owns it (create-topology-graph) and what it
// calls back: the contract, apart from how svg-renderer draws it.
import type { MapView } from "@/lib/client/view-state";
import type { GraphModel, GraphNode } from "@/lib/graph/graph-model";
import type { GraphHighlight } from "@/lib/graph/highlight";
import type { GraphTarget } from "@/lib/graph/selection";
import type { DragCallbacks } from "./drag-to-connect";
import type { Positions } from "./force-layout";
import type { Size } from "./graph-style";

export type RendererCallbacks = DragCallbacks & {
  onSelect(target: GraphTarget): void;
  /** The view came to rest: where the person put it, or null when the map fitted itself. */
  onViewChange?(view: MapView | null): void;
};

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
  /** Put what changed on screen now rather than at the next animation frame (a live change). */
  flush(): void;
  setSelection(target: GraphTarget | null): void;
  /** Emphasise a reachability answer or exposure (the rest dimmed); null shows the map plain. */
  setHighlight(highlight: GraphHighlight | null): void;
  /** Select `target` and pan (zooming in if far out) to put it in the middle of the view. */
  focus(target: GraphTarget, options?: FocusOptions): void;
  /** Centre the focused element again if the layout moved it; false when nothing is focused. */
  refocus(): boolean;
  /** Zoom to show every node; animated unless `instant`. */
  fit(positions: Positions, instant?: boolean): void;
  /** Bring these nodes into view (zooming out only as far as needed) unless they already are. */
  frame(ids: Iterable<string>, options?: FocusOptions): void;
  /** Whether every node is inside the current view. */
  showsAll(positions: Positions): boolean;
  /** The container's new size (from a ResizeObserver). */
  resize(width: number, height: number): void;
  zoomBy(factor: number): void;
  /** Put the view exactly there (a shared link's); it then counts as the person's. */
  setView(view: MapView): void;
  /** True once the user has zoomed or panned, after which the view is theirs to keep. */
  userMovedView(): boolean;
  destroy(): void;
}
