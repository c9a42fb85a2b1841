// The view onto the map: zoom and pan (a person's or ours), fitting the whole map, and centring
// on something asked for. Knows nothing of what is drawn but where it is.
import { zoom, zoomIdentity, zoomTransform, type Selection, type ZoomTransform } from "d3";
import type { MapView } from "@/lib/client/view-state";
import { sameTarget, type GraphTarget } from "@/lib/graph/selection";
import type { Point, Positions } from "./force-layout";

const FOCUS_MS = 600;
/** Below this zoom, endpoint addresses and port labels (10 px) are under 5 px: not drawn. */
const MID_SCALE = 0.5;
/** Below this, no text is drawn: names would be under 4 px. */
const FAR_SCALE = 0.33;
const SCALE_EXTENT: [number, number] = [0.1, 4];
/** Focusing never leaves the view zoomed out further than this. */
const FOCUS_MIN_SCALE = 1;

export type Bounds = { minX: number; maxX: number; minY: number; maxY: number };

/**
 * The box around `nodes` (or those of `ids`) at `positions`, with room for the labels outside
 * them — and, with `regions`, for the region backdrops and labels drawn around and above them.
 */
export function nodesBounds(
  nodes: readonly { id: string }[],
  positions: Positions,
  sizes: ReadonlyMap<string, { width: number; height: number }>,
  ids: ReadonlySet<string> | undefined,
  regions: boolean,
): Bounds | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    if (ids && !ids.has(node.id)) continue;
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
  const above = regions ? 110 : 0;
  return {
    minX: minX - margin,
    maxX: maxX + margin,
    minY: minY - margin / 2 - above,
    maxY: maxY + margin / 2,
  };
}

/** What the view reads from the renderer, always current. */
export type ViewHost = {
  /** Where a target is drawn now; null when it is not. */
  pointOf(target: GraphTarget): Point | null;
  /** The box around everything drawn, labels included; null when nothing is. */
  bounds(positions: Positions): Bounds | null;
};

/** How much text a view shows: all, no small labels (mid), or none (far). */
export type Detail = "" | "mid" | "far";

/** Where the view's transform goes: an SVG group's attribute, or a canvas's next paint. */
export type ViewSurface = {
  /** The element that takes the person's gestures. */
  element: Selection<Element, unknown, null, undefined>;
  transformed(transform: ZoomTransform): void;
  /** The level of detail changed with the zoom. */
  detailChanged(detail: Detail): void;
};

/** An SVG surface: the viewport group is transformed; globals.css hides text by the LOD class. */
export function svgSurface(
  svg: Selection<SVGSVGElement, unknown, null, undefined>,
  viewport: Selection<SVGGElement, unknown, null, undefined>,
): ViewSurface {
  return {
    element: svg as unknown as Selection<Element, unknown, null, undefined>,
    transformed: (t) => viewport.attr("transform", t.toString()),
    detailChanged: (detail) =>
      svg
        .classed("nl-lod-mid", detail === "mid" || detail === "far")
        .classed("nl-lod-far", detail === "far"),
  };
}

export function detailAt(k: number): Detail {
  return k < FAR_SCALE ? "far" : k < MID_SCALE ? "mid" : "";
}

export function createViewControl(
  surface: ViewSurface,
  host: ViewHost,
  initialSize: { width: number; height: number },
  /** Where the view came to rest: the person's choice, or null when the map fitted itself. */
  onViewChange?: (view: MapView | null) => void,
) {
  let userMoved = false;
  /** What focus() centred on, to follow it while the layout settles; cleared by any gesture. */
  let focused: { target: GraphTarget; insetRight: number; at: Point } | null = null;
  // The container's size, kept from resize notifications: reading clientWidth after DOM
  // changes would force a layout of the whole SVG.
  /** Where a zoom step under way is heading: a quick second step goes on from there. */
  let zoomingTo: number | null = null;
  let viewWidth = initialSize.width;
  let viewHeight = initialSize.height;

  // Level of detail: text too small to read is not drawn at all, which is most of what a big map
  // costs to paint while it is panned (globals.css hides it under these classes).
  let detail: Detail = "";
  function setDetail(k: number) {
    const next = detailAt(k);
    if (next === detail) return;
    detail = next;
    surface.detailChanged(next);
  }

  const svg = surface.element;
  const zoomBehavior = zoom<Element, unknown>()
    .scaleExtent(SCALE_EXTENT)
    .on("zoom", (event: { transform: ZoomTransform; sourceEvent: unknown }) => {
      surface.transformed(event.transform);
      setDetail(event.transform.k);
      // Programmatic zooms (fit) carry no source event; only a person's gesture does.
      if (event.sourceEvent) {
        userMoved = true;
        focused = null;
      }
    })
    // Once per gesture or transition, not per frame. A fitted view is not worth keeping: it is
    // fitted again wherever the map is opened.
    .on("end", ({ transform: t }: { transform: ZoomTransform }) =>
      onViewChange?.(userMoved ? { x: t.x, y: t.y, k: t.k } : null),
    );
  svg.call(zoomBehavior).on("dblclick.zoom", null);

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

  return {
    /** Pan (zooming in if far out) to put `target` in the middle of what `insetRight` leaves. */
    focus(target: GraphTarget, insetRight: number) {
      const at = host.pointOf(target);
      if (!at) {
        focused = null;
        return;
      }
      focused = { target, insetRight, at };
      centreOn(at, insetRight);
      // The view is now the person's choice: a settling layout must not re-fit it away.
      userMoved = true;
    },

    /** Centre the focused element again if the layout moved it; false when nothing is focused. */
    refocus(): boolean {
      if (!focused) return false;
      const at = host.pointOf(focused.target);
      if (at && Math.hypot(at.x - focused.at.x, at.y - focused.at.y) > 4) {
        focused.at = at;
        centreOn(at, focused.insetRight);
      }
      return true;
    },

    /** Stop following what was focused, unless it is `target` (selecting it again keeps it). */
    stopFollowing(unless: GraphTarget | null = null) {
      if (focused && !sameTarget(focused.target, unless)) focused = null;
    },

    fit(positions: Positions, instant = false) {
      focused = null;
      const width = viewWidth;
      const height = viewHeight;
      const box = host.bounds(positions);
      if (width === 0 || height === 0 || !box) return;
      // Before the transform: an instant one reports where it ended at once.
      userMoved = false;
      const { minX, maxX, minY, maxY } = box;
      const scale = Math.min(1.5, width / (maxX - minX), height / (maxY - minY));
      const transform = zoomIdentity
        .translate(width / 2, height / 2)
        .scale(scale)
        .translate(-(minX + maxX) / 2, -(minY + maxY) / 2);
      if (instant) svg.call(zoomBehavior.transform, transform);
      else svg.transition().duration(450).call(zoomBehavior.transform, transform);
    },

    /** Put the view exactly at `view` (a shared link's), which then counts as the person's. */
    setView(view: MapView) {
      focused = null;
      userMoved = true;
      const k = Math.min(Math.max(view.k, SCALE_EXTENT[0]), SCALE_EXTENT[1]);
      svg.interrupt();
      svg.call(zoomBehavior.transform, zoomIdentity.translate(view.x, view.y).scale(k));
    },

    /** Bring `box` into what `insetRight` leaves of the view, unless it is there already. */
    frame(box: Bounds | null, insetRight: number) {
      const node = svg.node();
      if (!box || !node || viewWidth === 0 || viewHeight === 0) return;
      const visibleWidth = viewWidth - insetRight >= 240 ? viewWidth - insetRight : viewWidth;
      const t = zoomTransform(node);
      const [x0, y0] = t.invert([0, 0]);
      const [x1, y1] = t.invert([visibleWidth, viewHeight]);
      if (box.minX >= x0 && box.maxX <= x1 && box.minY >= y0 && box.maxY <= y1) return;
      const fits = Math.min(
        1.5,
        visibleWidth / (box.maxX - box.minX),
        viewHeight / (box.maxY - box.minY),
      );
      const transform = zoomIdentity
        .translate(visibleWidth / 2, viewHeight / 2)
        .scale(Math.min(t.k, fits))
        .translate(-(box.minX + box.maxX) / 2, -(box.minY + box.maxY) / 2);
      focused = null;
      svg.transition().duration(FOCUS_MS).call(zoomBehavior.transform, transform);
      // Like focus: the view now shows what was asked for; a settling layout must not re-fit it.
      userMoved = true;
    },

    showsAll(positions: Positions): boolean {
      const box = host.bounds(positions);
      const node = svg.node();
      if (!box || !node) return true;
      const t = zoomTransform(node);
      const [x0, y0] = t.invert([0, 0]);
      const [x1, y1] = t.invert([viewWidth, viewHeight]);
      return box.minX >= x0 && box.maxX <= x1 && box.minY >= y0 && box.maxY <= y1;
    },

    zoomBy(factor: number) {
      const node = svg.node();
      if (!node) return;
      const from = zoomingTo ?? zoomTransform(node).k;
      const k = Math.min(Math.max(from * factor, SCALE_EXTENT[0]), SCALE_EXTENT[1]);
      zoomingTo = k;
      svg
        .transition()
        .duration(200)
        .call(zoomBehavior.scaleTo, k)
        .on("end interrupt", () => {
          if (zoomingTo === k) zoomingTo = null;
        });
      userMoved = true;
      focused = null;
    },

    resize(width: number, height: number) {
      viewWidth = width;
      viewHeight = height;
    },

    userMovedView: () => userMoved,

    destroy() {
      svg.interrupt();
      svg.on(".zoom", null);
    },
  };
}
