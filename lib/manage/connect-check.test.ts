import { describe, expect, it } from "vitest";
import { fixtureTopology } from "../graph/fixture-topology";
import {
  alreadyConnected,
  connectBlocker,
  connectFieldProblems,
  networkBlocker,
  parseAliases,
} from "./connect-check";

const lab = fixtureTopology("lab");
const container = (name: string) => lab.containers.find((c) => c.name === name)!;
const network = (name: string) => lab.networks.find((n) => n.name === name)!;
const none = { aliases: "", ipv4Address: "", ipv6Address: "" };

describe("connectBlocker", () => {
  it("refuses a container: mode container and says to connect its owner", () => {
    const reason = connectBlocker(lab, container("web-sidecar"));
    expect(reason).toMatch(/shares the network stack of web/);
    expect(reason).toMatch(/Connect web instead/);
  });

  it("refuses host and none mode, allows the rest", () => {
    expect(connectBlocker(lab, container("hostnet"))).toMatch(/--network host/);
    expect(connectBlocker(lab, container("isolated"))).toMatch(/--network none/);
    expect(connectBlocker(lab, container("db"))).toBeNull();
    expect(connectBlocker(lab, container("batch"))).toBeNull();
  });
});

describe("networkBlocker and alreadyConnected", () => {
  it("refuses the host and none networks", () => {
    expect(networkBlocker(network("host"))).not.toBeNull();
    expect(networkBlocker(network("none"))).not.toBeNull();
    expect(networkBlocker(network("lab-backend"))).toBeNull();
  });

  it("knows running endpoints and a stopped container's configured networks", () => {
    expect(alreadyConnected(lab, container("api"), network("lab-backend"))).toBe(true);
    expect(alreadyConnected(lab, container("web"), network("lab-backend"))).toBe(false);
    // web-sidecar lives in web's namespace: web's endpoints are its own.
    expect(alreadyConnected(lab, container("web-sidecar"), network("lab-mynet"))).toBe(true);
    expect(alreadyConnected(lab, container("batch"), network("lab-mynet"))).toBe(true);
  });
});

describe("connectFieldProblems", () => {
  it("accepts a static address inside the subnet", () => {
    expect(
      connectFieldProblems({ ...none, ipv4Address: "172.21.0.50" }, network("lab-backend")),
    ).toEqual([]);
  });

  it("names the subnet an address falls outside of", () => {
    const [problem] = connectFieldProblems(
      { ...none, ipv4Address: "10.9.0.1" },
      network("lab-backend"),
    );
    expect(problem).toEqual({
      field: "ipv4Address",
      message: "10.9.0.1 is outside lab-backend's subnet 172.21.0.0/24",
    });
  });

  it("refuses aliases and static addresses on the default bridge, as Docker does", () => {
    const problems = connectFieldProblems(
      { aliases: "a", ipv4Address: "172.17.0.50", ipv6Address: "" },
      network("bridge"),
    );
    expect(problems.map((p) => p.field).sort()).toEqual(["aliases", "ipv4Address"]);
  });

  it("splits aliases on commas and spaces", () => {
    expect(parseAliases(" api, api-v2  api ,")).toEqual(["api", "api-v2"]);
  });
});
