import { expect, test } from "@playwright/test";
import type { Topology } from "@/lib/topology/types";
import { bearer } from "../support/server";
import { SseClient } from "../support/sse-client";
import { swarmCli, swarmEngine, swarmLabUp } from "../support/swarm-lab";
import { startSwarmServer } from "../support/swarm-server";

// The cluster live: what Docker's own events tell (service updates, node changes, containers on
// each engine) and what they do not (tasks changing state: polled from the manager) all arrive as
// patches; one engine dying never stops the other's part of the map.
const SERVICE = "lab-svc";
const LIVE_MS = 30_000;

test.describe.configure({ mode: "serial" });

let server: Awaited<ReturnType<typeof startSwarmServer>>;
let stream: SseClient;

test.beforeAll(async () => {
  server = await startSwarmServer(3403);
  stream = await SseClient.open(server.url);
  await expect.poll(() => stream.topology?.services.length ?? 0).toBeGreaterThan(0);
});

test.afterAll(async () => {
  // Whatever failed, the lab is left as the next test expects it (lab-solo does not restart with
  // its engine: `up` starts it again).
  try {
    swarmEngine("start", "node2");
    swarmCli("node1", "node", "update", "--availability", "active", "node2");
    swarmCli("node1", "service", "update", "--detach", "--replicas-max-per-node", "1", SERVICE);
    swarmCli("node1", "service", "scale", "--detach", `${SERVICE}=2`);
  } finally {
    await swarmLabUp();
  }
  stream?.close();
  await server?.stop();
});

const service = (t: Topology | null) => t?.services.find((s) => s.name === SERVICE);
const runningTasks = (t: Topology | null) =>
  (t?.tasks ?? []).filter((x) => x.serviceId === service(t)?.id && x.state === "running");
const nodeOf = (t: Topology | null, hostname: string) =>
  t?.nodes.find((n) => n.hostname === hostname);

test("docker service scale up and down: replicas, tasks and their containers follow", async () => {
  // One task a node at most: the third replica has nowhere to go, and says so.
  swarmCli("node1", "service", "update", "--detach", "--replicas-max-per-node", "2", SERVICE);
  swarmCli("node1", "service", "scale", "--detach", `${SERVICE}=3`);
  await expect
    .poll(() => [service(stream.topology)?.replicas, runningTasks(stream.topology).length], {
      timeout: LIVE_MS,
    })
    .toEqual([3, 3]);
  await expect.poll(() => service(stream.topology)?.runningTasks, { timeout: LIVE_MS }).toBe(3);
  // Every running task's container is on the map, on the engine of its node.
  const t = stream.topology;
  for (const task of runningTasks(t)) {
    const node = t?.nodes.find((n) => n.id === task.nodeId);
    await expect
      .poll(() => stream.topology?.containers.find((c) => c.id === task.containerId)?.engineId, {
        timeout: LIVE_MS,
      })
      .toBe(node?.engineId);
  }

  swarmCli("node1", "service", "scale", "--detach", `${SERVICE}=2`);
  await expect
    .poll(() => [service(stream.topology)?.replicas, runningTasks(stream.topology).length], {
      timeout: LIVE_MS,
    })
    .toEqual([2, 2]);
  swarmCli("node1", "service", "update", "--detach", "--replicas-max-per-node", "1", SERVICE);
});

test("node2 drained: its availability changes live, and its task moves or waits with its reason", async () => {
  swarmCli("node1", "node", "update", "--availability", "drain", "node2");
  await expect
    .poll(() => nodeOf(stream.topology, "node2")?.availability, { timeout: LIVE_MS })
    .toBe("drain");
  // Placement allows one task a node: the drained node's task cannot move, and the manager says why.
  await expect
    .poll(
      () => {
        const t = stream.topology;
        return runningTasks(t).every((x) => x.nodeId !== nodeOf(t, "node2")?.id);
      },
      { timeout: LIVE_MS },
    )
    .toBe(true);
  await expect
    .poll(
      () =>
        (stream.topology?.tasks ?? []).some(
          (x) => x.state === "pending" && /no suitable node/.test(`${x.error} ${x.message}`),
        ),
      { timeout: LIVE_MS },
    )
    .toBe(true);

  swarmCli("node1", "node", "update", "--availability", "active", "node2");
  await expect.poll(() => runningTasks(stream.topology).length, { timeout: LIVE_MS }).toBe(2);
});

test("node2's engine killed: its part is marked down while node1 stays live; restarted, it converges", async () => {
  swarmEngine("kill", "node2");
  await expect
    .poll(() => stream.topology?.engines.find((e) => e.id === "node2")?.status, { timeout: 15_000 })
    .toBe("down");
  const t = stream.topology;
  expect(t?.engines.find((e) => e.id === "node1")?.status).toBe("up");
  // node2's last known part stays on the map, marked by its engine.
  expect(t?.containers.some((c) => c.engineId === "node2")).toBe(true);
  expect(stream.engineStatus).toBe("up");

  // node1 is still followed live.
  const label = ["--label", "netlens.test=1"];
  swarmCli("node1", "network", "create", ...label, "nl-t-while-node2-down");
  try {
    await expect
      .poll(() => stream.topology?.networks.some((n) => n.name === "nl-t-while-node2-down"), {
        timeout: LIVE_MS,
      })
      .toBe(true);
  } finally {
    swarmCli("node1", "network", "rm", "nl-t-while-node2-down");
  }

  swarmEngine("start", "node2");
  await expect
    .poll(() => stream.topology?.engines.find((e) => e.id === "node2")?.status, {
      timeout: LIVE_MS,
    })
    .toBe("up");
  // Converged: the stream's model is what a fresh read of both engines gives.
  await expect
    .poll(
      async () => {
        const res = await fetch(`${server.url}/api/topology`, { headers: bearer("viewer") });
        const fresh = (await res.json()) as Topology;
        const strip = (x: Topology | null) =>
          JSON.stringify({ ...x, generatedAt: "", engine: null });
        return strip(fresh) === strip(stream.topology);
      },
      { timeout: LIVE_MS },
    )
    .toBe(true);
});
