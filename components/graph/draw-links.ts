// Drawing the graph's links and what hangs off them (an endpoint's port and IP), from their data
// alone; coordinates are set by the renderer on each tick.
import type { EnterElement, Selection } from "d3";
import type { EndpointLink, StoppedLink } from "@/lib/graph/graph-model";
import type { GraphTarget } from "@/lib/graph/selection";
import { activate, type AnySelection } from "./d3-joins";
import {
  BG,
  ENDPOINT_FONT,
  MONO,
  MUTED,
  PORT_R,
  TEXT_SOFT,
  endpointTooltip,
  ipLabel,
} from "./graph-style";

type OnSelect = (target: GraphTarget) => void;
/** The colour of a network's driver, for the links and ports on it. */
type NetworkColor = (networkId: string) => string | undefined;

export function styleEndpointLinks(
  changed: AnySelection<SVGLineElement, EndpointLink>,
  colorOf: NetworkColor,
) {
  changed
    .attr("data-id", (d) => d.id)
    .attr("stroke", (d) => colorOf(d.target) ?? MUTED)
    .attr("stroke-opacity", 0.55)
    .attr("stroke-width", 1.6);
}

export function styleStoppedLinks(changed: AnySelection<SVGLineElement, StoppedLink>) {
  changed
    .attr("data-id", (d) => d.id)
    .attr("stroke", MUTED)
    .attr("stroke-opacity", 0.45)
    .attr("stroke-width", 1.2)
    .attr("stroke-dasharray", "5 4");
}

/** A new endpoint: a port on the sandbox box and its IP label. */
export function enterEndpoint(enter: Selection<EnterElement, EndpointLink, SVGGElement, unknown>) {
  const g = enter.append("g").attr("class", "endpoint");
  g.append("circle")
    .attr("data-testid", "graph-endpoint")
    .attr("r", PORT_R)
    .attr("stroke", BG)
    .attr("stroke-width", 1.5)
    .append("title");
  g.append("text")
    .attr("data-testid", "endpoint-label")
    .attr("font-family", MONO)
    .attr("font-size", ENDPOINT_FONT)
    .attr("fill", TEXT_SOFT)
    .attr("paint-order", "stroke")
    .attr("stroke", BG)
    .attr("stroke-width", 3)
    .attr("stroke-linejoin", "round")
    // A label may lie over a network or another box; a click there means what is underneath.
    .style("pointer-events", "none");
  return g;
}

export function styleEndpoints(
  changed: AnySelection<SVGGElement, EndpointLink>,
  colorOf: NetworkColor,
  onSelect: OnSelect,
) {
  changed.attr("data-id", (d) => d.id);
  changed
    .select("circle")
    .attr("data-id", (d) => d.id)
    .attr("data-ip", (d) => d.ipv4Address ?? d.ipv6Address ?? "")
    .attr("fill", (d) => colorOf(d.target) ?? MUTED)
    .select("title")
    .text(endpointTooltip);
  changed.select<SVGTextElement>("text").text(ipLabel);
  activate(
    changed,
    (d) => ({ kind: "endpoint", id: d.id }),
    (d) =>
      `endpoint of ${d.containerName} on ${d.networkName}${ipLabel(d) ? `, ${ipLabel(d)}` : ""}`,
    onSelect,
  );
}
