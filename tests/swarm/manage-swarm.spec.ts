import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { bearer } from "../support/server";
import { swarmCli, type SwarmNode } from "../support/swarm-lab";
import { startSwarmServer } from "../support/swarm-server";

// Changing networks across engines, against the two-node lab (node1 the manager, node2 a worker
// running lab-solo): an attachable overlay created on the manager, joined by the worker's own
// container, left and removed — each step checked with the docker CLI on the node concerned.
test.describe.configure({ mode: "serial" });

const OVERLAY = "nl-t-overlay";
const SUBNET = "10.232.0.0/24";
const BRIDGE = "nl-t-node1-bridge";
const SOLO = "lab-solo";
const LABELS = { "netlens.test": "1" };

/** Runs `docker -H <node> …`, for cleanup: a failure (nothing to remove) is fine. */
function quietly(node: SwarmNode, ...args: string[]): string {
  try {
    return swarmCli(node, ...args);
  } catch {
    return "";
  }
}

/** What earlier runs may have left: lab-solo off our overlay, then our networks, by label. */
function cleanup() {
  quietly("node2", "network", "disconnect", "--force", OVERLAY, SOLO);
  for (const node of ["node2", "node1"] as const) {
    const ids = quietly(node, "network", "ls", "-q", "--filter", "label=netlens.test=1");
    for (const id of ids.split("\n").filter(Boolean)) quietly(node, "network", "rm", id);
  }
}

type NetworkInspect = {
  Id: string;
  Scope: string;
  Driver: string;
  Attachable: boolean;
  Labels: Record<string, string>;
  IPAM: { Config: { Subnet: string }[] };
};
const inspectOn = (node: SwarmNode, name: string): NetworkInspect[] =>
  JSON.parse(quietly(node, "network", "inspect", name) || "[]") as NetworkInspect[];

/** lab-solo's endpoints on node2, by network name, as node2's engine has them. */
const soloNetworks = (): Record<string, { IPAddress: string }> =>
  (
    JSON.parse(swarmCli("node2", "inspect", SOLO)) as {
      NetworkSettings: { Networks: Record<string, { IPAddress: string }> };
    }[]
  )[0]?.NetworkSettings.Networks ?? {};

let server: Awaited<ReturnType<typeof startSwarmServer>>;
let api: APIRequestContext;

test.beforeAll(async () => {
  cleanup();
  server = await startSwarmServer(3404);
  api = await request.newContext({
    baseURL: server.url,
    extraHTTPHeaders: { ...bearer("admin"), "Content-Type": "application/json" },
  });
});
test.afterAll(async () => {
  cleanup();
  await api?.dispose();
  await server?.stop();
});

const overlaySpec = (engineId: string) => ({
  name: OVERLAY,
  driver: "overlay",
  attachable: true,
  ipam: { config: [{ subnet: SUBNET }] },
  labels: LABELS,
  engineId,
});

async function errorOf(res: Awaited<ReturnType<APIRequestContext["post"]>>) {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

test("an overlay on the worker → 409 naming the manager, and nothing is created", async () => {
  const res = await api.post("/api/networks", { data: overlaySpec("node2") });
  expect(res.status()).toBe(409);
  expect((await errorOf(res)).message).toBe(
    "driver: node2 is a swarm worker: overlay networks are created on a manager (node1)",
  );
  expect(inspectOn("node1", OVERLAY)).toEqual([]);
});

test("an unknown engineId → 400 naming engineId and the known engines", async () => {
  const res = await api.post("/api/networks", { data: overlaySpec("node9") });
  expect(res.status()).toBe(400);
  expect((await errorOf(res)).message).toBe(
    'engineId: Netlens has no engine "node9" (it knows node1, node2)',
  );
});

test("an attachable overlay created on the manager → 201, as node1's docker has it", async () => {
  const res = await api.post("/api/networks", { data: overlaySpec("node1") });
  expect(res.status()).toBe(201);
  const [truth] = inspectOn("node1", OVERLAY);
  expect(truth).toMatchObject({
    Scope: "swarm",
    Driver: "overlay",
    Attachable: true,
    Labels: LABELS,
    IPAM: { Config: [{ Subnet: SUBNET }] },
  });
  expect(await res.json()).toMatchObject({
    id: truth?.Id,
    name: OVERLAY,
    scope: "swarm",
    attachable: true,
    engineId: null,
    subnets: [{ subnet: SUBNET }],
  });
});

test("lab-solo, on the worker, joins the overlay: its endpoint is on node2", async () => {
  const res = await api.post(`/api/networks/${OVERLAY}/connect`, {
    data: { containerId: SOLO },
  });
  expect(res.status()).toBe(200);
  expect(soloNetworks()[OVERLAY]?.IPAddress).toMatch(/^10\.232\.0\.\d+$/);
});

test("an engineId that disagrees with where the container runs → 400 naming engineId", async () => {
  const res = await api.post(`/api/networks/${OVERLAY}/disconnect`, {
    data: { containerId: SOLO, engineId: "node1" },
  });
  expect(res.status()).toBe(400);
  expect((await errorOf(res)).message).toBe("engineId: lab-solo runs on node2, not on node1");
  expect(soloNetworks()[OVERLAY]).toBeDefined();
});

test("disconnect → the endpoint is gone from node2", async () => {
  const res = await api.post(`/api/networks/${OVERLAY}/disconnect`, {
    data: { containerId: SOLO, engineId: "node2" },
  });
  expect(res.status()).toBe(200);
  expect(soloNetworks()[OVERLAY]).toBeUndefined();
});

test("remove → 204 (on the manager) and node1 no longer has it", async () => {
  const res = await api.delete(`/api/networks/${OVERLAY}`);
  expect(res.status()).toBe(204);
  expect(inspectOn("node1", OVERLAY)).toEqual([]);
});

test("a container cannot join another engine's local network → 409 saying where each is", async () => {
  const created = await api.post("/api/networks", {
    data: { name: BRIDGE, driver: "bridge", labels: LABELS, engineId: "node1" },
  });
  expect(created.status()).toBe(201);
  const res = await api.post(`/api/networks/${BRIDGE}/connect`, { data: { containerId: SOLO } });
  expect(res.status()).toBe(409);
  expect((await errorOf(res)).message).toBe(
    `${SOLO} runs on node2; network ${BRIDGE} is on node1 — a container can only join networks of its own engine (or a swarm overlay)`,
  );
  expect(soloNetworks()[BRIDGE]).toBeUndefined();
  expect((await api.delete(`/api/networks/${BRIDGE}?engineId=node1`)).status()).toBe(204);
});
