import { describe, expect, it } from "vitest";
import { fixtureTopology } from "./fixture-topology";
import { toGraphModel } from "./graph-model";
import { relatedTo, selectionForActivity } from "./selection";

const lab = fixtureTopology("lab");
const stopped = fixtureTopology("owner-stopped");
const web = lab.containers.find((c) => c.name === "web")!;
const webEndpoint = lab.endpoints.find((e) => e.containerId === web.id)!;

describe("selectionForActivity", () => {
  it("shows what is still there as it is", () => {
    const network = lab.networks.find((n) => n.name === "lab-mynet")!;
    expect(selectionForActivity(lab, { kind: "network", id: network.id })).toEqual({
      kind: "network",
      id: network.id,
    });
    expect(
      selectionForActivity(lab, { kind: "endpoint", id: webEndpoint.id, containerId: web.id }),
    ).toEqual({ kind: "endpoint", id: webEndpoint.id, containerId: web.id });
  });

  it("falls back from a gone endpoint to its container", () => {
    // owner-stopped: web's endpoint went with its sandbox; web itself is still there.
    expect(stopped.endpoints.some((e) => e.id === webEndpoint.id)).toBe(false);
    expect(
      selectionForActivity(stopped, { kind: "endpoint", id: webEndpoint.id, containerId: web.id }),
    ).toEqual({ kind: "container", id: web.id });
    expect(selectionForActivity(stopped, { kind: "endpoint", id: webEndpoint.id })).toBeNull();
  });

  it("gives nothing for what is gone", () => {
    const ipvlan = fixtureTopology("failed-start").networks.find((n) => n.name === "lab-ipvlan")!;
    expect(selectionForActivity(lab, { kind: "network", id: ipvlan.id })).toBeNull();
    expect(selectionForActivity(lab, { kind: "container", id: "0".repeat(64) })).toBeNull();
  });
});

describe("relatedTo", () => {
  const model = toGraphModel(lab, { showStopped: false });
  const mynet = lab.networks.find((n) => n.name === "lab-mynet")!;

  it("lights a container's box, its links and what they join", () => {
    const related = relatedTo(model, { kind: "container", id: web.id });
    expect([...related.primary]).toEqual([web.sandboxId]);
    expect(related.links.has(webEndpoint.id)).toBe(true);
    expect(related.nodes.has(mynet.id)).toBe(true);
  });

  it("lights only an endpoint's own link and its two ends", () => {
    const related = relatedTo(model, { kind: "endpoint", id: webEndpoint.id });
    expect([...related.primary]).toEqual([webEndpoint.id]);
    expect([...related.links]).toEqual([webEndpoint.id]);
    expect(related.nodes).toEqual(new Set([web.sandboxId, mynet.id]));
  });

  it("lights nothing for what is not drawn", () => {
    const related = relatedTo(model, { kind: "network", id: "0".repeat(64) });
    expect(related.nodes.size + related.links.size + related.primary.size).toBe(0);
  });
});
