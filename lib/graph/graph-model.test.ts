import { describe, expect, it } from "vitest";
import type { Topology } from "../topology/types";
import { fixtureTopology } from "./fixture-topology";
import {
  HOST_SANDBOX_TITLE,
  portChipId,
  toGraphModel,
  type EndpointLink,
  type GraphModel,
  type NetworkNode,
  type SandboxNode,
  type StoppedLink,
} from "./graph-model";

const lab = fixtureTopology("lab");

function containerByName(topology: Topology, name: string) {
  const container = topology.containers.find((c) => c.name === name);
  if (!container) throw new Error(`the lab fixture has no container ${name}`);
  return container;
}

const networks = (m: GraphModel) => m.nodes.filter((n): n is NetworkNode => n.kind === "network");
const sandboxes = (m: GraphModel) => m.nodes.filter((n): n is SandboxNode => n.kind === "sandbox");
const endpointLinks = (m: GraphModel) =>
  m.links.filter((l): l is EndpointLink => l.kind === "endpoint");
const stoppedLinks = (m: GraphModel) =>
  m.links.filter((l): l is StoppedLink => l.kind === "stopped");
const portChips = (m: GraphModel) => sandboxes(m).flatMap((s) => s.ports);

describe("toGraphModel on the recorded lab", () => {
  const model = toGraphModel(lab, { showStopped: false });

  it("has one hub per network, with driver, subnets and flags", () => {
    expect(
      networks(model)
        .map((n) => n.id)
        .sort(),
    ).toEqual(lab.networks.map((n) => n.id).sort());
    const byName = new Map(networks(model).map((n) => [n.name, n]));
    expect(byName.get("bridge")).toMatchObject({ driverClass: "bridge", predefined: true });
    expect(byName.get("host")).toMatchObject({
      driverClass: "host",
      predefined: true,
      subnetLabel: "",
    });
    // Docker's driver for the "none" network is "null".
    expect(byName.get("none")).toMatchObject({
      driver: "null",
      driverClass: "none",
      predefined: true,
    });
    expect(byName.get("lab-macvlan")).toMatchObject({ driverClass: "macvlan", predefined: false });
    expect(byName.get("lab-backend")).toMatchObject({ internal: true, predefined: false });
    for (const network of lab.networks) {
      expect(byName.get(network.name)?.subnetLabel).toBe(
        network.subnets.map((s) => s.subnet).join(", "),
      );
    }
  });

  it("draws one node per sandbox, listing its containers owner first", () => {
    expect(
      sandboxes(model)
        .map((s) => s.id)
        .sort(),
    ).toEqual(lab.sandboxes.map((s) => s.id).sort());
    const web = containerByName(lab, "web");
    const sidecar = containerByName(lab, "web-sidecar");
    // The sidecar joined web's namespace: one box, two names.
    expect(sidecar.sandboxId).toBe(web.sandboxId);
    const shared = sandboxes(model).find((s) => s.id === web.sandboxId);
    expect(shared).toMatchObject({
      sandboxKind: "container",
      containerNames: ["web", "web-sidecar"],
      containerIds: [web.id, sidecar.id],
      stopped: false,
    });
    // Every running container appears in exactly one box.
    const drawn = sandboxes(model).flatMap((s) => s.containerIds);
    const running = lab.containers.filter((c) => c.sandboxId !== null).map((c) => c.id);
    expect(drawn.sort()).toEqual(running.sort());
  });

  it("draws the host namespace as one distinct node", () => {
    const hosts = sandboxes(model).filter((s) => s.sandboxKind === "host");
    expect(hosts).toHaveLength(1);
    expect(hosts[0]).toMatchObject({ id: "host", title: HOST_SANDBOX_TITLE });
    expect(hosts[0]?.containerNames).toContain("hostnet");
  });

  it("links every endpoint from its sandbox to its network, with its addresses", () => {
    const links = endpointLinks(model);
    expect(links.map((l) => l.endpointId).sort()).toEqual(lab.endpoints.map((e) => e.id).sort());
    for (const endpoint of lab.endpoints) {
      const link = links.find((l) => l.endpointId === endpoint.id);
      expect(link).toMatchObject({
        id: endpoint.id,
        source: endpoint.sandboxId,
        target: endpoint.networkId,
        ipv4Address: endpoint.ipv4Address,
        ipv6Address: endpoint.ipv6Address,
        macAddress: endpoint.macAddress,
        aliases: endpoint.aliases,
      });
    }
    const db = containerByName(lab, "db");
    const dbLinks = links.filter((l) => l.containerId === db.id);
    expect(dbLinks.map((l) => l.networkName).sort()).toEqual(["lab-backend", "lab-mynet"]);
    expect(dbLinks.every((l) => l.containerName === "db" && l.ipv4Address?.includes("/"))).toBe(
      true,
    );
  });

  it("every link joins two drawn nodes", () => {
    for (const showStopped of [false, true]) {
      const m = toGraphModel(lab, { showStopped });
      const ids = new Set(m.nodes.map((n) => n.id));
      expect(ids.size).toBe(m.nodes.length);
      expect(new Set(m.links.map((l) => l.id)).size).toBe(m.links.length);
      for (const link of m.links) {
        expect(ids.has(link.source), link.id).toBe(true);
        expect(ids.has(link.target), link.id).toBe(true);
      }
    }
  });

  it("puts each published port on the box of its container, not on a node of its own", () => {
    expect(model.nodes.some((n) => !["network", "sandbox"].includes(n.kind))).toBe(false);
    expect(model.links.every((l) => l.kind === "endpoint")).toBe(true);
    const web = containerByName(lab, "web");
    const publishers = lab.containers.filter(
      (c) => c.sandboxId !== null && c.ports.some((p) => p.publicPort !== undefined),
    );
    expect([...new Set(portChips(model).map((p) => p.containerId))].sort()).toEqual(
      publishers.map((c) => c.id).sort(),
    );
    const webBox = sandboxes(model).find((s) => s.id === web.sandboxId);
    // Docker lists the 0.0.0.0 and :: bindings separately; both are shown, in a stable order.
    expect(webBox?.ports.map((p) => p.label)).toEqual([
      "0.0.0.0:8080→80/tcp",
      "[::]:8080→80/tcp",
      "127.0.0.1:8443→443/tcp",
    ]);
    expect(webBox?.ports[0]).toMatchObject({
      id: portChipId(web.id, "0.0.0.0:8080→80/tcp"),
      containerId: web.id,
      containerName: "web",
      mapping: { publicPort: 8080, privatePort: 80, type: "tcp" },
    });
    const ids = portChips(model).map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("hides stopped containers by default", () => {
    const batch = containerByName(lab, "batch");
    expect(batch.sandboxId).toBeNull();
    expect(model.nodes.some((n) => n.id === `stopped:${batch.id}`)).toBe(false);
    expect(stoppedLinks(model)).toEqual([]);
  });

  it("shows stopped containers, dimmed and dashed to their configured networks, on request", () => {
    const withStopped = toGraphModel(lab, { showStopped: true });
    const batch = containerByName(lab, "batch");
    const node = sandboxes(withStopped).find((s) => s.id === `stopped:${batch.id}`);
    expect(node).toMatchObject({
      sandboxKind: "stopped",
      stopped: true,
      containerIds: [batch.id],
      containerNames: ["batch"],
      containerStates: [batch.state],
    });
    const mynet = lab.networks.find((n) => n.name === "lab-mynet");
    expect(stoppedLinks(withStopped).filter((l) => l.containerId === batch.id)).toEqual([
      {
        kind: "stopped",
        id: `stopped:${batch.id}->${mynet?.id}`,
        source: `stopped:${batch.id}`,
        target: mynet?.id,
        containerId: batch.id,
      },
    ]);
    // Showing stopped containers adds to the running map and changes nothing in it.
    const running = toGraphModel(lab, { showStopped: false });
    for (const n of running.nodes) expect(withStopped.nodes).toContainEqual(n);
    for (const l of running.links) expect(withStopped.links).toContainEqual(l);
  });
});

describe("toGraphModel on other recorded states", () => {
  it("keeps the sidecar's namespace when its owner is stopped", () => {
    const topology = fixtureTopology("owner-stopped");
    const model = toGraphModel(topology, { showStopped: true });
    const web = containerByName(topology, "web");
    const sidecar = containerByName(topology, "web-sidecar");
    expect(web.sandboxId).toBeNull();
    const sidecarBox = sandboxes(model).find((s) => s.containerIds.includes(sidecar.id));
    expect(sidecarBox?.stopped).toBe(false);
    expect(sidecarBox?.containerNames).toEqual(["web-sidecar"]);
    expect(sandboxes(model).find((s) => s.id === `stopped:${web.id}`)?.stopped).toBe(true);
    // A stopped container publishes nothing.
    expect(portChips(model).some((p) => p.containerId === web.id)).toBe(false);
  });

  it("draws a container that failed to start as stopped, with no endpoint", () => {
    const topology = fixtureTopology("failed-start");
    const failed = topology.containers.find((c) => c.error !== null);
    expect(failed).toBeDefined();
    const model = toGraphModel(topology, { showStopped: true });
    expect(sandboxes(model).find((s) => s.id === `stopped:${failed?.id}`)?.sandboxKind).toBe(
      "stopped",
    );
    expect(endpointLinks(model).some((l) => l.containerId === failed?.id)).toBe(false);
    // Docker's reason travels with the node, for the warning sign and its tooltip.
    expect(sandboxes(model).find((s) => s.id === `stopped:${failed?.id}`)?.containerIssues).toEqual(
      [failed?.error],
    );
  });
});

describe("containers Docker could not start", () => {
  it("are drawn even with Show stopped off; other stopped containers are not", () => {
    const topology = fixtureTopology("failed-start");
    const failed = topology.containers.filter((c) => c.sandboxId === null && c.error !== null);
    expect(failed.length).toBeGreaterThan(0);
    const model = toGraphModel(topology, { showStopped: false });
    const stopped = sandboxes(model).filter((s) => s.stopped);
    expect(stopped.map((s) => s.containerIds[0]).sort()).toEqual(failed.map((c) => c.id).sort());
    expect(sandboxes(toGraphModel(lab, { showStopped: false })).some((s) => s.stopped)).toBe(false);
  });
});
