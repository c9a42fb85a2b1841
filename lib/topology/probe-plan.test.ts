import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildTopology } from "./build-topology";
import {
  planProbe,
  probeAgrees,
  probeCommands,
  probeProblem,
  readConnect,
  readDns,
  type ProbePlan,
} from "./probe-plan";
import { resolveParty } from "./reach-parties";
import { predictReachability } from "./reachability";
import { loadSnapshot } from "./test-fixtures";

const topology = buildTopology(loadSnapshot("reach"));
/** What busybox printed for each command on the real engine (scripts/record-probe-outputs.sh). */
const outputs = JSON.parse(
  readFileSync(join(__dirname, "__fixtures__", "probe-outputs.json"), "utf8"),
) as { case: string; exitCode: number; output: string }[];
const recorded = (name: string) => {
  const found = outputs.find((o) => o.case === name);
  if (!found) throw new Error(`no recorded output ${name}`);
  return found;
};

function plan(from: string, to: string, port: number | null = 80) {
  const party = (ref: string) => {
    const r = resolveParty(topology, ref);
    if (!r.ok) throw new Error(r.message);
    return r.party;
  };
  const prediction = predictReachability(topology, party(from), party(to), {
    port,
    protocol: "tcp",
  });
  return { prediction, plan: planProbe(topology, prediction, { port, protocol: "tcp" }) };
}

describe("planProbe", () => {
  it("dials the route's address from inside the source's namespace, asking Docker's DNS", () => {
    const { plan: p, prediction } = plan("nl-t-reach-a", "nl-t-reach-d");
    const a = topology.containers.find((c) => c.name === "nl-t-reach-a");
    expect(p).toEqual({
      namespace: { kind: "container", id: a?.id },
      dnsName: "nl-t-reach-d",
      address: prediction.routes[0]?.address,
      port: 80,
      method: "tcp",
    });
    expect(probeCommands(p)).toEqual({
      dns: ["timeout", "3", "nslookup", "-type=a", "nl-t-reach-d.", "127.0.0.11"],
      connect: ["nc", "-w", "2", p.address, "80"],
    });
  });

  it("when blocked, dials where the target really is, so the failure is seen there", () => {
    const { plan: p } = plan("nl-t-reach-a", "nl-t-reach-c");
    const c = topology.containers.find((x) => x.name === "nl-t-reach-c");
    const endpoint = topology.endpoints.find((e) => e.sandboxId === c?.sandboxId);
    expect(p.address).toBe(endpoint?.ipv4Address?.split("/")[0]);
  });

  it("never dials a macvlan address that is not on a route (it would leave the host)", () => {
    expect(plan("host", "mv1").plan.address).toBeNull();
  });

  it("has nothing to dial for a stopped target", () => {
    expect(plan("nl-t-reach-a", "nl-t-reach-stopped").plan.address).toBeNull();
  });

  it("runs in the host's namespace for the host and host-mode sources, without DNS", () => {
    const { plan: p } = plan("host", "nl-t-reach-a");
    expect(p.namespace).toEqual({ kind: "host" });
    expect(p.dnsName).toBeNull();
  });

  it("pings when no port is asked", () => {
    const { plan: p } = plan("nl-t-reach-a", "nl-t-reach-d", null);
    expect(probeCommands(p).connect).toEqual(["ping", "-c", "1", "-W", "2", p.address]);
  });

  it("cannot stand outside the host", () => {
    expect(probeProblem({ kind: "outside", name: "outside" }, { kind: "host", name: "h" })).toMatch(
      /cannot stand outside/,
    );
  });
});

describe("reading what the probe saw", () => {
  const tcp: ProbePlan = {
    namespace: { kind: "host" },
    dnsName: null,
    address: "192.168.0.3",
    port: 80,
    method: "tcp",
  };

  it("reads nslookup's answers", () => {
    const found = recorded("dns-found");
    expect(readDns("nl-t-reach-d", found.exitCode, found.output)).toEqual({
      name: "nl-t-reach-d",
      addresses: [expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/)],
      ok: true,
    });
    for (const name of ["dns-unknown", "dns-no-server"]) {
      const r = recorded(name);
      expect(readDns("x", r.exitCode, r.output)).toEqual({ name: "x", addresses: [], ok: false });
    }
  });

  it("tells open, refused, timed out and unreachable apart", () => {
    const error = (name: string) => {
      const r = recorded(name);
      return readConnect(tcp, r.exitCode, r.output, 10).error;
    };
    expect(error("tcp-open")).toBeNull();
    expect(error("tcp-refused")).toBe("refused");
    expect(error("tcp-timeout")).toBe("timeout");
    expect(error("tcp-unreachable")).toBe("unreachable");
    expect(error("ping-ok")).toBeNull();
    expect(error("ping-lost")).toBe("timeout");
    // The hard time limit cut the command off: no exit status at all.
    expect(readConnect(tcp, null, "", 1000).error).toBe("timeout");
  });

  it("counts a refused connection as a path that is open", () => {
    const { prediction } = plan("nl-t-reach-a", "nl-t-reach-d", 81);
    const refused = recorded("tcp-refused");
    expect(probeAgrees(prediction, readConnect(tcp, refused.exitCode, refused.output, 5))).toBe(
      true,
    );
    const blocked = plan("nl-t-reach-q1", "nl-t-reach-q2").prediction;
    const timeout = recorded("tcp-timeout");
    expect(probeAgrees(blocked, readConnect(tcp, timeout.exitCode, timeout.output, 2000))).toBe(
      true,
    );
    expect(probeAgrees(prediction, readConnect(tcp, timeout.exitCode, timeout.output, 2000))).toBe(
      false,
    );
  });
});
