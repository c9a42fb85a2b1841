import { expect, request, test, type APIRequestContext } from "@playwright/test";
import type { HistoryPage } from "@/lib/history/types";
import type { ProbeResult, Reachability } from "@/lib/topology/reach-types";
import type { Topology } from "@/lib/topology/types";
import { docker, dockerQuietly, inspectContainer, networkNames } from "../support/docker-cli";
import { bearer, TEST_SERVER_ENV } from "../support/server";
import { SseClient } from "../support/sse-client";
import {
  asked,
  forgetRecording,
  saveRecording,
  startBehindProxy,
  type BehindProxy,
} from "./behind-proxy";

// Least privilege, proven: a server whose only way to the engine is the default-deny proxy's
// full profile (the endpoints the README lists) walks the integration suite's paths — the map,
// details, the live stream, every network change, reachability and its probe, history — and
// the proxy refuses nothing. What it forwarded is kept for endpoints.spec.ts.
test.describe.configure({ mode: "serial" });
test.setTimeout(90_000);

const PORT = 3501;
const P = "nl-t-px";
const IMAGE = TEST_SERVER_ENV.NETLENS_PROBE_IMAGE;
const LABELS = { "netlens.test": "1" };
const RUN = ["run", "-d", "--label", "netlens.test=1", "--dns", "127.0.0.1"];
let s: BehindProxy;
// Playwright's client, not fetch: undici reuses a keep-alive connection the server may be
// closing that very moment ("other side closed").
let api: APIRequestContext;

function cleanup() {
  dockerQuietly(
    ["rm", "-f", `${P}-live`, `${P}-a`, `${P}-b`],
    ["network", "rm", `${P}-net`],
    ["network", "rm", `${P}-unused`],
    ["network", "rm", `${P}-reach`],
  );
}

test.beforeAll(async () => {
  cleanup();
  forgetRecording("full-shared");
  s = await startBehindProxy("full", PORT);
  api = await request.newContext({ baseURL: s.url, extraHTTPHeaders: bearer("admin") });
});
test.afterAll(async () => {
  await api?.dispose();
  await s?.stop();
  cleanup();
});

const get = async (path: string) => {
  const res = await api.get(path);
  return { status: res.status(), body: (await res.json()) as unknown };
};
const send = async (method: string, path: string, body?: unknown) => {
  const res = await api.fetch(path, {
    method,
    headers: { "Content-Type": "application/json" },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status(), body: text ? (JSON.parse(text) as unknown) : null, text };
};

test("the map, details, drivers, exposure and advice, as the engine has them", async () => {
  const { status, body } = await get("/api/topology");
  expect(status).toBe(200);
  const topology = body as Topology;
  const names = topology.networks.map((n) => n.name);
  for (const lab of ["bridge", "host", "none", "lab-mynet", "lab-backend"]) {
    expect(names).toContain(lab);
  }
  expect(topology.containers.map((c) => c.name)).toContain("web");
  expect((await get("/api/networks/lab-mynet")).status).toBe(200);
  expect((await get("/api/containers/web")).status).toBe(200);
  const drivers = await get("/api/drivers");
  expect(drivers.status, JSON.stringify(drivers.body)).toBe(200);
  const health = (await get("/api/health")).body as { engine: { reachable: boolean } };
  expect(health.engine.reachable).toBe(true);
  expect((await get("/api/exposure")).status).toBe(200);
  expect((await get("/api/advice")).status).toBe(200);
});

test("the live stream: a container the CLI starts arrives as a patch", async () => {
  const client = await SseClient.open(s.url);
  try {
    await client.waitFor((c) => c.topology !== null && c.engineStatus === "up", "snapshot");
    docker(...RUN, "--name", `${P}-live`, "--network", "lab-mynet", IMAGE);
    await client.waitFor(
      (c) => c.topology?.containers.some((x) => x.name === `${P}-live`) ?? false,
      `${P}-live on the map`,
    );
    expect(client.patches().length).toBeGreaterThan(0);
  } finally {
    await client.close();
  }
});

test("create, connect, disconnect, remove and prune a network", async () => {
  const created = await send("POST", "/api/networks", {
    name: `${P}-net`,
    driver: "bridge",
    labels: LABELS,
    ipam: { config: [{ subnet: "10.86.0.0/24" }] },
  });
  expect(created.status, created.text).toBe(201);
  expect(networkNames(P)).toContain(`${P}-net`);

  const connected = await send("POST", `/api/networks/${P}-net/connect`, {
    containerId: `${P}-live`,
    aliases: ["px-alias"],
  });
  expect(connected.status, connected.text).toBe(200);
  expect(inspectContainer(`${P}-live`).NetworkSettings.Networks[`${P}-net`]?.Aliases).toContain(
    "px-alias",
  );
  const off = await send("POST", `/api/networks/${P}-net/disconnect`, {
    containerId: `${P}-live`,
  });
  expect(off.status, off.text).toBe(200);
  expect(inspectContainer(`${P}-live`).NetworkSettings.Networks[`${P}-net`]).toBeUndefined();

  const removed = await send("DELETE", `/api/networks/${P}-net`);
  expect(removed.status, removed.text).toBe(204);
  expect(networkNames(P)).not.toContain(`${P}-net`);

  const unusedId = docker("network", "create", "--label", "netlens.test=1", `${P}-unused`);
  // The map must know the network before a prune can offer it.
  await expect
    .poll(async () => ((await get("/api/topology")).body as Topology).networks.map((n) => n.id))
    .toContain(unusedId);
  const preview = await send("POST", "/api/networks/prune", { dryRun: true });
  expect(preview.status, preview.text).toBe(200);
  const pruned = await send("POST", "/api/networks/prune", {
    dryRun: false,
    networkIds: [unusedId],
  });
  expect(pruned.body).toEqual({
    dryRun: false,
    networks: [{ id: unusedId, name: `${P}-unused` }],
    failed: [],
  });
  expect(networkNames(P)).not.toContain(`${P}-unused`);
});

test("reachability: the prediction, and the probe from inside the source's namespace", async () => {
  docker("network", "create", "--label", "netlens.test=1", `${P}-reach`);
  docker(...RUN, "--name", `${P}-a`, "--network", `${P}-reach`, IMAGE);
  docker(
    ...RUN,
    "--name",
    `${P}-b`,
    "--network",
    `${P}-reach`,
    IMAGE,
    "httpd",
    "-f",
    "-p",
    "80",
    "-h",
    "/var/www",
  );
  const query = new URLSearchParams({ from: `${P}-a`, to: `${P}-b`, port: "80" });
  await expect
    .poll(async () => (await get(`/api/reachability?${query}`)).status, { timeout: 15_000 })
    .toBe(200);
  const prediction = (await get(`/api/reachability?${query}`)).body as Reachability;
  expect(prediction.verdict).toBe("reachable");

  const probed = await send("POST", "/api/reachability/probe", {
    from: `${P}-a`,
    to: `${P}-b`,
    port: 80,
  });
  expect(probed.status, probed.text).toBe(200);
  const result = probed.body as ProbeResult;
  expect(result.agrees, JSON.stringify(result.observed)).toBe(true);
  expect(result.observed.connect.ok).toBe(true);
  expect(docker("ps", "-aq", "--filter", "label=netlens.probe=1")).toBe("");
});

test("history: the changes above, and the map at a moment of them", async () => {
  const { status, body } = await get("/api/history?limit=500");
  expect(status, JSON.stringify(body)).toBe(200);
  const page = body as HistoryPage;
  const created = page.changes.find((c) => c.summary.includes(`${P}-net`));
  expect(created, page.changes.map((c) => c.summary).join("\n")).toBeDefined();
  const then = await get(`/api/topology?at=${encodeURIComponent(created?.at ?? "")}`);
  expect(then.status, JSON.stringify(then.body)).toBe(200);
  expect((then.body as Topology).networks.map((n) => n.name)).toContain(`${P}-net`);
});

test("the proxy refused nothing; what it forwarded is kept for the endpoint list", () => {
  expect(asked(s.proxy.records, false)).toEqual([]);
  expect(s.proxy.records.length).toBeGreaterThan(0);
  saveRecording("full-shared", s.proxy.records);
});
