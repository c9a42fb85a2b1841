// The view onto the map: zoom and pan (a person's or ours), fitting the whole map, and centring
// on something asked for. Knows nothing of what is drawn but where it is.
import { zoom, zoomIdentity, zoomTransform, type Selection, type ZoomTransform } from "d3";
import { sameTarget, type GraphTarget } from "@/lib/graph/selection";
import type { Point, Positions } from "./force-layout";

const FOCUS_MS = 600;
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

export function createViewControl(
  svg: Selection<SVGSVGElement, unknown, null, undefined>,
  viewport: Selection<SVGGElement, unknown, null, undefined>,
  host: ViewHost,
  initialSize: { width: number; height: number },
) {
  let userMoved = false;
  /** What focus() centred on, to follow it while the layout settles; cleared by any gesture. */
  let focused: { target: GraphTarget; insetRight: number; at: Point } | null = null;
  // The container's size, kept from resize notifications: reading clientWidth after DOM
  // changes would force a layout of the whole SVG.
  let viewWidth = initialSize.width;
  let viewHeight = initialSize.height;

  const zoomBehavior = zoom<SVGSVGElement, unknown>()
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
      const { minX, maxX, minY, maxY } = box;
      const scale = Math.min(1.5, width / (maxX - minX), height / (maxY - minY));
      const transform = zoomIdentity
        .translate(width / 2, height / 2)
        .scale(scale)
        .translate(-(minX + maxX) / 2, -(minY + maxY) / 2);
      if (instant) svg.call(zoomBehavior.transform, transform);
      else svg.transition().duration(450).call(zoomBehavior.transform, transform);
      userMoved = false;
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
      svg.transition().duration(200).call(zoomBehavior.scaleBy, factor);
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
