import { describe, expect, it } from "vitest";
import { buildTopology } from "./build-topology";
import { describePatch, type ActivityItem } from "./describe-patch";
import { diffTopology } from "./patch";
import { loadSnapshot, type FixtureName } from "./test-fixtures";
import type { Topology } from "./types";

// Every topology here is a recorded engine state, or one with whole entities left out of it.
const build = (name: FixtureName, at = "2026-01-01T00:00:00Z") =>
  buildTopology(loadSnapshot(name), new Date(at));

function describeChange(before: Topology, after: Topology): ActivityItem[] {
  const patch = diffTopology(before, after);
  expect(patch).not.toBeNull();
  return describePatch(before, patch!);
}

const texts = (items: ActivityItem[]) => items.map((i) => i.text);
const lab = build("lab");
const idOf = (t: Topology, name: string) => t.containers.find((c) => c.name === name)!.id;

/** `t` without a container and everything of its: as if `docker rm -f` had run. */
function withoutContainer(t: Topology, name: string): Topology {
  const id = idOf(t, name);
  const sandboxId = t.containers.find((c) => c.id === id)?.sandboxId;
  return {
    ...t,
    containers: t.containers.filter((c) => c.id !== id),
    sandboxes: t.sandboxes.filter((s) => s.id !== sandboxId),
    endpoints: t.endpoints.filter((e) => e.containerId !== id),
  };
}

/** `t` without one endpoint: as if `docker network disconnect` had run. */
function withoutEndpoint(t: Topology, container: string, network: string): Topology {
  const networkId = t.networks.find((n) => n.name === network)!.id;
  const cid = idOf(t, container);
  return {
    ...t,
    endpoints: t.endpoints.filter((e) => !(e.containerId === cid && e.networkId === networkId)),
  };
}

describe("describePatch on recorded engine states", () => {
  it("an owner stopping: one line for it, its endpoint folded in, and the sidecar's warning", () => {
    const after = build("owner-stopped", "2026-01-01T00:00:05Z");
    const items = describeChange(lab, after);
    expect(texts(items)).toEqual([
      "web stopped (exit 137) — left lab-mynet",
      "web-sidecar: web is not running: this container has only loopback.",
    ]);
    expect(items[0]).toMatchObject({
      tone: "remove",
      time: "2026-01-01T00:00:05.000Z",
      target: { kind: "container", id: idOf(lab, "web") },
    });
    expect(items[1]).toMatchObject({
      tone: "change",
      target: { kind: "container", id: idOf(lab, "web-sidecar") },
    });
  });

  it("the owner starting again: where it joined, with its new address", () => {
    const items = describeChange(build("owner-stopped"), build("owner-restarted"));
    expect(texts(items)).toEqual([
      "web started — on lab-mynet (172.20.0.2)",
      "web-sidecar: web restarted after this container started: it is left in web's old namespace with only loopback.",
    ]);
    expect(items[0]?.tone).toBe("add");
  });

  it("a new ipvlan network and a container that failed to start on it", () => {
    const items = describeChange(lab, build("failed-start"));
    const after = build("failed-start");
    expect(texts(items)).toEqual([
      "network lab-ipvlan created (ipvlan, 10.78.0.0/24)",
      "container ipv1 created — failed to start: failed to create the ipvlan port: operation not supported",
      "web restarted — on lab-mynet (172.20.0.2)",
      "web-sidecar: web restarted after this container started: it is left in web's old namespace with only loopback.",
    ]);
    const ipvlan = after.networks.find((n) => n.name === "lab-ipvlan")!;
    expect(items[0]).toMatchObject({ tone: "add", target: { kind: "network", id: ipvlan.id } });
    expect(items[1]).toMatchObject({
      tone: "add",
      target: { kind: "container", id: idOf(after, "ipv1") },
    });
  });

  it("takes the names of removed things from before the patch", () => {
    const items = describeChange(build("failed-start"), lab);
    expect(texts(items)).toContain("network lab-ipvlan removed");
    expect(texts(items)).toContain("container ipv1 removed");
    // Gone for good: nothing to focus.
    for (const item of items.filter((i) => i.text.endsWith("removed"))) {
      expect(item.target).toBeNull();
      expect(item.tone).toBe("remove");
    }
  });

  it("a container connected to and disconnected from a network", () => {
    const disconnected = withoutEndpoint(lab, "api", "lab-backend");
    const endpoint = lab.endpoints.find(
      (e) => !disconnected.endpoints.some((kept) => kept.id === e.id),
    )!;

    const connect = describeChange(disconnected, lab);
    expect(texts(connect)).toEqual(["api connected to lab-backend (172.21.0.3)"]);
    expect(connect[0]).toMatchObject({
      tone: "add",
      target: { kind: "endpoint", id: endpoint.id, containerId: idOf(lab, "api") },
    });

    const disconnect = describeChange(lab, disconnected);
    expect(texts(disconnect)).toEqual(["api disconnected from lab-backend (172.21.0.3)"]);
    // The endpoint is gone, but its container still is something to show.
    expect(disconnect[0]).toMatchObject({
      tone: "remove",
      target: { kind: "endpoint", id: endpoint.id, containerId: idOf(lab, "api") },
    });
  });

  it("a stopped container created and removed", () => {
    const withoutBatch = withoutContainer(lab, "batch");
    expect(texts(describeChange(withoutBatch, lab))).toEqual(["container batch created"]);
    expect(texts(describeChange(lab, withoutBatch))).toEqual(["container batch removed"]);
  });

  it("a running container removed or created: one line naming its networks, not one per endpoint", () => {
    const withoutDb = withoutContainer(lab, "db");
    expect(texts(describeChange(lab, withoutDb))).toEqual([
      "container db removed — left lab-backend, lab-mynet",
    ]);
    expect(texts(describeChange(withoutDb, lab))).toEqual([
      "container db created and started — on lab-backend (172.21.0.2), lab-mynet (172.20.0.3)",
    ]);
  });

  it("says nothing about sandbox bookkeeping alone", () => {
    const withoutHostBox = { ...lab, sandboxes: lab.sandboxes.filter((s) => s.id !== "host") };
    expect(describeChange(withoutHostBox, lab)).toEqual([]);
  });

  it("gives every line a distinct id and the patch's time", () => {
    const patch = diffTopology(lab, build("failed-start", "2026-01-01T00:01:00Z"))!;
    const items = describePatch(lab, patch);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(items.every((i) => i.time === patch.generatedAt)).toBe(true);
  });
});
