import { describe, expect, it } from "vitest";
import type { TopologyDiff } from "../history/types";
import type { Topology } from "../topology/types";
import { fixtureTopology } from "./fixture-topology";
import { stoppedNodeId, toGraphModel } from "./graph-model";
import { changesHighlight, diffCounts, withRemoved } from "./history-changes";

// The recorded lab, and the lab as it is after one CLI change (the change applied to the record).
const lab = fixtureTopology("lab");
const container = (name: string) => lab.containers.find((c) => c.name === name)!;
const network = (name: string) => lab.networks.find((n) => n.name === name)!;
const api = container("api");
const backend = network("lab-backend");
const apiOnBackend = lab.endpoints.find(
  (e) => e.containerId === api.id && e.networkId === backend.id,
)!;
const none: TopologyDiff = { added: {}, removed: {}, changed: [] };

/** `docker network disconnect lab-backend api`, as the topology records it. */
const disconnected: Topology = {
  ...lab,
  endpoints: lab.endpoints.filter((e) => e.id !== apiOnBackend.id),
  containers: lab.containers.map((c) =>
    c.id === api.id ? { ...c, networkNames: c.networkNames.filter((n) => n !== backend.name) } : c,
  ),
};
const apiChanged = { kind: "containers" as const, id: api.id, fields: {} };

const draw = (topology: Topology, showStopped = false) => toGraphModel(topology, { showStopped });

describe("withRemoved", () => {
  it("puts back what was removed, from the earlier topology", () => {
    const diff = { ...none, removed: { endpoints: [apiOnBackend.id] }, changed: [apiChanged] };
    const merged = withRemoved(disconnected, lab, diff);
    expect(merged.endpoints).toHaveLength(lab.endpoints.length);
    expect(merged.endpoints.at(-1)).toBe(apiOnBackend);
    // What is there now stays as it is now.
    expect(merged.containers).toBe(disconnected.containers);
  });

  it("is the topology itself when nothing was removed", () => {
    expect(withRemoved(lab, disconnected, none)).toBe(lab);
  });
});

describe("changesHighlight", () => {
  it("marks an endpoint removed by a disconnect, drawn as a ghost, and its box changed", () => {
    const diff = { ...none, removed: { endpoints: [apiOnBackend.id] }, changed: [apiChanged] };
    const model = draw(withRemoved(disconnected, lab, diff));
    const h = changesHighlight(model, diff);
    expect(h.kind).toBe("changes");
    expect(h.dimOthers).toBe(false);
    const link = model.links.find((l) => l.kind === "endpoint" && l.endpointId === apiOnBackend.id);
    expect(h.links.get(link!.id)).toBe("removed");
    expect(h.nodes.get(api.sandboxId!)).toBe("changed");
    expect(h.nodes.size).toBe(1);
  });

  it("marks an endpoint added by a connect", () => {
    const diff = { ...none, added: { endpoints: [apiOnBackend.id] }, changed: [apiChanged] };
    const h = changesHighlight(draw(lab), diff);
    const link = draw(lab).links.find(
      (l) => l.kind === "endpoint" && l.endpointId === apiOnBackend.id,
    )!;
    expect(h.links.get(link.id)).toBe("added");
  });

  it("marks a stopped container's namespace and endpoints removed, not merely changed", () => {
    const db = container("db");
    const dbEndpoints = lab.endpoints.filter((e) => e.containerId === db.id).map((e) => e.id);
    const stopped: Topology = {
      ...lab,
      containers: lab.containers.map((c) =>
        c.id === db.id ? { ...c, sandboxId: null, state: "exited" } : c,
      ),
      sandboxes: lab.sandboxes.filter((s) => s.id !== db.sandboxId),
      endpoints: lab.endpoints.filter((e) => e.containerId !== db.id),
    };
    const diff: TopologyDiff = {
      added: {},
      removed: { sandboxes: [db.sandboxId!], endpoints: dbEndpoints },
      changed: [{ kind: "containers", id: db.id, fields: { state: ["running", "exited"] } }],
    };
    const model = draw(withRemoved(stopped, lab, diff), true);
    const h = changesHighlight(model, diff);
    expect(h.nodes.get(db.sandboxId!)).toBe("removed");
    // With Show stopped it is drawn stopped as well: that box is what changed.
    expect(h.nodes.get(stoppedNodeId(db.id))).toBe("changed");
    expect([...h.links.values()]).toEqual(dbEndpoints.map(() => "removed"));
  });

  it("marks a new network and a removed one", () => {
    const mynet = network("lab-mynet");
    const diff: TopologyDiff = { added: { networks: [backend.id] }, removed: {}, changed: [] };
    expect(changesHighlight(draw(lab), diff).nodes.get(backend.id)).toBe("added");
    const changed: TopologyDiff = {
      ...none,
      changed: [{ kind: "networks", id: mynet.id, fields: { labels: [{}, { a: "b" }] } }],
    };
    expect(changesHighlight(draw(lab), changed).nodes.get(mynet.id)).toBe("changed");
  });

  it("counts a container joining a shared namespace as a change to that box", () => {
    const sidecar = container("web-sidecar");
    const diff: TopologyDiff = { added: { containers: [sidecar.id] }, removed: {}, changed: [] };
    expect(changesHighlight(draw(lab), diff).nodes.get(sidecar.sandboxId!)).toBe("changed");
  });

  it("marks a new container's published ports with it", () => {
    const web = container("web");
    const diff: TopologyDiff = {
      added: { containers: [web.id], sandboxes: [web.sandboxId!] },
      removed: {},
      changed: [],
    };
    const model = draw(lab);
    const h = changesHighlight(model, diff);
    const box = model.nodes.find((n) => n.id === web.sandboxId);
    const chips = box?.kind === "sandbox" ? box.ports.map((p) => p.id) : [];
    expect(chips).toHaveLength(3);
    for (const chip of chips) expect(h.links.get(chip)).toBe("added");
    expect(h.nodes.get(web.sandboxId!)).toBe("added");
  });
});

describe("diffCounts", () => {
  it("counts each side", () => {
    expect(
      diffCounts({
        added: { endpoints: ["a", "b"], networks: ["n"] },
        removed: { containers: ["c"] },
        changed: [apiChanged],
      }),
    ).toEqual({ added: 3, removed: 1, changed: 1 });
  });
});
