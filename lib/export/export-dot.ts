// Topology → Graphviz DOT: one cluster per sandbox (inside one per group, inside one per engine
// when there are several), a hub per network, an edge per endpoint labelled with its addresses;
// a Swarm service joined to its tasks, a task on a node Netlens does not reach in that node's
// cluster. Undirected: an endpoint joins a namespace to a network, traffic goes both ways.
import { DRIVER_STYLES } from "@/lib/graph/drivers";
import {
  toExportModel,
  type ExportCluster,
  type ExportEdge,
  type ExportNode,
  type ExportScope,
} from "./export-model";
import type { GroupBy } from "@/lib/topology/group-key";
import type { Topology } from "@/lib/topology/types";

/** A DOT double-quoted string: every id and label, whatever a name contains. */
export function dotQuote(text: string): string {
  return `"${text
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\r?\n|\r/g, "\\n")}"`;
}

/** Lines as one quoted label: `\n` is DOT's own line break inside it. */
const dotLabel = (lines: readonly string[]) =>
  `"${lines.map((l) => dotQuote(l).slice(1, -1)).join("\\n")}"`;

function attrs(values: Record<string, string>, label?: readonly string[]): string {
  const list = Object.entries(values).map(([k, v]) => `${k}=${dotQuote(v)}`);
  if (label) list.unshift(`label=${dotLabel(label)}`);
  return `[${list.join(", ")}]`;
}

const NODE_STYLES: Record<ExportNode["kind"], Record<string, string>> = {
  network: { shape: "hexagon", style: "filled", fontcolor: "#0f172a" },
  container: { shape: "box", style: "rounded" },
  stopped: { shape: "box", style: "rounded,dashed", color: "grey55", fontcolor: "grey40" },
  swarm: { shape: "box", style: "rounded,filled", fillcolor: "#ede9fe" },
  ports: { shape: "note", fontname: "Courier", fontsize: "9" },
  service: { shape: "box", style: "rounded,filled,bold", color: "#7c3aed", fillcolor: "#ede9fe" },
  task: { shape: "box", style: "rounded,dashed", color: "#8b5cf6" },
};

const EDGE_STYLES: Record<ExportEdge["kind"], Record<string, string>> = {
  endpoint: {},
  configured: { style: "dashed", color: "grey60" },
  task: { style: "dotted", color: "#8b5cf6" },
};

const CLUSTER_STYLES: Record<string, Record<string, string>> = {
  engine: { style: "bold", color: "#334155" },
  node: { style: "dashed", color: "#8b5cf6" },
  group: { style: "dashed", color: "#64748b" },
  container: { style: "rounded", color: "#64748b" },
  host: { style: "rounded,filled", color: "#f59e0b", fillcolor: "#fef3c7" },
  swarm: { style: "rounded", color: "#8b5cf6" },
};

function nodeAttrs(node: ExportNode): Record<string, string> {
  const style = { ...NODE_STYLES[node.kind] };
  if (node.kind === "network" && node.driverClass) {
    const color = DRIVER_STYLES[node.driverClass].color;
    style.fillcolor = node.internal ? "white" : color;
    style.color = color;
    if (node.internal) style.style = "filled,dashed";
  }
  return style;
}

export function topologyToDot(topology: Topology, group: GroupBy | "none" = "none"): string {
  const model = toExportModel(topology, group);
  const out: string[] = [];
  let clusters = 0;
  const writeScope = (scope: ExportScope, indent: string) => {
    for (const node of scope.nodes) {
      out.push(`${indent}${dotQuote(node.id)} ${attrs(nodeAttrs(node), node.lines)};`);
    }
    for (const cluster of scope.clusters) writeCluster(cluster, indent);
  };
  const writeCluster = (cluster: ExportCluster, indent: string) => {
    clusters += 1;
    const name = `cluster_${cluster.kind}_${clusters}`;
    const style = CLUSTER_STYLES[cluster.sandboxKind ?? cluster.kind] ?? {};
    out.push(`${indent}subgraph ${dotQuote(name)} {`);
    out.push(`${indent}  graph ${attrs(style, [cluster.label])};`);
    writeScope(cluster, `${indent}  `);
    out.push(`${indent}}`);
  };

  out.push("graph netlens {");
  out.push(
    `  graph ${attrs({ labelloc: "t", rankdir: "LR", fontname: "Helvetica", fontsize: "12" }, [model.title])};`,
  );
  out.push(`  node ${attrs({ fontname: "Helvetica", fontsize: "10" })};`);
  out.push(`  edge ${attrs({ fontname: "Helvetica", fontsize: "9", color: "#475569" })};`);
  writeScope(model.root, "  ");
  for (const edge of model.edges) {
    out.push(
      `  ${dotQuote(edge.from)} -- ${dotQuote(edge.to)} ${attrs(EDGE_STYLES[edge.kind], edge.lines.length > 0 ? edge.lines : undefined)};`,
    );
  }
  out.push("}");
  return `${out.join("\n")}\n`;
}
