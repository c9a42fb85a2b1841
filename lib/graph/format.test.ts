import { describe, expect, it } from "vitest";
import { fixtureTopology } from "./fixture-topology";
import {
  describeNetworkMode,
  describeStatus,
  humanDuration,
  exposedOnlyPorts,
  formatClock,
  formatPortMapping,
  publishedPortLines,
  stripCidr,
} from "./format";
import { driverClassOf } from "./drivers";

const lab = fixtureTopology("lab");
const web = lab.containers.find((c) => c.name === "web")!;
const sidecar = lab.containers.find((c) => c.name === "web-sidecar")!;

describe("port formatting", () => {
  it("formats the recorded web mappings, IPv4 before IPv6", () => {
    expect(publishedPortLines(web.ports)).toEqual([
      "0.0.0.0:8080→80/tcp",
      "[::]:8080→80/tcp",
      "127.0.0.1:8443→443/tcp",
    ]);
  });

  it("defaults a missing host IP to 0.0.0.0", () => {
    const recorded = web.ports.find((p) => p.publicPort === 8080 && p.ip === "0.0.0.0")!;
    // Docker leaves IP out of the summary when a port is bound on every address.
    const unbound = { privatePort: recorded.privatePort, publicPort: 8080, type: recorded.type };
    expect(formatPortMapping(unbound)).toBe("0.0.0.0:8080→80/tcp");
  });

  it("keeps exposed-only ports apart from published ones", () => {
    expect(exposedOnlyPorts(web.ports)).toEqual([]);
  });
});

describe("describeNetworkMode", () => {
  it("names the container whose namespace a joiner shares", () => {
    expect(sidecar.networkMode.startsWith("container:")).toBe(true);
    expect(describeNetworkMode(sidecar.networkMode, lab.containers)).toBe(
      "shares the network namespace of web",
    );
  });

  it("explains host mode", () => {
    const hostnet = lab.containers.find((c) => c.name === "hostnet")!;
    expect(describeNetworkMode(hostnet.networkMode, lab.containers)).toBe(
      "uses the host's network stack",
    );
  });
});

describe("small helpers", () => {
  it("strips the prefix length of recorded addresses", () => {
    for (const e of lab.endpoints) {
      if (e.ipv4Address) expect(stripCidr(e.ipv4Address)).not.toContain("/");
    }
  });

  it("classifies every recorded driver", () => {
    expect(lab.networks.map((n) => driverClassOf(n.driver)).sort()).toEqual(
      lab.networks.map((n) => (n.driver === "null" ? "none" : n.driver)).sort(),
    );
    expect(driverClassOf("weaveworks/net-plugin:latest")).toBe("other");
  });
});

describe("describeStatus", () => {
  it("words durations as docker ps does", () => {
    expect(humanDuration(500)).toBe("Less than a second");
    expect(humanDuration(45_000)).toBe("45 seconds");
    expect(humanDuration(70_000)).toBe("About a minute");
    expect(humanDuration(3 * 60_000)).toBe("3 minutes");
    expect(humanDuration(3 * 3_600_000)).toBe("3 hours");
    expect(humanDuration(3 * 86_400_000)).toBe("3 days");
  });

  it("describes the recorded running and exited containers", () => {
    const batch = lab.containers.find((c) => c.name === "batch")!;
    expect(web.startedAt).not.toBeNull();
    const later = Date.parse(web.startedAt!) + 3 * 60_000 + 5_000;
    expect(describeStatus(web, later)).toBe("Up 3 minutes");
    expect(batch.state).toBe("exited");
    const afterExit = Date.parse(batch.finishedAt!) + 2 * 3_600_000;
    expect(describeStatus(batch, afterExit)).toBe(`Exited (${batch.exitCode ?? 0}) 2 hours ago`);
  });
});

describe("formatClock", () => {
  it("gives local 24-hour HH:MM:SS, padded", () => {
    expect(formatClock(new Date(2026, 0, 1, 9, 5, 7).toISOString())).toBe("09:05:07");
    expect(formatClock(new Date(2026, 0, 1, 21, 30, 0).toISOString())).toBe("21:30:00");
  });

  it("leaves what it cannot read as it is", () => {
    expect(formatClock("soon")).toBe("soon");
  });
});
