// Dragging nodes: a drag pins a node where it is dropped; a sandbox box dropped on a network's
// hub is a request to connect it, and goes back where it was. The rules (createDragCore) are the
// same whether the map is SVG or canvas; createNodeDrag binds them to the SVG's node groups.
import { drag, pointer, select, type Selection } from "d3";
import type { GraphNode } from "@/lib/graph/graph-model";
import type { AnySelection } from "./d3-joins";
import type { Point } from "./force-layout";
import { HUB_R } from "./graph-style";

export type DragCallbacks = {
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

/** What a drag reads from the renderer, always current, and what it shows there. */
export type DragCoreHost = {
  nodes(): readonly GraphNode[];
  positionOf(id: string): Point | undefined;
  /** A drag began (it ends following whatever was focused). */
  onStart(): void;
  /** The hub a dragged box would be connected to if dropped now; null: none. */
  showDropTarget(id: string | null): void;
};

/**
 * A node's drag, whatever draws it: start, move to (x, y) with the pointer at `pointer` (both in
 * graph coordinates), end. Pins where it is dropped, or asks to connect a box dropped on a hub.
 */
export function createDragCore(host: DragCoreHost, callbacks: DragCallbacks) {
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
    for (const node of host.nodes()) {
      if (node.kind !== "network") continue;
      const at = host.positionOf(node.id);
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
    host.showDropTarget(id);
  }

  const canDropOnNetwork = (d: GraphNode) =>
    d.kind === "sandbox" && callbacks.onDropOnNetwork !== undefined;

  return {
    start(d: GraphNode) {
      host.onStart();
      const p = host.positionOf(d.id) ?? { x: 0, y: 0 };
      dragOrigin = {
        id: d.id,
        x: p.x,
        y: p.y,
        pinned: callbacks.isPinned?.(d.id) ?? false,
        moved: false,
      };
    },
    move(d: GraphNode, to: Point, pointer: Point) {
      callbacks.onPin(d.id, to.x, to.y);
      const origin = dragOrigin;
      // A click with a jittery hand is not a drop, even on a box that sits over a hub.
      if (origin && !origin.moved && Math.hypot(to.x - origin.x, to.y - origin.y) > 4) {
        origin.moved = true;
        // The box pushes what it nears aside; the hubs it may be dropped on must stay put.
        if (canDropOnNetwork(d)) {
          callbacks.holdStill?.(
            host
              .nodes()
              .filter((n) => n.kind === "network")
              .map((n) => n.id),
          );
        }
      }
      if (canDropOnNetwork(d) && origin?.moved) setDropTarget(hubAt(pointer));
    },
    end(d: GraphNode, pointer: Point) {
      const hub = canDropOnNetwork(d) ? hubAt(pointer) : null;
      const origin = dragOrigin;
      dragOrigin = null;
      setDropTarget(null);
      if (origin?.moved && canDropOnNetwork(d)) callbacks.holdStill?.(null);
      if (!hub || !origin || origin.id !== d.id || !origin.moved) return;
      // Dropped on a hub: a request, not a move. The box goes back where it was, as it was.
      callbacks.onPin(d.id, origin.x, origin.y);
      if (!origin.pinned) callbacks.onRelease(d.id);
      callbacks.onDropOnNetwork?.(d.id, hub);
    },
  };
}

/** What the SVG drag reads from the renderer, always current. */
export type DragHost = {
  /** The layer nodes are drawn in: pointer positions are read in its coordinates. */
  layer: Selection<SVGGElement, unknown, null, undefined>;
  nodes(): GraphNode[];
  nodeSelection(): AnySelection<SVGGElement, GraphNode>;
  positionOf(id: string): Point | undefined;
  /** A drag began (it ends following whatever was focused). */
  onStart: () => void;
};

/** d3's drag on the SVG map's node groups. */
export function createNodeDrag(host: DragHost, callbacks: DragCallbacks) {
  const core = createDragCore(
    {
      nodes: host.nodes,
      positionOf: host.positionOf,
      onStart: host.onStart,
      showDropTarget: (id) =>
        host
          .nodeSelection()
          .classed("nl-drop-target", (d) => d.id === id)
          .attr("data-drop-target", (d) => (d.id === id ? "true" : null)),
    },
    callbacks,
  );

  type DragEvent = { x: number; y: number; sourceEvent: unknown };
  /** The pointer in graph coordinates; the dragged node's centre when there is none (touch). */
  function dragPoint(event: DragEvent): Point {
    const layer = host.layer.node();
    if (layer && event.sourceEvent instanceof MouseEvent) {
      const [x, y] = pointer(event.sourceEvent, layer);
      if (Number.isFinite(x) && Number.isFinite(y)) return { x, y };
    }
    return { x: event.x, y: event.y };
  }

  return drag<SVGGElement, GraphNode>()
    .clickDistance(4)
    .subject((_event, d) => {
      const p = host.positionOf(d.id) ?? { x: 0, y: 0 };
      return { x: p.x, y: p.y };
    })
    .on("start", function (_event, d) {
      core.start(d);
      select(this).style("cursor", "grabbing");
    })
    .on("drag", (event: DragEvent, d) => core.move(d, event, dragPoint(event)))
    .on("end", function (event: DragEvent, d) {
      select(this).style("cursor", "pointer");
      core.end(d, dragPoint(event));
    });
}
