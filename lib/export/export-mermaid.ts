// Topology → Mermaid flowchart: a subgraph per sandbox (inside one per group, inside one per
// engine when there are several), a hexagon per network, an edge per endpoint labelled with its
// addresses; a Swarm service joined to its tasks, a task on a node Netlens does not reach in that
// node's subgraph. Mermaid ids are plain (n1, s1): names cannot be ids there, only labels.
import {
  toExportModel,
  type ExportCluster,
  type ExportEdge,
  type ExportNode,
  type ExportScope,
} from "./export-model";
import type { GroupBy } from "@/lib/topology/group-key";
import type { Topology } from "@/lib/topology/types";

// Mermaid's entity codes: inside a quoted label these would otherwise end the label, start HTML or
// an entity, or (backtick) a markdown string.
const ENTITIES: Record<string, string> = {
  "#": "#35;",
  "&": "#38;",
  '"': "#34;",
  "<": "#60;",
  ">": "#62;",
  "`": "#96;",
  "|": "#124;",
};

/** A quoted Mermaid label of `lines`. */
export function mermaidLabel(lines: readonly string[]): string {
  const escaped = lines.map((l) => l.replace(/[#&"<>`|]/g, (ch) => ENTITIES[ch] ?? ch));
  return `"${escaped.join("<br/>")}"`;
}

const SHAPES: Record<ExportNode["kind"], (label: string) => string> = {
  network: (l) => `{{${l}}}`,
  container: (l) => `[${l}]`,
  stopped: (l) => `[${l}]`,
  swarm: (l) => `([${l}])`,
  ports: (l) => `>${l}]`,
  service: (l) => `[[${l}]]`,
  task: (l) => `(${l})`,
};

const EDGE_ARROWS: Record<ExportEdge["kind"], string> = {
  endpoint: "---",
  configured: "-.-",
  task: "-.-",
};

const CLASS_DEFS = [
  "classDef network fill:#e0f2fe,stroke:#0284c7,color:#0f172a",
  "classDef internal fill:#fff,stroke:#0284c7,stroke-dasharray:4 3,color:#0f172a",
  "classDef stopped stroke:#9ca3af,stroke-dasharray:5 5,color:#6b7280",
  "classDef swarm fill:#ede9fe,stroke:#8b5cf6",
  "classDef ports fill:#fffbeb,stroke:#f59e0b",
  "classDef service fill:#ede9fe,stroke:#7c3aed,stroke-width:2px",
  "classDef task stroke:#8b5cf6,stroke-dasharray:4 3",
];

const CLUSTER_STYLES: Partial<Record<string, string>> = {
  group: "stroke-dasharray:5 5",
  node: "stroke:#8b5cf6,stroke-dasharray:5 5",
  host: "fill:#fef3c7,stroke:#f59e0b",
};

export function topologyToMermaid(topology: Topology, group: GroupBy | "none" = "none"): string {
  const model = toExportModel(topology, group);
  // A comment line, not a title: a title would need front matter before "flowchart".
  const title = `  %% ${model.title.replace(/[\r\n]+/g, " ")}`;
  const out = ["flowchart LR", title, ...CLASS_DEFS.map((d) => `  ${d}`)];
  const ids = new Map<string, string>();
  const idOf = (id: string) => {
    let short = ids.get(id);
    if (!short) {
      short = `n${ids.size + 1}`;
      ids.set(id, short);
    }
    return short;
  };
  const styles: string[] = [];
  let subgraphs = 0;

  const writeScope = (scope: ExportScope, indent: string) => {
    for (const node of scope.nodes) {
      const cls = node.kind === "network" && node.internal ? "internal" : node.kind;
      const shape = SHAPES[node.kind](mermaidLabel(node.lines));
      out.push(`${indent}${idOf(node.id)}${shape}${cls === "container" ? "" : `:::${cls}`}`);
    }
    for (const cluster of scope.clusters) writeCluster(cluster, indent);
  };
  const writeCluster = (cluster: ExportCluster, indent: string) => {
    subgraphs += 1;
    const id = `s${subgraphs}`;
    out.push(`${indent}subgraph ${id} [${mermaidLabel([cluster.label])}]`);
    writeScope(cluster, `${indent}  `);
    out.push(`${indent}end`);
    const style = CLUSTER_STYLES[cluster.sandboxKind ?? cluster.kind];
    if (style) styles.push(`  style ${id} ${style}`);
  };

  writeScope(model.root, "  ");
  for (const edge of model.edges) {
    const link = EDGE_ARROWS[edge.kind];
    const label = edge.lines.length > 0 ? `|${mermaidLabel(edge.lines)}|` : "";
    out.push(`  ${idOf(edge.from)} ${link}${label} ${idOf(edge.to)}`);
  }
  return `${[...out, ...styles].join("\n")}\n`;
}
