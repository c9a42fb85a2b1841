import { expect, test } from "@playwright/test";
import type { Topology } from "@/lib/topology/types";
import { docker, dockerQuietly, inspectContainer } from "../support/docker-cli";
import { PrivateEngine } from "../support/private-engine";
import { bearer, TEST_SERVER_ENV } from "../support/server";
import { startServer } from "../support/spawn-server";
import { SseClient } from "../support/sse-client";

// The live feed's memory is the engine: /api/topology answers from it with no Engine call, exactly
// what a fresh read gives, comes back within 2 s of the engine, and never drifts — not even through
// swarm init/leave, for which Docker sends no network event.
const IMAGE = TEST_SERVER_ENV.NETLENS_PROBE_IMAGE;
const B = "nl-t-burst";

test.describe("from memory, on the shared engine", () => {
  test.afterAll(() => {
    dockerQuietly(
      ["rm", "-f", `${B}-1`, `${B}-2`, `${B}-3`],
      ["network", "rm", `${B}-net`, `${B}-gone`],
    );
  });

  test("a burst of changes, then /api/topology: no Engine call, and what docker inspect says", async ({
    request,
  }) => {
    // Warm: the feed follows the engine from the first request on.
    expect((await request.get("/api/topology")).status()).toBe(200);
    const label = ["--label", "netlens.test=1"];
    docker("network", "create", ...label, `${B}-net`);
    docker("network", "create", ...label, `${B}-gone`);
    for (const n of [1, 2, 3]) {
      docker("run", "-d", ...label, "--name", `${B}-${n}`, "--network", `${B}-net`, IMAGE);
    }
    docker("network", "connect", `${B}-gone`, `${B}-2`);
    docker("network", "disconnect", `${B}-net`, `${B}-2`);
    docker("network", "disconnect", `${B}-gone`, `${B}-2`);
    docker("network", "rm", `${B}-gone`);
    docker("rm", "-f", `${B}-3`);
    docker("network", "connect", "--alias", "late", `${B}-net`, `${B}-2`);

    const res = await request.get("/api/topology");
    expect(res.headers()["x-netlens-engine-calls"]).toBe("0");
    const topology = (await res.json()) as Topology;
    const mine = topology.containers.filter((c) => c.name.startsWith(`${B}-`));
    expect(mine.map((c) => c.name).sort()).toEqual([`${B}-1`, `${B}-2`]);
    expect(topology.networks.some((n) => n.name === `${B}-gone`)).toBe(false);
    for (const c of mine) {
      const truth = inspectContainer(c.name);
      const expected = Object.values(truth.NetworkSettings.Networks)
        .map((n) => ({
          id: n.EndpointID,
          networkId: n.NetworkID,
          ipv4Address: `${n.IPAddress}/${n.IPPrefixLen}`,
          aliases: n.Aliases ?? [],
        }))
        .sort((a, b) => a.id.localeCompare(b.id));
      const actual = topology.endpoints
        .filter((e) => e.containerId === truth.Id)
        .map(({ id, networkId, ipv4Address, aliases }) => ({ id, networkId, ipv4Address, aliases }))
        .sort((a, b) => a.id.localeCompare(b.id));
      expect(actual, c.name).toEqual(expected);
      expect(c.state).toBe(truth.State.Status);
    }
  });
});

test.describe("a private engine: killed, back, and swarm cycles", () => {
  const engine = new PrivateEngine("consist", "10.243.0.1/24");
  let server: Awaited<ReturnType<typeof startServer>>;
  test.describe.configure({ mode: "serial" });
  test.setTimeout(120_000);

  test.beforeAll(async () => {
    await engine.destroy();
    await engine.start();
    server = await startServer(3236, { DOCKER_HOST: engine.host });
  });
  test.afterAll(async () => {
    await server?.stop();
    await engine.destroy();
  });

  const topology = async () => {
    const res = await fetch(`${server.url}/api/topology`, { headers: bearer("admin") });
    return { status: res.status, calls: res.headers.get("x-netlens-engine-calls"), res };
  };

  test("no Engine call while the feed is up; a fresh read while the engine is down", async () => {
    await topology();
    const warm = await topology();
    expect(warm.status).toBe(200);
    expect(warm.calls).toBe("0");
    const client = await SseClient.open(server.url, bearer("viewer"));
    try {
      await client.waitFor((c) => c.engineStatus === "up", "engine up");
      engine.kill();
      await client.waitFor((c) => c.engineStatus === "down", "engine down", 5_000);
      const down = await topology();
      expect(down.status).toBe(503);
    } finally {
      await client.close();
    }
  });

  test("back within 2 s of the engine answering, with what was made meanwhile", async () => {
    const client = await SseClient.open(server.url, bearer("viewer"));
    try {
      await client.waitFor((c) => c.engineStatus === "down", "engine down");
      await engine.start();
      const answering = Date.now();
      engine.cli("network", "create", "--subnet", "10.244.0.0/24", "nl-t-consist-during");
      await client.waitFor(
        (c) =>
          c.engineStatus === "up" &&
          !!c.topology?.networks.some((n) => n.name === "nl-t-consist-during"),
        "engine up and converged",
        10_000,
      );
      expect(Date.now() - answering).toBeLessThan(2_000);
      const after = await topology();
      expect(after.calls).toBe("0");
      const body = (await after.res.json()) as Topology;
      expect(body.networks.map((n) => n.name)).toContain("nl-t-consist-during");
    } finally {
      await client.close();
    }
  });

  test("swarm init/leave three times: the stream ends exactly at docker network ls", async () => {
    const client = await SseClient.open(server.url, bearer("viewer"));
    try {
      await client.waitFor((c) => c.engineStatus === "up" && !!c.topology, "engine up");
      for (let i = 0; i < 3; i++) {
        engine.cli("swarm", "init", "--advertise-addr", "127.0.0.1");
        engine.cli("swarm", "leave", "--force");
      }
      const truth = () =>
        engine
          .cli("network", "ls", "--no-trunc", "--format", "{{.ID}} {{.Name}}")
          .split("\n")
          .sort();
      const seen = (c: SseClient) =>
        (c.topology?.networks ?? []).map((n) => `${n.id} ${n.name}`).sort();
      await client.waitFor(
        (c) => JSON.stringify(seen(c)) === JSON.stringify(truth()),
        "the stream's networks equal docker network ls",
        15_000,
      );
      expect(seen(client).some((n) => n.endsWith(" docker_gwbridge"))).toBe(true);
      expect(seen(client).some((n) => n.endsWith(" ingress"))).toBe(false);
    } finally {
      await client.close();
    }
  });
});
