// The rounded box most nodes are drawn in, and the selection ring around it: one shape, so every
// kind of node is selected and outlined alike.
import type { AnySelection } from "./d3-joins";
import { SELECT_COLOR, type Size } from "./graph-style";

export type BoxGeometry = { x: number; y: number; width: number; height: number; rx: number };

/** A box of `size` centred on the node's origin. */
export const centredBox = (size: Size, rx: number): BoxGeometry => ({
  x: -size.width / 2,
  y: -size.height / 2,
  width: size.width,
  height: size.height,
  rx,
});

/** The node's `rect.box` at `box`, for the caller to colour. */
export function joinBox<D>(g: AnySelection<SVGGElement, D>, box: BoxGeometry) {
  return g
    .selectAll<SVGRectElement, null>("rect.box")
    .data([null])
    .join("rect")
    .attr("class", "box")
    .attr("x", box.x)
    .attr("y", box.y)
    .attr("width", box.width)
    .attr("height", box.height)
    .attr("rx", box.rx);
}

/** The ring shown 4 px around `box` while the node is selected (hidden until then). */
export function joinSelectRing<D>(g: AnySelection<SVGGElement, D>, box: BoxGeometry, rx: number) {
  g.selectAll<SVGRectElement, null>("rect.select-ring")
    .data([null])
    .join("rect")
    .attr("class", "select-ring")
    .attr("x", box.x - 4)
    .attr("y", box.y - 4)
    .attr("width", box.width + 8)
    .attr("height", box.height + 8)
    .attr("rx", rx)
    .attr("fill", "none")
    .attr("stroke", SELECT_COLOR)
    .attr("stroke-width", 2)
    .attr("visibility", "hidden");
}
