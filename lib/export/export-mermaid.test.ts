import { describe, expect, it } from "vitest";
import { fixtureTopology } from "@/lib/graph/fixture-topology";
import { mermaidLabel, topologyToMermaid } from "./export-mermaid";
import { swarmPart, swarmTopology } from "@/lib/topology/swarm-fixture";
import type { Topology } from "@/lib/topology/types";

const lab = fixtureTopology("lab");

/** The subgraph titles, and each subgraph's node labels, as written. */
function subgraphs(text: string): { title: string; nodes: string[] }[] {
  const found: { title: string; nodes: string[] }[] = [];
  const open: { title: string; nodes: string[] }[] = [];
  for (const line of text.split("\n").map((l) => l.trim())) {
    const start = /^subgraph s\d+ \["(.*)"\]$/.exec(line);
    if (start) {
      const graph = { title: start[1]!, nodes: [] };
      open.push(graph);
      found.push(graph);
    } else if (line === "end") {
      open.pop();
    } else {
      const node = /^n\d+\[\"([^"]*)\"\]/.exec(line);
      if (node) open.at(-1)?.nodes.push(node[1]!);
    }
  }
  expect(open).toEqual([]);
  return found;
}

describe("the Mermaid export", () => {
  it("is a left-to-right flowchart with a subgraph per sandbox", () => {
    const text = topologyToMermaid(lab);
    expect(text.startsWith("flowchart LR\n")).toBe(true);
    const graphs = subgraphs(text);
    expect(graphs).toHaveLength(lab.sandboxes.length);
    expect(graphs.find((g) => g.title === "web, web-sidecar")?.nodes).toEqual([
      "web<br/>netlens-busybox:latest",
      "web-sidecar<br/>netlens-busybox:latest",
    ]);
    expect(graphs.find((g) => g.title === "host network namespace")?.nodes).toEqual([
      "hostnet<br/>netlens-busybox:latest",
    ]);
  });

  it("draws networks as hexagons and endpoints labelled with addresses", () => {
    const text = topologyToMermaid(lab);
    expect(text).toMatch(/n\d+\{\{"lab-mynet<br\/>bridge<br\/>172\.20\.0\.0\/16"\}\}:::network/);
    expect(text).toMatch(
      /n\d+\{\{"lab-backend<br\/>bridge · internal<br\/>172\.21\.0\.0\/24"\}\}:::internal/,
    );
    expect(text).toMatch(/n\d+ ---\|"172\.20\.0\.2<br\/>aka www"\| n\d+/);
  });

  it("draws a stopped container dotted to its configured networks", () => {
    const text = topologyToMermaid(lab);
    const batch = /(n\d+)\["batch<br\/>exited, exit code 0"\]:::stopped/.exec(text);
    expect(batch).not.toBeNull();
    expect(text).toMatch(new RegExp(`${batch![1]} -\\.- n\\d+`));
  });

  it("escapes what would end a label or start markup", () => {
    expect(mermaidLabel(['a "quoted" <b>#1</b> & `x` | y', "[z]"])).toBe(
      '"a #34;quoted#34; #60;b#62;#35;1#60;/b#62; #38; #96;x#96; #124; y<br/>[z]"',
    );
    const t: Topology = {
      ...lab,
      networks: lab.networks.map((n) =>
        n.name === "lab-mynet" ? { ...n, name: 'we"ird]net' } : n,
      ),
    };
    expect(topologyToMermaid(t)).toContain('{{"we#34;ird]net<br/>bridge');
  });

  it("is deterministic, and nests each engine's sandboxes in a subgraph of its own", () => {
    const swarm = swarmTopology();
    const text = topologyToMermaid(swarm);
    expect(topologyToMermaid(swarm)).toBe(text);
    const titles = subgraphs(text).map((g) => g.title);
    expect(titles.filter((t) => t.startsWith("engine "))).toEqual(["engine node1", "engine node2"]);
    expect(titles).toContain("routing mesh (ingress-sbox) on node2");
  });

  it("groups compose projects in subgraphs", () => {
    const titles = subgraphs(topologyToMermaid(fixtureTopology("grouping"), "project")).map(
      (g) => g.title,
    );
    expect(titles).toEqual(
      expect.arrayContaining(["compose project blog", "compose project shop"]),
    );
  });

  it("joins a service to its tasks, one on a node not reached in that node's subgraph", () => {
    const both = topologyToMermaid(swarmTopology());
    const service = /(n\d+)\[\["service lab-svc<br\/>dnsrr · 2\/2 running"\]\]:::service/.exec(
      both,
    );
    expect(service).not.toBeNull();
    expect(both.match(new RegExp(`^  ${service![1]} -\\.- n\\d+$`, "gm"))).toHaveLength(2);

    const text = topologyToMermaid(swarmTopology([swarmPart("node1")]));
    const graphs = subgraphs(text);
    expect(graphs.map((g) => g.title)).toContain("swarm node node2 (worker) · not reached");
    const task =
      /subgraph s\d+ \["swarm node node2 \(worker\) · not reached"\]\n\s+(n\d+)\("lab-svc\.1"\):::task/.exec(
        text,
      );
    expect(task).not.toBeNull();
    const svc = /(n\d+)\[\["service lab-svc/.exec(text)![1];
    expect(text).toContain(`  ${svc} -.- ${task![1]}\n`);
    expect(text).toMatch(new RegExp(`  ${task![1]} ---\\|"10\\.195\\.0\\.2"\\| n\\d+`));
  });
});
