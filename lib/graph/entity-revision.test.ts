import { describe, expect, it } from "vitest";
import { containerRevision, networkRevision } from "./entity-revision";
import { fixtureTopology } from "./fixture-topology";

const lab = fixtureTopology("lab");
const stopped = fixtureTopology("owner-stopped");
const idOf = (name: string) => lab.containers.find((c) => c.name === name)!.id;
const networkId = (name: string) => lab.networks.find((n) => n.name === name)!.id;

describe("entity revisions", () => {
  it("change for what a change touched", () => {
    // web stopped: web itself, and lab-mynet which lost web's endpoint.
    expect(containerRevision(stopped, idOf("web"))).not.toBe(containerRevision(lab, idOf("web")));
    expect(networkRevision(stopped, networkId("lab-mynet"))).not.toBe(
      networkRevision(lab, networkId("lab-mynet")),
    );
  });

  it("stay the same for what it did not touch", () => {
    expect(containerRevision(stopped, idOf("db"))).toBe(containerRevision(lab, idOf("db")));
    expect(networkRevision(stopped, networkId("lab-backend"))).toBe(
      networkRevision(lab, networkId("lab-backend")),
    );
  });
});
