import { describe, expect, it } from "vitest";
import { buildTopology } from "./build-topology";
import { resolveParty } from "./reach-parties";
import type { Protocol, Reachability } from "./reach-types";
import { predictReachability, questionProblem } from "./reachability";
import { loadSnapshot } from "./test-fixtures";

// Every case below is the engine's own JSON, recorded with scripts/reach-lab.sh on top of the lab.
const topology = buildTopology(loadSnapshot("reach"));
const P = "nl-t-reach-";

function party(ref: string) {
  const found = resolveParty(topology, ref.startsWith("-") ? P + ref.slice(1) : ref);
  if (!found.ok) throw new Error(found.message);
  return found.party;
}

/** `-a` is nl-t-reach-a; `host`, `outside` and lab names as they are. */
function reach(from: string, to: string, port: number | null = 80, protocol: Protocol = "tcp") {
  return predictReachability(topology, party(from), party(to), { port, protocol });
}

const ipOf = (name: string, network: string) => {
  const c = topology.containers.find((x) => x.name === name);
  const n = topology.networks.find((x) => x.name === network);
  const e = topology.endpoints.find((x) => x.sandboxId === c?.sandboxId && x.networkId === n?.id);
  return e?.ipv4Address?.split("/")[0];
};
const gatewayOf = (network: string) =>
  topology.networks.find((n) => n.name === network)?.subnets[0]?.gateway;
const codes = (r: Reachability) => r.blockers.map((b) => b.code);

describe("routes", () => {
  it("network: same user-defined network, with the names Docker's DNS answers", () => {
    const r = reach("-a", "-d");
    expect(r.verdict).toBe("reachable");
    expect(r.routes).toEqual([
      {
        via: "network",
        networkId: topology.networks.find((n) => n.name === `${P}front`)?.id,
        networkName: `${P}front`,
        address: ipOf(`${P}d`, `${P}front`),
        port: 80,
        names: expect.arrayContaining([`${P}d`, `${P}d.${P}front`]),
      },
    ]);
    expect(r.blockers).toEqual([]);
  });

  it("network with aliases: the lab's db answers to its alias on lab-mynet", () => {
    const r = reach("web", "db");
    const route = r.routes.find((x) => x.networkName === "lab-mynet");
    expect(route?.names).toEqual(expect.arrayContaining(["db", "database", "db.lab-mynet"]));
  });

  it("loopback: a container: sidecar and its owner share one stack", () => {
    const r = reach("-side", "-a");
    expect(r.routes).toEqual([
      { via: "loopback", address: "127.0.0.1", port: 80, names: ["localhost"] },
    ]);
    expect(reach("-a", "-side").routes[0]?.via).toBe("loopback");
  });

  it("host-gateway: a bridge container reaches a host-mode server at its network's gateway", () => {
    const r = reach("-a", "-hostsrv", 39781);
    expect(r.verdict).toBe("reachable");
    expect(r.routes).toEqual([
      expect.objectContaining({
        via: "host-gateway",
        address: gatewayOf(`${P}front`),
        port: 39781,
      }),
    ]);
    // Internal or not: the gateway is the host's own address on the bridge.
    expect(reach("-inner", "host").routes[0]).toMatchObject({
      via: "host-gateway",
      address: gatewayOf(`${P}inner`),
    });
  });

  it("host-namespace: the host and a host-mode container share the host's stack", () => {
    expect(reach("host", "-hostsrv", 39781).routes).toEqual([
      { via: "host-namespace", address: "127.0.0.1", port: 39781, names: ["localhost"] },
    ]);
    expect(reach("-hostsrv", "outside", null).routes[0]?.via).toBe("host-namespace");
  });

  it("published-port: the outside reaches d through -p on every address, with a warning", () => {
    const d = topology.containers.find((c) => c.name === `${P}d`);
    const hostPort = d?.ports.find((p) => p.publicPort && p.ip === "0.0.0.0")?.publicPort;
    const r = reach("outside", "-d");
    expect(r.verdict).toBe("reachable");
    expect(r.routes).toContainEqual({
      via: "published-port",
      address: `${topology.engine.name}:${hostPort}`,
      port: hostPort,
      names: [],
    });
    expect(r.warnings.map((w) => w.code)).toEqual(["published-all-interfaces"]);
  });

  it("the host reaches a bridge container directly and through its loopback binding", () => {
    const r = reach("host", "-a");
    expect(r.routes[0]).toMatchObject({
      via: "network",
      address: ipOf(`${P}a`, `${P}front`),
      names: [],
    });
    expect(r.routes.find((x) => x.via === "published-port")?.address).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it("a macvlan container is reached from the LAN directly, not through -p", () => {
    expect(reach("outside", "mv1").routes[0]).toMatchObject({
      via: "network",
      networkName: "lab-macvlan",
      address: "10.77.0.10",
    });
  });

  it("a container on a non-internal network reaches the outside; names never resolve there", () => {
    expect(reach("-a", "outside", null).routes).toEqual([
      expect.objectContaining({ via: "network", networkName: `${P}front`, address: "*" }),
    ]);
  });
});

describe("blockers", () => {
  it("no-shared-network: the seed's A–B–C, A→C blocked although B joins both", () => {
    const r = reach("-a", "-c");
    expect(r.verdict).toBe("blocked");
    expect(codes(r)).toEqual(["no-shared-network"]);
    expect(r.blockers[0]?.message).toContain(`${P}b joins both, but an endpoint is not a router`);
    expect(r.blockers[0]?.message).toContain(`${P}front`);
    expect(r.blockers[0]?.message).toContain(`${P}back`);
    expect(r.fixes[0]?.command).toBe(`docker network connect ${P}back ${P}a`);
    // B itself reaches both.
    expect(reach("-b", "-a").verdict).toBe("reachable");
    expect(reach("-b", "-c").verdict).toBe("reachable");
  });

  it("icc-disabled: members of an enable_icc=false bridge cannot talk", () => {
    const r = reach("-q1", "-q2");
    expect(codes(r)).toEqual(["icc-disabled"]);
    expect(r.blockers[0]?.message).toContain("com.docker.network.bridge.enable_icc=false");
    expect(r.blockers[0]?.networkIds).toEqual([
      topology.networks.find((n) => n.name === `${P}quiet`)?.id,
    ]);
    expect(r.fixes[0]?.command).toContain("docker network create");
  });

  it("no-network: none mode on either side", () => {
    expect(codes(reach("-none", "-a"))).toEqual(["no-network"]);
    expect(codes(reach("-a", "-none"))).toEqual(["no-network"]);
    expect(reach("-none", "-a").fixes[0]?.command).toBe(
      `docker network disconnect none ${P}none && docker network connect ${P}front ${P}none`,
    );
  });

  it("not-running: a stopped target has no namespace and no address", () => {
    const r = reach("-a", "-stopped");
    expect(codes(r)).toEqual(["not-running"]);
    expect(r.fixes).toEqual([
      { description: `Start ${P}stopped.`, command: `docker start ${P}stopped` },
    ]);
  });

  it("internal-network: a container only on internal networks has no way out", () => {
    const r = reach("-inner", "outside", null);
    expect(codes(r)).toEqual(["internal-network"]);
    expect(r.fixes[0]?.command).toMatch(new RegExp(`^docker network connect \\S+ ${P}inner$`));
  });

  it("not-published: the outside cannot reach a port a bridge container does not publish", () => {
    const r = reach("outside", "-b");
    expect(codes(r)).toEqual(["not-published"]);
    expect(r.fixes[0]?.command).toBe(`docker run -d --name ${P}b -p 80:80 netlens-busybox:latest`);
    // The host cannot reach a macvlan child either, and it publishes nothing.
    expect(codes(reach("host", "mv1"))).toEqual(["not-published"]);
  });

  it("published-loopback-only: a 127.0.0.1 binding serves the host, not the outside", () => {
    const r = reach("outside", "-a");
    expect(codes(r)).toEqual(["published-loopback-only"]);
    expect(r.fixes[0]?.command).toMatch(/-p 0\.0\.0\.0:\d+:80 /);
    expect(reach("host", "-a").verdict).toBe("reachable");
  });

  it("shared-namespace-stale: a sidecar whose owner restarted after it", () => {
    const r = reach("-stale", "-c");
    expect(codes(r)).toEqual(["shared-namespace-stale"]);
    expect(r.fixes).toEqual([expect.objectContaining({ command: `docker restart ${P}stale` })]);
  });
});

describe("warnings", () => {
  it("no-dns-default-bridge: reachable by IP only", () => {
    const r = reach("-l1", "-l2");
    expect(r.verdict).toBe("reachable");
    expect(r.routes[0]).toMatchObject({
      networkName: "bridge",
      address: ipOf(`${P}l2`, "bridge"),
      names: [],
    });
    expect(r.warnings.map((w) => w.code)).toEqual(["no-dns-default-bridge"]);
  });
});

describe("questions", () => {
  it("refuses what is not a Docker question", () => {
    expect(questionProblem(party("outside"), party("host"))).not.toBeNull();
    expect(questionProblem(party("outside"), party("outside"))).not.toBeNull();
    expect(questionProblem(party("host"), party("outside"))).toBeNull();
  });

  it("resolves names, full ids and unique prefixes; reports unknown and ambiguous ones", () => {
    const a = topology.containers.find((c) => c.name === `${P}a`);
    expect(resolveParty(topology, a?.id.slice(0, 10) ?? "")).toMatchObject({ ok: true });
    expect(resolveParty(topology, "nope-nope")).toMatchObject({ ok: false, problem: "not-found" });
    const digits = "0123456789abcdef".split("");
    const shared = digits.find(
      (d) => topology.containers.filter((c) => c.id.startsWith(d)).length > 1,
    );
    expect(resolveParty(topology, shared ?? "")).toMatchObject({ ok: false, problem: "ambiguous" });
  });

  it("filters published ports by the asked port and protocol", () => {
    expect(codes(reach("outside", "-d", 80, "udp"))).toEqual(["not-published"]);
    expect(codes(reach("outside", "-d", 81))).toEqual(["not-published"]);
  });
});

describe("one route per thing to dial", () => {
  it("an IPv4 and an IPv6 binding of one port are one route from the outside", () => {
    const r = reach("outside", "web");
    const published = r.routes.filter((x) => x.via === "published-port");
    expect(published).toEqual([
      expect.objectContaining({ address: `${topology.engine.name}:8080` }),
    ]);
    expect(r.warnings[0]?.message).toContain("8080→80/tcp on every address");
    expect(r.warnings[0]?.message).not.toContain("8080→80/tcp, 8080→80/tcp");
  });

  it("the host's own stack from the outside: the host's name, the port apart", () => {
    expect(reach("outside", "-hostsrv", 39781).routes).toEqual([
      { via: "host-namespace", address: topology.engine.name, port: 39781, names: [] },
    ]);
  });
});
