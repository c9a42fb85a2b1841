import { describe, expect, it } from "vitest";
import { fixtureTopology } from "./fixture-topology";
import {
  answerQuestion,
  debugCommand,
  EMPTY_QUESTION,
  parsePort,
  partyChoices,
  refForTarget,
  routeDial,
  routeWay,
  type ReachQuestion,
} from "./reach-question";

const lab = fixtureTopology("lab");
const byName = (name: string) => lab.containers.find((c) => c.name === name)!;
const ask = (from: string, to: string, port: number | null = 80): ReachQuestion => ({
  ...EMPTY_QUESTION,
  from,
  to,
  port,
});
const answer = (question: ReachQuestion) => {
  const outcome = answerQuestion(lab, question);
  if (outcome.kind !== "answer") throw new Error(`no answer: ${JSON.stringify(outcome)}`);
  return outcome.reach;
};

describe("answerQuestion", () => {
  it("waits for both parties", () => {
    expect(answerQuestion(lab, { ...EMPTY_QUESTION, from: "web" })).toEqual({
      kind: "incomplete",
    });
  });

  it("answers from the topology, by name, id or the words host and outside", () => {
    expect(answer(ask("web", "db")).verdict).toBe("reachable");
    expect(answer(ask(byName("legacy").id, "db")).verdict).toBe("blocked");
    expect(answer(ask("host", "web")).routes.map((r) => r.via)).toContain("published-port");
    expect(answer(ask("outside", "web")).verdict).toBe("reachable");
  });

  it("says which side is wrong, in the contract's words without the field name", () => {
    expect(answerQuestion(lab, ask("outside", "host"))).toEqual({
      kind: "problem",
      side: "to",
      message: expect.stringMatching(/^From outside, ask about a container/),
    });
    expect(answerQuestion(lab, ask("web", "gone-away"))).toEqual({
      kind: "problem",
      side: "to",
      message: 'No container "gone-away" on this engine.',
    });
  });
});

describe("refForTarget", () => {
  it("maps what was clicked to a party: the box's owner, the host, an endpoint's container", () => {
    const web = byName("web");
    const endpoint = lab.endpoints.find((e) => e.containerId === byName("db").id)!;
    expect(refForTarget(lab, { kind: "sandbox", id: web.sandboxId! })).toBe("web");
    expect(refForTarget(lab, { kind: "container", id: byName("web-sidecar").id })).toBe(
      "web-sidecar",
    );
    expect(refForTarget(lab, { kind: "sandbox", id: "host" })).toBe("host");
    expect(refForTarget(lab, { kind: "endpoint", id: endpoint.id })).toBe("db");
    expect(refForTarget(lab, { kind: "network", id: lab.networks[0]!.id })).toBeNull();
  });
});

describe("partyChoices", () => {
  it("offers the host, the outside and every container, stopped ones apart", () => {
    const choices = partyChoices(lab, "from", EMPTY_QUESTION);
    expect(choices.slice(0, 2).map((c) => c.ref)).toEqual(["host", "outside"]);
    expect(choices.find((c) => c.ref === "batch")).toMatchObject({
      group: "stopped",
      label: "batch (exited)",
    });
    expect(choices.every((c) => c.unavailable === null)).toBe(true);
  });

  it("marks what cannot be asked with the other side as it is", () => {
    const from = partyChoices(lab, "from", { ...EMPTY_QUESTION, to: "host" });
    expect(from.find((c) => c.ref === "outside")?.unavailable).toMatch(/ask about a container/);
    expect(from.find((c) => c.ref === "web")?.unavailable).toBeNull();
    const to = partyChoices(lab, "to", { ...EMPTY_QUESTION, from: "outside" });
    expect(to.find((c) => c.ref === "host")?.unavailable).toMatch(/ask about a container/);
    expect(to.find((c) => c.ref === "outside")?.unavailable).not.toBeNull();
    expect(to.find((c) => c.ref === "db")?.unavailable).toBeNull();
  });
});

describe("debugCommand", () => {
  it("opens netshoot in the source's namespace", () => {
    expect(debugCommand(answer(ask("web", "db")).from)).toBe(
      "docker run -it --rm --network container:web nicolaka/netshoot",
    );
    expect(debugCommand(answer(ask("host", "web")).from)).toBe(
      "docker run -it --rm --network host nicolaka/netshoot",
    );
    expect(debugCommand(answer(ask("outside", "web")).from)).toBeNull();
  });
});

describe("routes in words", () => {
  it("gives what to dial, adding the port only where the address lacks it", () => {
    const [network] = answer(ask("web", "db")).routes;
    expect(routeDial(network!)).toBe(`${network!.address}:80`);
    expect(routeWay(network!)).toBe("directly over lab-mynet");
    const published = answer(ask("host", "web")).routes.filter((r) => r.via === "published-port");
    expect(published.map(routeDial)).toEqual(["127.0.0.1:8080", "[::1]:8080"]);
    const [out] = answer(ask("api", "outside")).routes;
    expect(routeDial(out!)).toBe("any address");
    // An IPv6-only endpoint: the address is bare and needs brackets before the port.
    expect(routeDial({ ...network!, address: "fd00::80" })).toBe("[fd00::80]:80");
    expect(routeDial({ ...network!, port: undefined })).toBe(network!.address);
  });

  it("says how the traffic goes", () => {
    expect(routeWay(answer(ask("web-sidecar", "web")).routes[0]!)).toMatch(/loopback/);
    expect(routeWay(answer(ask("web", "host")).routes[0]!)).toBe(
      "to the host, through lab-mynet's gateway",
    );
  });
});

describe("parsePort", () => {
  it("takes 1 to 65535, nothing, or says invalid", () => {
    expect(parsePort("")).toBeNull();
    expect(parsePort(" 80 ")).toBe(80);
    expect(parsePort("65535")).toBe(65535);
    for (const bad of ["0", "65536", "8o", "-1", "1.5", "123456"]) {
      expect(parsePort(bad), bad).toBe("invalid");
    }
  });
});
