import { expect, test } from "@playwright/test";
import type { Topology } from "@/lib/topology/types";
import { inspectContainer, inspectNetwork } from "../support/docker-cli";

// Every lab scenario, as /api/topology reports it, against `docker inspect` ground truth.
let topology: Topology;

test.beforeAll(async ({ request }) => {
  const res = await request.get("/api/topology");
  expect(res.status()).toBe(200);
  topology = (await res.json()) as Topology;
});

const modelOf = (name: string) => {
  const c = topology.containers.find((x) => x.name === name);
  if (!c) throw new Error(`${name} missing from /api/topology`);
  return c;
};
const endpointsOf = (id: string) => topology.endpoints.filter((e) => e.containerId === id);

test("web and db on a user-defined bridge: IPs, MACs and aliases match docker inspect", () => {
  for (const name of ["web", "db", "api"]) {
    const truth = inspectContainer(name);
    const model = modelOf(name);
    expect(model.id).toBe(truth.Id);
    expect(model.sandboxId).toBe(truth.NetworkSettings.SandboxID);
    const expected = Object.values(truth.NetworkSettings.Networks)
      .map((n) => ({
        id: n.EndpointID,
        networkId: n.NetworkID,
        ipv4Address: `${n.IPAddress}/${n.IPPrefixLen}`,
        macAddress: n.MacAddress,
        aliases: n.Aliases ?? [],
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
    const actual = endpointsOf(model.id)
      .map(({ id, networkId, ipv4Address, macAddress, aliases }) => ({
        id,
        networkId,
        ipv4Address,
        macAddress,
        aliases,
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
    expect(actual, name).toEqual(expected);
  }
  const mynet = inspectNetwork("lab-mynet");
  const net = topology.networks.find((n) => n.id === mynet.Id);
  expect(net?.subnets).toEqual([{ subnet: "172.20.0.0/16", gateway: "172.20.0.1" }]);
  // The network's own view of who is attached agrees with the endpoints (the lab's containers:
  // other test files attach their own nl-t-* containers meanwhile).
  const labOnly = (name: string | undefined) => !!name && !name.startsWith("nl-t-");
  const attached = Object.values(mynet.Containers)
    .filter((c) => labOnly(c.Name))
    .map((c) => c.EndpointID)
    .sort();
  const names = new Map(topology.containers.map((c) => [c.id, c.name]));
  expect(
    topology.endpoints
      .filter((e) => e.networkId === mynet.Id && labOnly(names.get(e.containerId)))
      .map((e) => e.id)
      .sort(),
  ).toEqual(attached);
});

test("multi-homed api has an endpoint on lab-mynet and on the internal lab-backend", () => {
  const api = modelOf("api");
  const nets = endpointsOf(api.id).map(
    (e) => topology.networks.find((n) => n.id === e.networkId)?.name,
  );
  expect(nets.sort()).toEqual(["lab-backend", "lab-mynet"]);
  expect(topology.networks.find((n) => n.name === "lab-backend")?.internal).toBe(
    inspectNetwork("lab-backend").Internal,
  );
});

test("the sidecar shares web's sandbox and has no endpoints of its own", () => {
  const web = inspectContainer("web");
  const sidecar = inspectContainer("web-sidecar");
  expect(sidecar.HostConfig.NetworkMode).toBe(`container:${web.Id}`);
  const sandbox = topology.sandboxes.find((s) => s.id === web.NetworkSettings.SandboxID);
  expect(sandbox?.containerIds).toEqual([web.Id, sidecar.Id]);
  expect(modelOf("web-sidecar").sandboxId).toBe(web.NetworkSettings.SandboxID);
  expect(endpointsOf(sidecar.Id)).toEqual([]);
});

test("legacy sits on the default bridge (docker0, 172.17.0.0/16)", () => {
  const truth = inspectContainer("legacy").NetworkSettings.Networks.bridge;
  const [ep] = endpointsOf(modelOf("legacy").id);
  expect(ep?.ipv4Address).toBe(`${truth?.IPAddress}/${truth?.IPPrefixLen}`);
  expect(ep?.ipv4Address).toMatch(/^172\.17\./);
  const bridge = topology.networks.find((n) => n.id === ep?.networkId);
  expect(bridge).toMatchObject({ name: "bridge", predefined: true });
  expect(bridge?.options["com.docker.network.bridge.name"]).toBe("docker0");
});

test("host-mode and none-mode containers", () => {
  const hostnet = inspectContainer("hostnet");
  expect(hostnet.NetworkSettings.SandboxKey).toBe("/var/run/docker/netns/default");
  expect(modelOf("hostnet").sandboxId).toBe("host");
  expect(topology.sandboxes.filter((s) => s.kind === "host")).toHaveLength(1);
  const [hostEp] = endpointsOf(hostnet.Id);
  expect(hostEp).toMatchObject({
    id: hostnet.NetworkSettings.Networks.host?.EndpointID,
    ipv4Address: null,
  });

  const isolated = inspectContainer("isolated");
  expect(modelOf("isolated").sandboxId).toBe(isolated.NetworkSettings.SandboxID);
  expect(endpointsOf(isolated.Id).map((e) => e.networkId)).toEqual([
    isolated.NetworkSettings.Networks.none?.NetworkID,
  ]);
});

test("published ports match docker inspect's port bindings", () => {
  const truth = inspectContainer("web").NetworkSettings.Ports;
  const expected = Object.entries(truth)
    .flatMap(([key, bindings]) => {
      const [port, type] = key.split("/");
      return (bindings ?? []).map((b) => ({
        ip: b.HostIp,
        privatePort: Number(port),
        publicPort: Number(b.HostPort),
        type,
      }));
    })
    .sort((a, b) => `${a.privatePort}${a.ip}`.localeCompare(`${b.privatePort}${b.ip}`));
  const actual = [...modelOf("web").ports].sort((a, b) =>
    `${a.privatePort}${a.ip}`.localeCompare(`${b.privatePort}${b.ip}`),
  );
  expect(actual).toEqual(expected);
  expect(actual).toContainEqual({ ip: "0.0.0.0", privatePort: 80, publicPort: 8080, type: "tcp" });
});

test("the macvlan network on a veth parent, and its container's fixed address", () => {
  const net = inspectNetwork("lab-macvlan");
  const model = topology.networks.find((n) => n.id === net.Id);
  expect(model).toMatchObject({
    driver: "macvlan",
    options: { parent: "nl-lab-mv0", macvlan_mode: "bridge" },
  });
  const [ep] = endpointsOf(modelOf("mv1").id);
  expect(ep).toMatchObject({ networkId: net.Id, ipv4Address: "10.77.0.10/24" });
});

test("a stopped container has no sandbox and no endpoints, but keeps its networks", () => {
  const batch = modelOf("batch");
  expect(batch).toMatchObject({ state: "exited", sandboxId: null, networkNames: ["lab-mynet"] });
  expect(endpointsOf(batch.id)).toEqual([]);
});
