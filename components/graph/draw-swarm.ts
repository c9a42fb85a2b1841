// Drawing Swarm's part of a node: a service (its summary, published ports and what is wrong with
// its tasks), a task on a node Netlens does not reach, Swarm's own small namespaces (ingress-sbox,
// load balancers), and the links from a service to its tasks.
import type { SandboxNode } from "@/lib/graph/graph-model";
import type { RemoteTaskNode, ServiceNode, TaskLink } from "@/lib/graph/swarm-graph";
import { centredBox, joinBox, joinSelectRing } from "./draw-box";
import type { AnySelection } from "./d3-joins";
import {
  BG,
  BOX_FILL,
  DOT_SPACE,
  FAILED_STROKE,
  HEADER_H,
  LB_COLOR,
  LINE_H,
  MESH_COLOR,
  MONO,
  MUTED,
  NAME_FONT,
  PAD_X,
  PAD_Y,
  PORTS_COLOR,
  SANS,
  SERVICE_COLOR,
  SERVICE_FILL,
  STATE_COLORS,
  SWARM_FONT,
  TEXT,
  remoteTaskHeader,
  serviceDetailLines,
  type Size,
} from "./graph-style";

/** The box every Swarm node is drawn in, with the selection ring around it. */
function frame<D>(
  g: AnySelection<SVGGElement, D>,
  size: Size,
  style: { fill: string; stroke: string; dashed?: boolean; rx?: number },
) {
  const box = centredBox(size, style.rx ?? 7);
  joinBox(g, box)
    .attr("fill", style.fill)
    .attr("stroke", style.stroke)
    .attr("stroke-width", 1.4)
    .attr("stroke-dasharray", style.dashed ? "4 3" : null);
  joinSelectRing(g, box, box.rx + 3);
}

function header<D>(g: AnySelection<SVGGElement, D>, size: Size, text: string, color: string) {
  g.selectAll<SVGTextElement, string>("text.box-header")
    .data([text])
    .join("text")
    .attr("class", "box-header")
    .attr("x", -size.width / 2 + PAD_X)
    .attr("y", -size.height / 2 + PAD_Y + 10)
    .attr("font-family", SANS)
    .attr("font-size", 9.5)
    .attr("font-weight", 600)
    .attr("letter-spacing", "0.04em")
    .attr("fill", color)
    .text((d) => d.toUpperCase());
}

function title<D>(g: AnySelection<SVGGElement, D>, text: string) {
  g.selectAll("title").data([null]).join("title").text(text);
}

export function drawService<D>(g: AnySelection<SVGGElement, D>, node: ServiceNode, size: Size) {
  const failing = node.problems.length > 0;
  g.attr("data-testid", "graph-service")
    .attr("data-id", node.id)
    .attr("data-name", node.name)
    .attr("data-failed", failing ? "true" : null);
  title(
    g,
    [
      `service ${node.summary}`,
      ...node.ports.map((p) => `published ${p}`),
      ...node.problems.map((p) => `${p.label} ${p.state}: ${p.error}`),
    ].join("\n"),
  );
  frame(g, size, {
    fill: SERVICE_FILL,
    stroke: failing ? FAILED_STROKE : node.degraded ? PORTS_COLOR : SERVICE_COLOR,
    rx: 10,
  });
  header(g, size, "swarm service", SERVICE_COLOR);
  const top = -size.height / 2 + PAD_Y + HEADER_H;
  g.selectAll<SVGTextElement, string>("text.service-summary")
    .data([node.summary])
    .join("text")
    .attr("class", "service-summary")
    .attr("data-testid", "service-summary")
    .attr("x", -size.width / 2 + PAD_X)
    .attr("y", top + LINE_H / 2 + 4)
    .attr("font-family", SANS)
    .attr("font-size", NAME_FONT)
    .attr("font-weight", 600)
    .attr("fill", TEXT)
    .text((d) => d);
  const lines = serviceDetailLines(node).map((line, i) => ({ ...line, i }));
  g.selectAll<SVGTextElement, (typeof lines)[number]>("text.service-line")
    .data(lines)
    .join("text")
    .attr("class", "service-line")
    .attr("data-testid", (d) => (d.problem ? "service-problem" : "service-port"))
    .attr("x", -size.width / 2 + PAD_X)
    .attr("y", (d) => top + (d.i + 1) * LINE_H + LINE_H / 2 + 4)
    .attr("font-family", MONO)
    .attr("font-size", 10.5)
    .attr("fill", (d) => (d.problem ? FAILED_STROKE : PORTS_COLOR))
    .text((d) => d.text);
}

export function drawRemoteTask<D>(
  g: AnySelection<SVGGElement, D>,
  node: RemoteTaskNode,
  size: Size,
) {
  g.attr("data-testid", "graph-remote-task")
    .attr("data-id", node.id)
    .attr("data-name", node.label)
    .attr("data-failed", node.error ? "true" : null);
  title(
    g,
    `task ${node.label} (${node.state}) on ${node.nodeHostname ?? "no node yet"}\n` +
      "Netlens does not reach this node's engine: its address is the manager's" +
      (node.error ? `\n${node.error}` : ""),
  );
  frame(g, size, { fill: BOX_FILL, stroke: node.error ? FAILED_STROKE : MUTED, dashed: true });
  header(g, size, remoteTaskHeader(node), SERVICE_COLOR);
  const y = -size.height / 2 + PAD_Y + HEADER_H + LINE_H / 2;
  g.selectAll<SVGCircleElement, null>("circle.state")
    .data([null])
    .join("circle")
    .attr("class", "state")
    .attr("cx", -size.width / 2 + PAD_X + 4)
    .attr("cy", y)
    .attr("r", 3.5)
    .attr("fill", STATE_COLORS[node.state] ?? MUTED);
  g.selectAll<SVGTextElement, null>("text.task-label")
    .data([null])
    .join("text")
    .attr("class", "task-label")
    .attr("x", -size.width / 2 + PAD_X + DOT_SPACE)
    .attr("y", y + 4)
    .attr("font-family", MONO)
    .attr("font-size", NAME_FONT)
    .attr("fill", TEXT)
    .text(`${node.label} · ${node.state}`);
}

/** The routing mesh's ingress-sbox, or an overlay's VIP load balancer: a small pill. */
export function drawSwarmSandbox<D>(
  g: AnySelection<SVGGElement, D>,
  node: SandboxNode,
  size: Size,
) {
  const mesh = node.sandboxKind === "ingress";
  const color = mesh ? MESH_COLOR : LB_COLOR;
  g.attr("data-testid", "graph-swarm-sandbox")
    .attr("data-id", node.id)
    .attr("data-kind", node.sandboxKind);
  title(
    g,
    `${node.title ?? ""}\n` +
      (mesh
        ? "Swarm's own namespace: takes published ports on every node and forwards them to a task"
        : "Swarm's own namespace: the service VIPs of this network on this node (IPVS)"),
  );
  frame(g, size, { fill: BG, stroke: color, rx: size.height / 2 });
  g.selectAll<SVGTextElement, null>("text.pill-title")
    .data([null])
    .join("text")
    .attr("class", "pill-title")
    .attr("x", -size.width / 2 + PAD_X)
    .attr("y", 3.5)
    .attr("font-family", SANS)
    .attr("font-size", SWARM_FONT)
    .attr("fill", color)
    .text(`${mesh ? "⇶" : "⚖"} ${node.title ?? ""}`);
}

export function styleTaskLinks(changed: AnySelection<SVGLineElement, TaskLink>) {
  changed
    .attr("data-id", (d) => d.id)
    .attr("data-testid", "graph-task-link")
    .attr("stroke", (d) => (d.failed ? FAILED_STROKE : SERVICE_COLOR))
    .attr("stroke-opacity", 0.7)
    .attr("stroke-width", 1.4)
    .attr("stroke-linecap", "round")
    .attr("stroke-dasharray", "1 4");
}
