import { describe, expect, it } from "vitest";
import { buildTopology } from "./build-topology";
import { loadSnapshot } from "./test-fixtures";
import { HOST_SANDBOX_ID, type Topology } from "./types";

const FULL_ID = /^[0-9a-f]{64}$/;

function lab() {
  const snapshot = loadSnapshot("lab");
  return { snapshot, topology: buildTopology(snapshot, new Date("2026-01-01T00:00:00Z")) };
}

const inspectOf = (snapshot: ReturnType<typeof loadSnapshot>, id: string) =>
  snapshot.containers.find((c) => c.Id === id);
const container = (t: Topology, name: string) => {
  const c = t.containers.find((x) => x.name === name);
  if (!c) throw new Error(`no container ${name} in fixture`);
  return c;
};
const network = (t: Topology, name: string) => {
  const n = t.networks.find((x) => x.name === name);
  if (!n) throw new Error(`no network ${name} in fixture`);
  return n;
};
const endpointsOf = (t: Topology, name: string) =>
  t.endpoints.filter((e) => e.containerId === container(t, name).id);
const sandboxOf = (t: Topology, name: string) =>
  t.sandboxes.find((s) => s.id === container(t, name).sandboxId);

describe("buildTopology on the recorded lab", () => {
  const { snapshot, topology } = lab();

  it("names the engine and stamps the time", () => {
    expect(topology.engine).toEqual({
      id: snapshot.info.ID,
      name: snapshot.info.Name,
      serverVersion: snapshot.info.ServerVersion,
      apiVersion: "1.41",
    });
    expect(topology.generatedAt).toBe("2026-01-01T00:00:00.000Z");
  });

  it("gives every running container exactly one sandbox, and stopped ones none", () => {
    for (const c of topology.containers) {
      const holders = topology.sandboxes.filter((s) => s.containerIds.includes(c.id));
      if (c.state === "running") {
        expect(
          holders.map((s) => s.id),
          c.name,
        ).toEqual([c.sandboxId]);
      } else {
        expect(c.sandboxId, c.name).toBeNull();
        expect(holders, c.name).toEqual([]);
      }
    }
    const batch = container(topology, "batch");
    expect(batch.state).toBe("exited");
    expect(batch.networkNames).toEqual(["lab-mynet"]);
    expect(endpointsOf(topology, "batch")).toEqual([]);
  });

  it("uses full Docker ids, and Docker's SandboxID for a container's own sandbox", () => {
    for (const c of topology.containers) expect(c.id).toMatch(FULL_ID);
    for (const n of topology.networks) expect(n.id).toMatch(FULL_ID);
    for (const e of topology.endpoints) {
      expect(e.id).toMatch(FULL_ID);
      expect(e.networkId).toMatch(FULL_ID);
    }
    const web = container(topology, "web");
    expect(web.sandboxId).toBe(inspectOf(snapshot, web.id)?.NetworkSettings.SandboxID);
    expect(web.sandboxId).toMatch(FULL_ID);
  });

  it("lists a container: mode sidecar in its owner's sandbox, owner first, with no endpoints", () => {
    const web = container(topology, "web");
    const sidecar = container(topology, "web-sidecar");
    expect(sidecar.networkMode).toBe(`container:${web.id}`);
    expect(sidecar.sandboxId).toBe(web.sandboxId);
    expect(sandboxOf(topology, "web")).toEqual({
      id: web.sandboxId,
      kind: "container",
      engineId: "local",
      containerIds: [web.id, sidecar.id],
    });
    expect(endpointsOf(topology, "web-sidecar")).toEqual([]);
    expect(sidecar.networkWarning).toBeNull();
  });

  it("puts host-mode containers in the one host sandbox, with an address-less endpoint on host", () => {
    const hostnet = container(topology, "hostnet");
    // Docker gives each host-mode container a SandboxID of its own, yet the namespace is the host's.
    expect(inspectOf(snapshot, hostnet.id)?.NetworkSettings.SandboxID).toMatch(FULL_ID);
    expect(hostnet.sandboxId).toBe(HOST_SANDBOX_ID);
    const hostSandboxes = topology.sandboxes.filter((s) => s.kind === "host");
    expect(hostSandboxes).toEqual([
      { id: HOST_SANDBOX_ID, kind: "host", containerIds: [hostnet.id], engineId: "local" },
    ]);
    const [ep, ...more] = endpointsOf(topology, "hostnet");
    expect(more).toEqual([]);
    expect(ep).toMatchObject({
      networkId: network(topology, "host").id,
      sandboxId: HOST_SANDBOX_ID,
      ipv4Address: null,
      ipv6Address: null,
      macAddress: null,
    });
  });

  it("gives a none-mode container its own sandbox whose only endpoint is on none", () => {
    const isolated = container(topology, "isolated");
    expect(sandboxOf(topology, "isolated")).toEqual({
      id: isolated.sandboxId,
      kind: "container",
      engineId: "local",
      containerIds: [isolated.id],
    });
    const eps = endpointsOf(topology, "isolated");
    expect(eps.map((e) => e.networkId)).toEqual([network(topology, "none").id]);
    expect(eps[0]?.ipv4Address).toBeNull();
  });

  it("gives a multi-homed container one endpoint per network in one sandbox", () => {
    const api = container(topology, "api");
    const eps = endpointsOf(topology, "api");
    expect(eps.map((e) => e.networkId).sort()).toEqual(
      [network(topology, "lab-mynet").id, network(topology, "lab-backend").id].sort(),
    );
    expect(new Set(eps.map((e) => e.sandboxId))).toEqual(new Set([api.sandboxId]));
    for (const e of eps) expect(e.ipv4Address).toMatch(/^172\.2[01]\.0\.\d+\/(16|24)$/);
  });

  it("takes addresses, MACs and aliases from the engine, addresses in CIDR form", () => {
    const db = container(topology, "db");
    const raw = inspectOf(snapshot, db.id)?.NetworkSettings.Networks ?? {};
    for (const e of endpointsOf(topology, "db")) {
      const settings = Object.values(raw).find((n) => n.EndpointID === e.id);
      expect(settings).toBeDefined();
      expect(e.ipv4Address).toBe(`${settings?.IPAddress}/${settings?.IPPrefixLen}`);
      expect(e.macAddress).toBe(settings?.MacAddress);
      expect(e.aliases).toEqual(settings?.Aliases ?? []);
    }
    const onMynet = endpointsOf(topology, "db").find(
      (e) => e.networkId === network(topology, "lab-mynet").id,
    );
    expect(onMynet?.aliases).toContain("database");
  });

  it("keeps published ports, with the host address they bind", () => {
    const web = container(topology, "web");
    expect(web.ports).toEqual([
      { ip: "0.0.0.0", privatePort: 80, publicPort: 8080, type: "tcp" },
      { ip: "::", privatePort: 80, publicPort: 8080, type: "tcp" },
      { ip: "127.0.0.1", privatePort: 443, publicPort: 8443, type: "tcp" },
    ]);
  });

  it("describes networks: predefined, internal, subnets, driver options", () => {
    const bridge = network(topology, "bridge");
    expect(bridge).toMatchObject({ predefined: true, driver: "bridge", internal: false });
    expect(bridge.subnets.map((s) => s.subnet)).toEqual(["172.17.0.0/16"]);
    expect(bridge.options["com.docker.network.bridge.name"]).toBe("docker0");
    expect(network(topology, "host").predefined).toBe(true);
    expect(network(topology, "none").predefined).toBe(true);
    expect(network(topology, "lab-mynet")).toMatchObject({
      predefined: false,
      subnets: [{ subnet: "172.20.0.0/16", gateway: "172.20.0.1" }],
      labels: { "netlens.lab": "1" },
    });
    expect(network(topology, "lab-backend").internal).toBe(true);
    expect(network(topology, "lab-macvlan")).toMatchObject({
      driver: "macvlan",
      options: { parent: "nl-lab-mv0", macvlan_mode: "bridge" },
    });
  });

  it("strips Docker's leading slash from names and keeps the order stable", () => {
    const names = topology.containers.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(names.every((n) => !n.startsWith("/"))).toBe(true);
    expect(container(topology, "legacy").networkMode).toBe("default");
  });

  it("takes state, image and labels from the same inspect as the endpoints", () => {
    const web = container(topology, "web");
    expect(web).toMatchObject({
      image: "netlens-busybox:latest",
      state: "running",
      exitCode: null,
      error: null,
      labels: { "netlens.lab": "1" },
    });
    expect(web.startedAt).toBe(inspectOf(snapshot, web.id)?.State.StartedAt);
    expect(container(topology, "batch")).toMatchObject({ state: "exited", exitCode: 0 });
  });
});

describe("buildTopology on namespaces Docker misreports", () => {
  it("warns when a sidecar's owner is stopped: the sidecar is alone with loopback", () => {
    const t = buildTopology(loadSnapshot("owner-stopped"));
    const sidecar = container(t, "web-sidecar");
    expect(container(t, "web").sandboxId).toBeNull();
    expect(sidecar.state).toBe("running");
    expect(sidecar.sandboxId).toBe(sidecar.id);
    expect(sandboxOf(t, "web-sidecar")?.containerIds).toEqual([sidecar.id]);
    expect(sidecar.networkWarning).toMatch(/web is not running/);
  });

  it("warns when the owner restarted after the sidecar: Docker still says container:web", () => {
    const t = buildTopology(loadSnapshot("owner-restarted"));
    const web = container(t, "web");
    const sidecar = container(t, "web-sidecar");
    expect(sidecar.networkMode).toBe(`container:${web.id}`);
    expect(sidecar.sandboxId).not.toBe(web.sandboxId);
    expect(sandboxOf(t, "web")?.containerIds).toEqual([web.id]);
    expect(sidecar.networkWarning).toMatch(/web restarted after this container started/);
  });
});

describe("buildTopology on a container that failed to start", () => {
  it("keeps Docker's error, so the UI can say why (ipvlan unsupported by this kernel)", () => {
    const t = buildTopology(loadSnapshot("failed-start"));
    const ipv1 = container(t, "ipv1");
    expect(ipv1).toMatchObject({ state: "created", sandboxId: null, networkNames: ["lab-ipvlan"] });
    expect(ipv1.error).toBe("failed to create the ipvlan port: operation not supported");
    expect(network(t, "lab-ipvlan").driver).toBe("ipvlan");
  });
});
