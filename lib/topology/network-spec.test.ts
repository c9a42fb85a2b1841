import { describe, expect, it } from "vitest";
import { buildTopology } from "./build-topology";
import { cidrProblem, cidrsOverlap, parseAddress, parseCidr } from "./cidr";
import {
  dockerCreateCommand,
  networkSpecSchema,
  specProblems,
  type NetworkSpec,
} from "./network-spec";
import { loadSnapshot } from "./test-fixtures";

// The engine's networks as recorded from the lab: lab-mynet 172.20.0.0/16, lab-backend
// 172.21.0.0/24, lab-macvlan 10.77.0.0/24, the default bridge 172.17.0.0/16.
const existing = buildTopology(loadSnapshot("lab")).networks;
const spec = (over: Partial<NetworkSpec>): NetworkSpec => ({
  name: "nl-new",
  driver: "bridge",
  ...over,
});
const problems = (over: Partial<NetworkSpec>) => specProblems(spec(over), existing);

describe("cidr", () => {
  it("parses IPv4 and IPv6, masks host bits, refuses nonsense", () => {
    expect(parseCidr("10.1.2.3/24")?.base).toBe(parseAddress("10.1.2.0")?.value);
    expect(parseCidr("fd00:1::5/64")?.family).toBe(6);
    expect(parseAddress("::ffff:10.0.0.1")?.family).toBe(6);
    for (const bad of [
      "300.1.1.0/24",
      "10.0.0.0/33",
      "10.0.0/24",
      "fd00::/129",
      "1.2.3.4",
      "01.2.3.4/8",
      "a/b",
    ]) {
      expect(parseCidr(bad), bad).toBeNull();
    }
    expect(cidrProblem("300.1.1.0/24")).toMatch(/not an IPv4 or IPv6 address/);
    expect(cidrProblem("10.0.0.0/33")).toMatch(/\/33 is not a valid IPv4 prefix length/);
    expect(cidrProblem("10.0.0.0")).toMatch(/needs a prefix length/);
  });

  it("tells overlapping ranges from neighbours", () => {
    const a = parseCidr("172.20.0.0/16")!;
    expect(cidrsOverlap(a, parseCidr("172.20.5.0/24")!)).toBe(true);
    expect(cidrsOverlap(a, parseCidr("172.21.0.0/24")!)).toBe(false);
    expect(cidrsOverlap(a, parseCidr("fd00::/64")!)).toBe(false);
  });
});

describe("specProblems against the recorded lab", () => {
  it("accepts a clean dual-stack bridge", () => {
    expect(
      problems({
        ipv6: true,
        ipam: {
          config: [
            { subnet: "10.60.0.0/24", gateway: "10.60.0.1" },
            { subnet: "fd00:60::/64", gateway: "fd00:60::1" },
          ],
        },
      }),
    ).toEqual([]);
  });

  it("names the existing network a subnet overlaps", () => {
    expect(problems({ ipam: { config: [{ subnet: "172.20.5.0/24" }] } })).toEqual([
      {
        field: "ipam.config[0].subnet",
        message: '172.20.5.0/24 overlaps network "lab-mynet" (172.20.0.0/16)',
        kind: "conflict",
      },
    ]);
  });

  it("finds addresses outside their subnet, and ranges that stray", () => {
    const found = problems({
      ipam: {
        config: [
          {
            subnet: "10.61.0.0/24",
            gateway: "10.9.0.1",
            ipRange: "10.61.1.0/25",
            auxAddresses: { router: "10.62.0.1" },
          },
        ],
      },
    });
    expect(found.map((p) => p.field)).toEqual([
      "ipam.config[0].gateway",
      "ipam.config[0].ipRange",
      "ipam.config[0].auxAddresses.router",
    ]);
    expect(found[0]?.message).toBe("10.9.0.1 is outside subnet 10.61.0.0/24");
  });

  it("refuses what Docker refuses: two IPv4 subnets on bridge, IPv6 without ipv6, taken and predefined names", () => {
    expect(
      problems({ ipam: { config: [{ subnet: "10.63.0.0/24" }, { subnet: "10.64.0.0/24" }] } }),
    ).toEqual([
      expect.objectContaining({
        field: "ipam.config",
        message: expect.stringMatching(/at most one IPv4 and one IPv6/),
      }),
    ]);
    expect(problems({ ipam: { config: [{ subnet: "fd00:65::/64" }] } })[0]?.message).toMatch(
      /turn on IPv6/,
    );
    expect(problems({ name: "lab-mynet" })).toEqual([
      { field: "name", message: 'a network named "lab-mynet" already exists', kind: "conflict" },
    ]);
    expect(problems({ name: "host" })[0]).toMatchObject({ field: "name", kind: "forbidden" });
    expect(
      problems({
        ipam: { config: [{ subnet: "10.66.0.0/24" }, { subnet: "10.66.0.128/25" }] },
        driver: "macvlan",
      })[0]?.message,
    ).toMatch(/overlaps subnet 1 of this network/);
  });

  it("checks the known driver options", () => {
    const found = problems({
      options: {
        "com.docker.network.bridge.enable_icc": "yes",
        "com.docker.network.driver.mtu": "9",
        "com.docker.network.bridge.name": "a-very-long-bridge-name",
      },
    });
    expect(found.map((p) => p.field).sort()).toEqual([
      "options.com.docker.network.bridge.enable_icc",
      "options.com.docker.network.bridge.name",
      "options.com.docker.network.driver.mtu",
    ]);
    expect(
      specProblems(spec({ driver: "macvlan", options: { macvlan_mode: "l2" } }), existing)[0]
        ?.message,
    ).toMatch(/bridge, private, vepa, passthru/);
  });
});

describe("networkSpecSchema", () => {
  it("names the field it refuses, and refuses unknown keys", () => {
    const issue = (body: unknown) => {
      const r = networkSpecSchema.safeParse(body);
      return r.success
        ? null
        : `${r.error.issues[0]?.path.join(".")}: ${r.error.issues[0]?.message}`;
    };
    expect(issue({ name: "", driver: "bridge" })).toBe("name: is required");
    expect(issue({ name: "x".repeat(10_000), driver: "bridge" })).toMatch(
      /^name: must be at most 128/,
    );
    expect(issue({ name: "a\u0007b", driver: "bridge" })).toMatch(
      /^name: must not contain control characters/,
    );
    expect(issue({ name: "ok", driver: "bridge", extra: 1 })).toMatch(/extra/);
    expect(issue(JSON.parse('{"name":"ok","driver":"bridge","__proto__":{"x":1}}'))).toMatch(
      /__proto__/,
    );
  });
});

describe("dockerCreateCommand", () => {
  it("writes the equivalent CLI command, quoting only what needs it", () => {
    expect(
      dockerCreateCommand(
        spec({
          driver: "macvlan",
          ipam: { config: [{ subnet: "10.70.0.0/24", gateway: "10.70.0.1" }] },
          options: { parent: "eth0", macvlan_mode: "bridge" },
          labels: { team: "on call" },
        }),
      ),
    ).toBe(
      "docker network create --driver macvlan --subnet 10.70.0.0/24 --gateway 10.70.0.1 --opt parent=eth0 --opt macvlan_mode=bridge --label 'team=on call' nl-new",
    );
  });
});
