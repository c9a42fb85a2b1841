import { describe, expect, it } from "vitest";
import { exposureOf } from "../topology/exposure";
import { resolveParty } from "../topology/reach-parties";
import { predictReachability } from "../topology/reachability";
import type { Topology } from "../topology/types";
import { fixtureTopology } from "./fixture-topology";
import { portChipId, stoppedNodeId, toGraphModel } from "./graph-model";
import { exposureHighlight, pickHighlight, reachHighlight } from "./highlight";

const lab = fixtureTopology("lab");
const labModel = toGraphModel(lab, { showStopped: false });

function party(topology: Topology, ref: string) {
  const resolved = resolveParty(topology, ref);
  if (!resolved.ok) throw new Error(resolved.message);
  return resolved.party;
}

function highlight(from: string, to: string, topology = lab, port: number | null = 80) {
  const model = toGraphModel(topology, { showStopped: false });
  const reach = predictReachability(topology, party(topology, from), party(topology, to), {
    port,
    protocol: "tcp",
  });
  return reachHighlight(model, reach);
}

const container = (name: string, topology = lab) =>
  topology.containers.find((c) => c.name === name)!;
const network = (name: string) => lab.networks.find((n) => n.name === name)!;
/** The endpoint link of a container's box on a network, as the graph model keys it. */
const endpointLink = (name: string, networkName: string) =>
  labModel.links.find(
    (l) =>
      l.kind === "endpoint" &&
      l.source === container(name).sandboxId &&
      l.target === network(networkName).id,
  )!.id;

describe("reachHighlight", () => {
  it("draws a route over a shared network: both endpoints and the hub, the rest dimmed", () => {
    const h = highlight("web", "db");
    expect(h.ends).toEqual({ from: container("web").sandboxId, to: container("db").sandboxId });
    expect(h.nodes.get(network("lab-mynet").id)).toBe("route");
    expect(h.links.get(endpointLink("web", "lab-mynet"))).toBe("route");
    expect(h.links.get(endpointLink("db", "lab-mynet"))).toBe("route");
    // db is on lab-backend too, but the route does not pass there.
    expect(h.nodes.has(network("lab-backend").id)).toBe(false);
    expect(h.marks).toEqual([]);
    expect(h.dimOthers).toBe(true);
  });

  it("marks the break between two boxes that share no network, their networks as context", () => {
    const h = highlight("legacy", "db");
    const from = container("legacy").sandboxId!;
    const to = container("db").sandboxId!;
    expect(h.marks).toEqual([
      {
        kind: "line",
        id: `break:${from}->${to}`,
        role: "break",
        source: from,
        target: to,
        label: null,
      },
    ]);
    expect(h.nodes.get(network("bridge").id)).toBe("context");
    expect(h.nodes.get(network("lab-mynet").id)).toBe("context");
    expect(h.links.get(endpointLink("legacy", "bridge"))).toBe("context");
    expect(h.nodes.get(from)).toBe("end");
  });

  it("shows loopback on the shared box", () => {
    const h = highlight("web-sidecar", "web");
    const box = container("web").sandboxId!;
    expect(h.ends).toEqual({ from: box, to: box });
    expect(h.marks).toMatchObject([{ kind: "badge", role: "route", node: box }]);
  });

  it("goes to the host through the network's gateway, to the host's box", () => {
    const h = highlight("web", "host");
    const hub = network("lab-mynet").id;
    expect(h.ends.to).toBe("host");
    expect(h.links.get(endpointLink("web", "lab-mynet"))).toBe("route");
    expect(h.marks).toEqual([
      {
        kind: "line",
        id: `route:host->${hub}`,
        role: "route",
        source: "host",
        target: hub,
        label: "gateway 172.20.0.1",
      },
    ]);
  });

  it("comes from outside through the published port: its chips on the box, lit", () => {
    const h = highlight("outside", "web");
    const web = container("web");
    expect(h.ends).toEqual({ from: null, to: web.sandboxId });
    expect(h.links.get(portChipId(web.id, "0.0.0.0:8080→80/tcp"))).toBe("route");
    expect(h.links.get(portChipId(web.id, "[::]:8080→80/tcp"))).toBe("route");
    expect(h.links.has(portChipId(web.id, "127.0.0.1:8443→443/tcp"))).toBe(false);
    expect(h.marks).toEqual([
      expect.objectContaining({
        kind: "badge",
        node: web.sandboxId,
        text: "from outside via :8080",
      }),
    ]);
  });

  it("comes from the host through a loopback binding: a line to the box, its chip lit", () => {
    const reach = fixtureTopology("reach");
    const a = reach.containers.find((c) => c.name === "nl-t-reach-a")!;
    const h = highlight("host", "nl-t-reach-a", reach, 80);
    const chip = toGraphModel(reach, { showStopped: false })
      .nodes.flatMap((n) => (n.kind === "sandbox" ? n.ports : []))
      .find((p) => p.containerId === a.id)!;
    expect(chip.label).toMatch(/^127\.0\.0\.1:\d+→80\/tcp$/);
    expect(h.links.get(chip.id)).toBe("route");
    expect(h.marks).toContainEqual(
      expect.objectContaining({
        kind: "line",
        source: h.ends.from,
        target: a.sandboxId,
        label: `127.0.0.1:${chip.mapping.publicPort}`,
      }),
    );
  });

  it("marks the box of a joiner left in a dead namespace", () => {
    const stale = fixtureTopology("owner-stopped");
    const h = highlight("web-sidecar", "db", stale);
    expect(h.nodes.get(container("web-sidecar", stale).sandboxId!)).toBe("break");
  });

  it("marks a container that failed to start, drawn without a sandbox", () => {
    const failed = fixtureTopology("failed-start");
    const h = highlight("ipv1", "web", failed);
    expect(h.nodes.get(stoppedNodeId(container("ipv1", failed).id))).toBe("break");
  });

  it("while picking, shows the parties chosen so far without dimming the rest", () => {
    const h = pickHighlight(labModel, { from: party(lab, "web"), to: null });
    expect(h.ends).toEqual({ from: container("web").sandboxId, to: null });
    expect(h.dimOthers).toBe(false);
  });
});

describe("exposureHighlight", () => {
  it("brightens what the outside reaches: web's published port and the host-mode box", () => {
    const h = exposureHighlight(labModel, exposureOf(lab));
    expect(h.nodes.get(container("web").sandboxId!)).toBe("exposed");
    expect(h.nodes.get("host")).toBe("exposed");
    const web = container("web").id;
    expect(h.links.get(portChipId(web, "0.0.0.0:8080→80/tcp"))).toBe("exposed");
    expect(h.links.get(portChipId(web, "[::]:8080→80/tcp"))).toBe("exposed");
    // Bound to loopback: listed, but not reachable from outside.
    expect(h.links.has(portChipId(web, "127.0.0.1:8443→443/tcp"))).toBe(false);
    expect(h.nodes.has(container("db").sandboxId!)).toBe(false);
    expect(h.dimOthers).toBe(true);
  });
});
