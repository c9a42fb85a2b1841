import { expect, test } from "@playwright/test";
import type { Endpoint, Topology } from "@/lib/topology/types";
import { bearer } from "../support/server";
import { swarmCli, type SwarmNode } from "../support/swarm-lab";
import { startSwarmServer } from "../support/swarm-server";

// The cluster as it is, across both nodes: the overlay once, with every node's endpoints (Docker's
// own inspect shows only the asking node's), services and tasks as the manager tells them, each
// node tied to the engine Netlens reaches on it.
const OVERLAY = "lab-overlay";
const SERVICE = "lab-svc";

type Member = { Name: string; EndpointID: string; IPv4Address: string };

function overlayMembers(node: SwarmNode) {
  const [inspect] = JSON.parse(swarmCli(node, "network", "inspect", OVERLAY)) as {
    Id: string;
    Containers: Record<string, Member> | null;
  }[];
  return Object.values(inspect?.Containers ?? {}).map((m) => ({
    id: m.EndpointID,
    ipv4Address: m.IPv4Address,
    engineId: node,
  }));
}

async function topologyOf(url: string): Promise<Topology> {
  const res = await fetch(`${url}/api/topology`, { headers: bearer("viewer") });
  expect(res.status).toBe(200);
  return (await res.json()) as Topology;
}

const endpointFacts = (e: Endpoint) => ({
  id: e.id,
  ipv4Address: e.ipv4Address,
  engineId: e.engineId,
});
const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

test.describe("both engines configured", () => {
  let server: Awaited<ReturnType<typeof startSwarmServer>>;
  test.beforeAll(async () => {
    server = await startSwarmServer(3401);
  });
  test.afterAll(async () => server?.stop());

  test("the overlay appears once, with exactly the endpoints each node's inspect lists, merged", async () => {
    // Read a fresh answer once the tasks the lab started are all placed.
    await expect
      .poll(async () => {
        const t = await topologyOf(server.url);
        return t.networks.filter((n) => n.name === OVERLAY).length;
      })
      .toBe(1);
    const expected = [...overlayMembers("node1"), ...overlayMembers("node2")].sort(byId);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    await expect
      .poll(async () => {
        const t = await topologyOf(server.url);
        const overlay = t.networks.find((n) => n.name === OVERLAY);
        return t.endpoints
          .filter((e) => e.networkId === overlay?.id)
          .map(endpointFacts)
          .sort(byId);
      })
      .toEqual(expected);
    const t = await topologyOf(server.url);
    const overlay = t.networks.find((n) => n.name === OVERLAY);
    expect(overlay).toMatchObject({ scope: "swarm", driver: "overlay", engineId: null });
    // Each node's load balancer for the overlay is Swarm's own sandbox, not a container.
    const lbs = t.sandboxes.filter((s) => s.kind === "load-balancer");
    expect(lbs.map((s) => s.engineId).sort()).toEqual(["node1", "node2"]);
    expect(
      t.sandboxes
        .filter((s) => s.kind === "ingress")
        .map((s) => s.engineId)
        .sort(),
    ).toEqual(["node1", "node2"]);
    expect(t.networks.find((n) => n.swarmRole === "ingress")).toMatchObject({ name: "ingress" });
    expect(
      t.networks
        .filter((n) => n.swarmRole === "gateway-bridge")
        .map((n) => n.engineId)
        .sort(),
    ).toEqual(["node1", "node2"]);
  });

  test("engines, nodes, services and tasks match docker info, node ls, service inspect and ps", async () => {
    const t = await topologyOf(server.url);
    expect(t.engines.map((e) => [e.id, e.status, e.swarm?.role])).toEqual([
      ["node1", "up", "manager"],
      ["node2", "up", "worker"],
    ]);
    for (const node of ["node1", "node2"] as const) {
      const nodeId = swarmCli(node, "info", "--format", "{{.Swarm.NodeID}}");
      expect(t.engines.find((e) => e.id === node)?.swarm?.nodeId).toBe(nodeId);
      expect(t.nodes.find((n) => n.id === nodeId)).toMatchObject({
        hostname: node,
        engineId: node,
        state: "ready",
      });
    }
    const clusterId = swarmCli("node1", "info", "--format", "{{.Swarm.Cluster.ID}}");
    expect(t.engines.map((e) => e.swarm?.clusterId)).toEqual([clusterId, clusterId]);

    const [svc] = JSON.parse(swarmCli("node1", "service", "inspect", SERVICE)) as {
      ID: string;
      Spec: { Mode: { Replicated?: { Replicas: number } }; EndpointSpec?: { Mode?: string } };
    }[];
    const overlayId = swarmCli("node1", "network", "inspect", "-f", "{{.Id}}", OVERLAY);
    expect(t.services.find((s) => s.name === SERVICE)).toMatchObject({
      id: svc?.ID,
      mode: "replicated",
      replicas: svc?.Spec.Mode.Replicated?.Replicas,
      runningTasks: 2,
      endpointMode: "dnsrr",
      virtualIPs: [],
      networkIds: [overlayId],
    });

    const taskIds = swarmCli("node1", "service", "ps", "-q", "--no-trunc", SERVICE)
      .split("\n")
      .filter(Boolean);
    const tasks = t.tasks.filter((task) => task.serviceId === svc?.ID);
    expect(tasks.map((task) => task.id).sort()).toEqual([...taskIds].sort());
    const inspected = JSON.parse(swarmCli("node1", "inspect", ...taskIds)) as {
      ID: string;
      NodeID: string;
      Status: { State: string; ContainerStatus?: { ContainerID?: string } };
      NetworksAttachments?: { Network: { ID: string }; Addresses: string[] }[];
    }[];
    for (const truth of inspected) {
      const task = tasks.find((x) => x.id === truth.ID);
      expect(task).toMatchObject({
        nodeId: truth.NodeID,
        state: truth.Status.State,
        containerId: truth.Status.ContainerStatus?.ContainerID || null,
      });
      const addresses = (truth.NetworksAttachments ?? []).flatMap((a) =>
        a.Addresses.map((address) => ({ networkId: a.Network.ID, address })),
      );
      expect(task?.addresses).toEqual(addresses);
    }
    // A running task's container is on the map, on the engine of the task's node.
    for (const task of tasks.filter((x) => x.state === "running")) {
      const container = t.containers.find((c) => c.id === task.containerId);
      const node = t.nodes.find((n) => n.id === task.nodeId);
      expect(container).toMatchObject({ taskId: task.id, serviceId: svc?.ID });
      expect(container?.engineId).toBe(node?.engineId);
    }
    // Each engine keeps its own bridge, host and none.
    for (const engineId of ["node1", "node2"]) {
      const own = t.networks.filter((n) => n.engineId === engineId && n.predefined);
      expect(own.map((n) => n.name).sort()).toEqual(["bridge", "host", "none"]);
    }
  });

  test("a container's and a local network's panel data come from the engine that has them", async () => {
    const res = await fetch(`${server.url}/api/containers/lab-solo`, { headers: bearer("viewer") });
    expect(res.status).toBe(200);
    const details = (await res.json()) as { container: { engineId: string; name: string } };
    expect(details.container).toMatchObject({ name: "lab-solo", engineId: "node2" });

    const gwbridge2 = swarmCli("node2", "network", "inspect", "-f", "{{.Id}}", "docker_gwbridge");
    const net = await fetch(`${server.url}/api/networks/${gwbridge2}`, {
      headers: bearer("viewer"),
    });
    expect(net.status).toBe(200);
    expect(((await net.json()) as { network: { engineId: string } }).network.engineId).toBe(
      "node2",
    );
  });
});

test("with only the manager configured, node2's tasks still show on the overlay with their addresses", async () => {
  const server = await startSwarmServer(3402, ["node1"]);
  try {
    const t = await topologyOf(server.url);
    expect(t.engines.map((e) => e.id)).toEqual(["node1"]);
    const node2 = t.nodes.find((n) => n.hostname === "node2");
    expect(node2).toMatchObject({ engineId: null });
    const overlay = t.networks.find((n) => n.name === OVERLAY);
    const remote = t.tasks.filter((task) => task.nodeId === node2?.id && task.state === "running");
    expect(remote.length).toBeGreaterThan(0);
    for (const task of remote) {
      expect(task.addresses.some((a) => a.networkId === overlay?.id)).toBe(true);
      // Its container lives on an engine Netlens does not reach.
      expect(t.containers.some((c) => c.id === task.containerId)).toBe(false);
    }
    // No endpoint of node2 is invented: the overlay's endpoints are node1's.
    expect(
      t.endpoints.filter((e) => e.networkId === overlay?.id).every((e) => e.engineId === "node1"),
    ).toBe(true);
  } finally {
    await server.stop();
  }
});
