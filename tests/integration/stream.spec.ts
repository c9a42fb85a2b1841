import { expect, test } from "@playwright/test";
import type { Topology } from "@/lib/topology/types";
import { docker, dockerQuietly, inspectContainer, inspectNetwork } from "../support/docker-cli";
import { TEST_BASE_URL } from "../support/server";
import { comparable, SseClient } from "../support/sse-client";

// Changes made with the docker CLI must arrive as the right patches, and the patches folded into
// the first snapshot must equal what /api/topology reads from the engine afterwards.
test.describe.configure({ mode: "serial" });

const IMAGE = process.env.NETLENS_TEST_IMAGE ?? "netlens-busybox:latest";
const NET = "nl-t-live";
const CTR = "nl-t-live-c1";
let client: SseClient;

test.beforeAll(async () => {
  dockerQuietly(["rm", "-f", CTR], ["network", "rm", NET]);
  client = await SseClient.open(TEST_BASE_URL);
  await client.waitFor(
    (c) => c.topology !== null && c.engineStatus === "up",
    "snapshot and engine up",
  );
});

test.afterAll(async () => {
  await client?.close();
  dockerQuietly(["rm", "-f", CTR], ["network", "rm", NET]);
});

const patchCount = () => client.patches().length;
const patchesSince = (n: number) => client.patches().slice(n);
const networkNamed = (name: string) => client.topology?.networks.find((n) => n.name === name);
const containerNamed = (name: string) => client.topology?.containers.find((c) => c.name === name);

test("the stream opens with retry, a snapshot and the engine's status, all with increasing ids", async () => {
  expect(client.events[0]?.event).toBe("snapshot");
  expect(client.events[1]).toMatchObject({ event: "engine" });
  const ids = client.events.map((e) => Number(e.id));
  expect(ids.every((id, i) => i === 0 || id > (ids[i - 1] as number))).toBe(true);
});

test("network create → a patch upserting the network", async () => {
  const before = patchCount();
  docker("network", "create", "--label", "netlens.test=1", "--subnet", "10.231.0.0/24", NET);
  const id = inspectNetwork(NET).Id;
  await client.waitFor(() => !!networkNamed(NET), "the new network");
  const patch = patchesSince(before).find((p) => p.upserts.networks?.some((n) => n.id === id));
  expect(patch?.upserts.networks?.find((n) => n.id === id)).toMatchObject({
    name: NET,
    driver: "bridge",
    subnets: [{ subnet: "10.231.0.0/24" }],
  });
});

test("container run → container, sandbox and endpoint upserted", async () => {
  const before = patchCount();
  docker("run", "-d", "--label", "netlens.test=1", "--name", CTR, "--network", NET, IMAGE);
  const truth = inspectContainer(CTR);
  await client.waitFor(
    () =>
      containerNamed(CTR)?.state === "running" &&
      client.topology!.endpoints.some((e) => e.containerId === truth.Id),
    "the container running with its endpoint",
  );
  const upserts = patchesSince(before).flatMap((p) => [
    ...(p.upserts.sandboxes ?? []).map((s) => s.id),
    ...(p.upserts.endpoints ?? []).map((e) => e.id),
  ]);
  expect(upserts).toContain(truth.NetworkSettings.SandboxID);
  expect(upserts).toContain(truth.NetworkSettings.Networks[NET]?.EndpointID);
});

test("network connect → an endpoint upsert with Docker's address; disconnect → its removal", async () => {
  let before = patchCount();
  docker("network", "connect", "--alias", "live-alias", "lab-mynet", CTR);
  const ep = inspectContainer(CTR).NetworkSettings.Networks["lab-mynet"];
  await client.waitFor(
    () => client.topology!.endpoints.some((e) => e.id === ep?.EndpointID),
    "the endpoint",
  );
  const added = patchesSince(before)
    .flatMap((p) => p.upserts.endpoints ?? [])
    .find((e) => e.id === ep?.EndpointID);
  expect(added).toMatchObject({
    ipv4Address: `${ep?.IPAddress}/${ep?.IPPrefixLen}`,
    macAddress: ep?.MacAddress,
  });
  expect(added?.aliases).toContain("live-alias");

  before = patchCount();
  docker("network", "disconnect", "lab-mynet", CTR);
  await client.waitFor(
    () => !client.topology!.endpoints.some((e) => e.id === ep?.EndpointID),
    "endpoint gone",
  );
  expect(patchesSince(before).flatMap((p) => p.removals.endpoints ?? [])).toContain(ep?.EndpointID);
});

test("stop → sandbox and endpoint removed, container exited; start → back with new ones", async () => {
  const running = inspectContainer(CTR);
  let before = patchCount();
  docker("stop", "-t", "0", CTR);
  await client.waitFor(() => containerNamed(CTR)?.state === "exited", "the container exited");
  const removed = patchesSince(before).flatMap((p) => [
    ...(p.removals.sandboxes ?? []),
    ...(p.removals.endpoints ?? []),
  ]);
  expect(removed).toContain(running.NetworkSettings.SandboxID);
  expect(removed).toContain(running.NetworkSettings.Networks[NET]?.EndpointID);
  expect(containerNamed(CTR)?.sandboxId).toBeNull();

  before = patchCount();
  docker("start", CTR);
  await client.waitFor(
    () => containerNamed(CTR)?.state === "running" && !!containerNamed(CTR)?.sandboxId,
    "restarted",
  );
  expect(containerNamed(CTR)?.sandboxId).toBe(inspectContainer(CTR).NetworkSettings.SandboxID);
});

test("rm and network rm → removals; the folded patches equal /api/topology", async ({
  request,
}) => {
  const ctrId = inspectContainer(CTR).Id;
  const netId = inspectNetwork(NET).Id;
  const before = patchCount();
  docker("rm", "-f", CTR);
  docker("network", "rm", NET);
  await client.waitFor(() => !containerNamed(CTR) && !networkNamed(NET), "both removed");
  const removals = patchesSince(before).flatMap((p) => [
    ...(p.removals.containers ?? []),
    ...(p.removals.networks ?? []),
  ]);
  expect(removals).toEqual(expect.arrayContaining([ctrId, netId]));

  let fresh: Topology | null = null;
  for (let i = 0; i < 20; i++) {
    fresh = (await (await request.get("/api/topology")).json()) as Topology;
    if (JSON.stringify(comparable(fresh)) === JSON.stringify(comparable(client.topology))) break;
    await new Promise((r) => setTimeout(r, 150));
  }
  expect(comparable(client.topology)).toEqual(comparable(fresh));
});

test("a client back with Last-Event-ID gets only what it missed; an unknown id gets a snapshot", async () => {
  const lastId = client.events.at(-1)?.id as string;
  docker("network", "create", "--label", "netlens.test=1", "--subnet", "10.232.0.0/24", `${NET}-2`);
  try {
    await client.waitFor(() => !!networkNamed(`${NET}-2`), "second network");
    const resumed = await SseClient.open(TEST_BASE_URL, { "Last-Event-ID": lastId });
    await resumed.waitFor((c) => c.events.length > 0, "replayed events");
    await new Promise((r) => setTimeout(r, 300));
    expect(resumed.events.every((e) => e.event !== "snapshot")).toBe(true);
    expect(resumed.events.some((e) => e.event === "patch" && e.data.includes(`${NET}-2`))).toBe(
      true,
    );
    await resumed.close();

    const stale = await SseClient.open(TEST_BASE_URL, { "Last-Event-ID": "1" });
    await stale.waitFor((c) => c.topology !== null, "a fresh snapshot");
    expect(stale.events[0]?.event).toBe("snapshot");
    await stale.close();
  } finally {
    docker("network", "rm", `${NET}-2`);
  }
});
