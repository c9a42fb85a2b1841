import { describe, expect, it } from "vitest";
import { fixtureTopology } from "../graph/fixture-topology";
import {
  buildNetworkSpec,
  checkNetworkForm,
  emptySubnetRow,
  fieldOfPath,
  initialNetworkForm,
  slotOfProblem,
  type NetworkForm,
} from "./network-form";

// The recorded lab: lab-mynet 172.20.0.0/16, lab-backend 172.21.0.0/24, lab-macvlan 10.77.0.0/24.
const existing = fixtureTopology("lab").networks;
const row = (subnet: string, gateway = "", ipRange = "") => ({
  ...emptySubnetRow(),
  subnet,
  gateway,
  ipRange,
});
const form = (over: Partial<NetworkForm>): NetworkForm => ({
  ...initialNetworkForm(),
  name: "nl-new",
  ...over,
});

describe("buildNetworkSpec", () => {
  it("leaves out what is empty, so Docker's defaults apply", () => {
    const { spec } = buildNetworkSpec(form({}));
    expect(spec).toEqual({ name: "nl-new", driver: "bridge" });
  });

  it("keeps only the current driver's known options, flags as empty values", () => {
    const { spec } = buildNetworkSpec(
      form({
        driver: "overlay",
        attachable: true,
        driverOptions: { encrypted: "true", parent: "eth0" },
      }),
    );
    expect(spec).toEqual({
      name: "nl-new",
      driver: "overlay",
      attachable: true,
      options: { encrypted: "" },
    });
  });

  it("maps spec subnets back to the rows they came from, skipping empty rows", () => {
    const built = buildNetworkSpec(
      form({ subnets: [row(""), row("10.61.0.0/24", "10.61.0.1")], ipamDriver: "default" }),
    );
    expect(built.spec.ipam).toEqual({ config: [{ subnet: "10.61.0.0/24", gateway: "10.61.0.1" }] });
    expect(built.rowOfConfig).toEqual([1]);
  });

  it("says when a label or option has a value but no name, or is set twice", () => {
    const built = buildNetworkSpec(
      form({
        labels: [{ id: 1, key: "", value: "x" }],
        driver: "macvlan",
        driverOptions: { parent: "eth0" },
        extraOptions: [{ id: 2, key: "parent", value: "eth1" }],
      }),
    );
    expect(built.formProblems.map((p) => p.field).sort()).toEqual(["labels", "options.parent"]);
    expect(built.spec.options).toEqual({ parent: "eth0" });
  });
});

describe("checkNetworkForm against the recorded lab", () => {
  it("accepts a dual-stack bridge and shows its docker command", () => {
    const check = checkNetworkForm(
      form({
        ipv6: true,
        subnets: [row("10.62.0.0/24", "10.62.0.1"), row("fd00:62::/64", "fd00:62::1")],
      }),
      existing,
    );
    expect(check.problems).toEqual([]);
    expect(check.command).toBe(
      "docker network create --driver bridge --subnet 10.62.0.0/24 --gateway 10.62.0.1 " +
        "--subnet fd00:62::/64 --gateway fd00:62::1 --ipv6 nl-new",
    );
  });

  it("names the network a subnet overlaps, and the bridge's one-subnet-per-family rule", () => {
    const check = checkNetworkForm(
      form({ subnets: [row("10.63.0.0/24"), row("172.20.5.0/24")] }),
      existing,
    );
    const overlap = check.problems.find((p) => p.field === "ipam.config[1].subnet");
    expect(overlap).toMatchObject({ kind: "conflict" });
    expect(overlap?.message).toContain("lab-mynet");
    expect(check.problems.some((p) => p.field === "ipam.config")).toBe(true);
  });

  it("sends the chosen engine and aims the command at it; no engine, no change", () => {
    const host = "unix:///run/netlens-swarm/node2/docker.sock";
    const check = checkNetworkForm(form({ engineId: "node2" }), existing, host);
    expect(check.spec).toEqual({ name: "nl-new", driver: "bridge", engineId: "node2" });
    expect(check.command).toBe(`docker -H ${host} network create --driver bridge nl-new`);
    expect(buildNetworkSpec(form({})).spec).not.toHaveProperty("engineId");
  });

  it("reports a schema problem once, not again from specProblems", () => {
    const check = checkNetworkForm(form({ name: "" }), existing);
    expect(check.problems.filter((p) => p.field === "name")).toHaveLength(1);
  });

  it("turns zod paths into specProblems' field names", () => {
    expect(fieldOfPath(["ipam", "config", 0, "gateway"])).toBe("ipam.config[0].gateway");
    expect(fieldOfPath(["options", "com.docker.network.driver.mtu"])).toBe(
      "options.com.docker.network.driver.mtu",
    );
  });
});

describe("slotOfProblem", () => {
  it("places each problem beside its field", () => {
    expect(slotOfProblem("ipam.config[0].gateway", [2], "bridge")).toBe("row:2:gateway");
    expect(slotOfProblem("ipam.config[0].auxAddresses.host", [0], "bridge")).toBe("row:0:aux");
    expect(slotOfProblem("ipam.config", [0], "bridge")).toBe("subnets");
    expect(slotOfProblem("options.com.docker.network.driver.mtu", [], "bridge")).toBe(
      "opt:com.docker.network.driver.mtu",
    );
    expect(slotOfProblem("options.parent", [], "bridge")).toBe("options");
    expect(slotOfProblem("options.parent", [], "macvlan")).toBe("opt:parent");
    expect(slotOfProblem("labels.a", [], "bridge")).toBe("labels");
  });
});
