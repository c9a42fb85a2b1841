import { describe, expect, it } from "vitest";
import { buildTopology } from "./build-topology";
import {
  engineMismatch,
  engineOfTarget,
  hostFor,
  managerEngines,
  networksVisibleOn,
  pickConnection,
  pickRemoval,
  pruneCandidates,
  workerOverlayReason,
  type EngineContainer,
} from "./engine-target";
import { dockerCreateCommand } from "./network-spec";
import { swarmPart, swarmTopology } from "./swarm-fixture";
import { loadSnapshot } from "./test-fixtures";
import type { Network, Topology } from "./types";

// The two-node swarm lab as recorded: node1 the manager, node2 a worker running lab-solo, each
// with its own bridge/host/none/docker_gwbridge, and the cluster's ingress and lab-overlay.
const swarm = swarmTopology();
const lab = buildTopology(loadSnapshot("lab"), new Date("2026-01-01T00:00:00Z"));

function network(t: Topology, name: string, engineId: string | null): Network {
  const found = t.networks.find((n) => n.name === name && n.engineId === engineId);
  if (!found) throw new Error(`no ${name} on ${engineId}`);
  return found;
}
function container(t: Topology, name: string): EngineContainer {
  const found = t.containers.find((c) => c.name === name);
  if (!found) throw new Error(`no container ${name}`);
  return found;
}
const named = (networks: Network[]) => networks.map((n) => `${n.name}@${n.engineId}`).sort();

const overlay = network(swarm, "lab-overlay", null);
const solo = container(swarm, "lab-solo");

describe("networksVisibleOn", () => {
  it("is an engine's own networks and the swarm's, never another engine's", () => {
    expect(named(networksVisibleOn(swarm, "node2"))).toEqual([
      "bridge@node2",
      "docker_gwbridge@node2",
      "host@node2",
      "ingress@null",
      "lab-overlay@null",
      "none@node2",
    ]);
  });

  it("is every network with one engine, as before there were several", () => {
    expect(networksVisibleOn(lab, "local")).toEqual(lab.networks);
  });
});

describe("managers", () => {
  it("lists the swarm managers, those up first", () => {
    expect(managerEngines(swarm.engines).map((e) => e.id)).toEqual(["node1"]);
    const node1Down = swarmTopology([
      { ...swarmPart("node1"), status: "down", message: "gone" },
      swarmPart("node2"),
    ]);
    expect(managerEngines(node1Down.engines).map((e) => [e.id, e.status])).toEqual([
      ["node1", "down"],
    ]);
  });

  it("names a manager when refusing an overlay on a worker", () => {
    expect(workerOverlayReason("node2", swarm.engines)).toBe(
      "node2 is a swarm worker: overlay networks are created on a manager (node1)",
    );
    expect(workerOverlayReason("node2", swarm.engines.slice(1))).toBe(
      "node2 is a swarm worker: overlay networks are created on a manager",
    );
  });
});

describe("pickConnection", () => {
  it("sends a connect to a swarm overlay to the container's engine (a worker attaches its own)", () => {
    expect(pickConnection([overlay], [solo])).toEqual({
      ok: { network: overlay, container: solo, engineId: "node2" },
    });
  });

  it("refuses a local network of another engine, saying where each is", () => {
    const bridge1 = network(swarm, "bridge", "node1");
    const refusal = {
      code: "conflict",
      message:
        "lab-solo runs on node2; network bridge is on node1 — a container can only join networks of its own engine (or a swarm overlay)",
    };
    expect(pickConnection([bridge1], [solo])).toEqual({ refused: refusal });
    expect(engineMismatch(bridge1, solo)).toBe(refusal.message);
    expect(engineMismatch(overlay, solo)).toBeNull();
  });

  it("takes the one of two same-named networks on the container's engine", () => {
    const bridges = [network(swarm, "bridge", "node1"), network(swarm, "bridge", "node2")];
    expect(pickConnection(bridges, [solo])).toEqual({
      ok: { network: bridges[1], container: solo, engineId: "node2" },
    });
  });

  it("accepts an explicit engineId only when it agrees", () => {
    expect(pickConnection([overlay], [solo], "node2")).toMatchObject({ ok: { engineId: "node2" } });
    expect(pickConnection([overlay], [solo], "node1")).toEqual({
      refused: { code: "bad_request", message: "engineId: lab-solo runs on node2, not on node1" },
    });
  });

  it("asks which engine when a name means a pair on each", () => {
    const gateways = [
      network(swarm, "docker_gwbridge", "node1"),
      network(swarm, "docker_gwbridge", "node2"),
    ];
    // The same container name on both engines (as two labs would have it).
    const twins = [solo, { ...solo, engineId: "node1" }];
    expect(pickConnection(gateways, twins)).toEqual({
      refused: {
        code: "bad_request",
        message:
          "engineId: lab-solo and network docker_gwbridge are on several engines (node1, node2): say which",
      },
    });
    expect(pickConnection(gateways, twins, "node1")).toMatchObject({
      ok: { network: gateways[0], engineId: "node1" },
    });
  });
});

describe("pickRemoval", () => {
  const gateways = [
    network(swarm, "docker_gwbridge", "node1"),
    network(swarm, "docker_gwbridge", "node2"),
  ];

  it("removes a swarm network on a manager, a local one on its engine", () => {
    expect(pickRemoval([overlay], swarm.engines)).toEqual({
      ok: { network: overlay, engineId: "node1" },
    });
    expect(pickRemoval([gateways[1] as Network], swarm.engines)).toEqual({
      ok: { network: gateways[1], engineId: "node2" },
    });
  });

  it("refuses an explicit engineId that does not agree, and one name on two engines", () => {
    expect(pickRemoval([overlay], swarm.engines, "node2")).toEqual({
      refused: {
        code: "bad_request",
        message:
          "engineId: lab-overlay is a swarm network, removed on a manager (node1), not on node2",
      },
    });
    expect(pickRemoval(gateways, swarm.engines)).toEqual({
      refused: {
        code: "bad_request",
        message: "engineId: docker_gwbridge names networks on node1, node2: say which engine",
      },
    });
    expect(pickRemoval(gateways, swarm.engines, "node2")).toEqual({
      ok: { network: gateways[1], engineId: "node2" },
    });
  });

  it("says so when no configured engine manages the swarm", () => {
    expect(pickRemoval([overlay], swarm.engines.slice(1))).toEqual({
      refused: {
        code: "conflict",
        message:
          "lab-overlay is a swarm network: it is removed on a swarm manager, and none of Netlens's engines is one",
      },
    });
  });
});

describe("pruneCandidates", () => {
  it("keeps what a service or an endpoint uses, ingress and the predefined networks", () => {
    expect(pruneCandidates(swarm, "node1")).toEqual([]);
    expect(pruneCandidates(swarm, "node2")).toEqual([]);
  });

  it("offers an unused swarm network on a manager only", () => {
    const unused: Topology = {
      ...swarm,
      endpoints: swarm.endpoints.filter((e) => e.networkId !== overlay.id),
      services: [],
    };
    expect(pruneCandidates(unused, "node1")).toEqual([overlay]);
    expect(pruneCandidates(unused, "node2")).toEqual([]);
  });

  it("is, with one engine, the unused networks as before", () => {
    const used = new Set(lab.endpoints.map((e) => e.networkId));
    expect(pruneCandidates(lab, "local")).toEqual(
      lab.networks.filter((n) => !n.predefined && !n.ingress && !used.has(n.id)),
    );
  });
});

it("finds the engine of a selected network, container or sandbox", () => {
  expect(engineOfTarget(swarm, { kind: "container", id: solo.id })).toBe("node2");
  expect(engineOfTarget(swarm, { kind: "network", id: overlay.id })).toBeNull();
  const bridge1 = network(swarm, "bridge", "node1");
  expect(engineOfTarget(swarm, { kind: "network", id: bridge1.id })).toBe("node1");
  expect(engineOfTarget(swarm, null)).toBeNull();
});

describe("the CLI preview", () => {
  const hosts = [
    { id: "node1", endpoint: "unix:///run/netlens-swarm/node1/docker.sock" },
    { id: "node2", endpoint: "unix:///run/netlens-swarm/node2/docker.sock" },
  ];
  const spec = { name: "nl-net", driver: "bridge" };

  it("aims at the engine with -H when it is not the default one", () => {
    expect(dockerCreateCommand(spec, hostFor("node2", hosts))).toBe(
      "docker -H unix:///run/netlens-swarm/node2/docker.sock network create --driver bridge nl-net",
    );
  });

  it("reads as always for the default engine and with one engine", () => {
    const plain = "docker network create --driver bridge nl-net";
    expect(dockerCreateCommand(spec, hostFor("node1", hosts))).toBe(plain);
    expect(dockerCreateCommand(spec, hostFor("local", hosts.slice(0, 1)))).toBe(plain);
    expect(dockerCreateCommand(spec, hostFor(undefined, hosts))).toBe(plain);
  });
});
