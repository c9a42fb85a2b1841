import { describe, expect, it } from "vitest";
import { createDriverMatcher, driversOf, effectiveDrivers, filterToDrivers } from "./driver-filter";
import { fixtureTopology } from "./fixture-topology";
import { toGraphModel } from "./graph-model";

const lab = fixtureTopology("lab");
const model = toGraphModel(lab, { showStopped: true });
const names = (m: typeof model) =>
  m.nodes
    .map((n) =>
      n.kind === "network"
        ? n.name
        : n.kind === "sandbox"
          ? n.containerNames.join("+") || n.id
          : n.id,
    )
    .sort();

describe("driver filter", () => {
  it("offers the drivers there are, and forgets wanted ones that are not", () => {
    expect(driversOf(lab)).toEqual(expect.arrayContaining(["bridge", "host", "null"]));
    expect(effectiveDrivers(lab, ["bridge", "overlay"])).toEqual(["bridge"]);
    expect(effectiveDrivers(lab, ["overlay"])).toEqual([]);
  });

  it("keeps networks of the drivers and the boxes on them, their published ports with them", () => {
    const bridged = filterToDrivers(model, ["bridge"]);
    const shown = names(bridged);
    expect(shown).toEqual(
      expect.arrayContaining(["lab-mynet", "lab-backend", "bridge", "legacy", "api"]),
    );
    const web = bridged.nodes.find((n) => n.kind === "sandbox" && n.containerNames[0] === "web");
    expect(web?.kind === "sandbox" && web.ports.length).toBeGreaterThan(0);
    expect(shown.some((n) => n.startsWith("web"))).toBe(true);
    expect(shown).not.toContain("host");
    expect(shown).not.toContain("isolated");
    expect(shown).not.toContain("hostnet");
    for (const link of bridged.links) {
      expect(bridged.nodes.some((n) => n.id === link.source)).toBe(true);
      expect(bridged.nodes.some((n) => n.id === link.target)).toBe(true);
    }
  });

  it("brings in no box that only publishes ports", () => {
    const hostOnly = filterToDrivers(model, ["host"]);
    expect(names(hostOnly)).not.toContain("legacy");
    expect(names(hostOnly).some((n) => n.startsWith("web"))).toBe(false);
  });

  it("narrows the table the same way", () => {
    const match = createDriverMatcher(lab, ["null"]);
    const rows = lab.containers.filter(match.containerMatches).map((c) => c.name);
    expect(rows).toEqual(["isolated"]);
    expect(lab.networks.filter(match.networkMatches).map((n) => n.name)).toEqual(["none"]);
    const all = createDriverMatcher(lab, []);
    expect(lab.containers.every(all.containerMatches)).toBe(true);
  });
});
