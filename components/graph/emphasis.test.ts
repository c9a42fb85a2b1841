import { describe, expect, it } from "vitest";
import { fixtureTopology } from "@/lib/graph/fixture-topology";
import { toGraphModel, type GraphNode } from "@/lib/graph/graph-model";
import { exposureHighlight } from "@/lib/graph/highlight";
import { exposureOf } from "@/lib/topology/exposure";
import { computeEmphasis } from "./emphasis";
import { DIM_OPACITY, stoppedOpacity } from "./graph-style";

const lab = fixtureTopology("lab");
const model = toGraphModel(lab, { showStopped: true });
const byName = (name: string) => lab.containers.find((c) => c.name === name)!;
const boxOf = (name: string) => model.nodes.find((n) => n.id === byName(name).sandboxId)!;
const hubOf = (name: string) => model.nodes.find((n) => n.kind === "network" && n.name === name)!;

describe("computeEmphasis", () => {
  it("leaves the map plain with nothing selected, stopped boxes dimmed as always", () => {
    const plain = computeEmphasis(model, null, null);
    const stopped = model.nodes.find(
      (n): n is Extract<GraphNode, { kind: "sandbox" }> => n.kind === "sandbox" && n.stopped,
    )!;
    expect(plain.nodeAlpha(boxOf("web"))).toBe(1);
    expect(plain.nodeAlpha(stopped)).toBe(stoppedOpacity(stopped));
    expect(model.links.every((l) => plain.linkAlpha(l) === 1)).toBe(true);
    expect(plain.primary(boxOf("web").id)).toBe(false);
  });

  it("keeps a selected box's networks and their members bright and rings it", () => {
    const web = boxOf("web");
    const selected = computeEmphasis(model, { kind: "sandbox", id: web.id }, null);
    expect(selected.primary(web.id)).toBe(true);
    expect(selected.nodeAlpha(web)).toBe(1);
    expect(selected.nodeAlpha(hubOf("lab-mynet"))).toBe(1);
    // legacy is only on the default bridge: nothing to do with web.
    expect(selected.nodeAlpha(boxOf("legacy"))).toBe(DIM_OPACITY);
  });

  it("lets a highlight that dims the map decide, with its roles", () => {
    const exposure = exposureHighlight(model, exposureOf(lab));
    const emphasis = computeEmphasis(model, null, exposure);
    const web = boxOf("web");
    expect(emphasis.nodeRole(web.id)).toBe("exposed");
    expect(emphasis.nodeAlpha(web)).toBe(1);
    // isolated publishes nothing and is on no network: left out, so dimmed.
    expect(emphasis.nodeAlpha(boxOf("isolated"))).toBeLessThan(DIM_OPACITY);
  });
});
