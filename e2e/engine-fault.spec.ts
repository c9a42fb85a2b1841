import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { PrivateEngine } from "../tests/support/private-engine";
import { startServer } from "../tests/support/spawn-server";
import { SseClient } from "../tests/support/sse-client";

// An engine of the test's own is killed under a running server and brought back: clients hear
// "down" within 5 s, the page says so and dims, and after the restart everything converges —
// including a network created while the clients still saw the engine as down.
const engine = new PrivateEngine("fault", "10.240.0.1/24");
let server: Awaited<ReturnType<typeof startServer>>;

test.beforeAll(async () => {
  await engine.destroy();
  await engine.start();
  engine.cli("network", "create", "--subnet", "10.241.0.0/24", "nl-fault-before");
  server = await startServer(Number(process.env.NETLENS_TEST_PORT_FAULT ?? 3297), {
    DOCKER_HOST: engine.host,
  });
});

test.afterAll(async () => {
  await server?.stop();
  await engine.destroy();
});

test("engine killed → down within 5 s and a banner; restarted → the client converges", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const client = await SseClient.open(server.url);
  await client.waitFor((c) => c.engineStatus === "up" && !!c.topology, "engine up");
  await page.goto(server.url);
  await expect(
    page.locator('[data-testid="graph-network"][data-name="nl-fault-before"]'),
  ).toHaveCount(1);

  const killedAt = Date.now();
  engine.kill();
  await client.waitFor((c) => c.engineStatus === "down", "engine down", 5_000);
  expect(Date.now() - killedAt).toBeLessThan(5_000);
  await expect(page.getByTestId("engine-down-banner")).toContainText(
    /Docker engine unreachable — showing state as of \d\d:\d\d:\d\d/,
    { timeout: 5_000 },
  );
  await expect(page.locator('[data-engine="down"]')).toHaveCount(1);
  // The last known map stays on screen.
  await expect(
    page.locator('[data-testid="graph-network"][data-name="nl-fault-before"]'),
  ).toHaveCount(1);

  await engine.start();
  engine.cli("network", "create", "--subnet", "10.242.0.0/24", "nl-fault-during");
  await client.waitFor(
    (c) =>
      c.engineStatus === "up" && !!c.topology?.networks.some((n) => n.name === "nl-fault-during"),
    "reconnect and the network made meanwhile",
    45_000,
  );
  await expect(
    page.locator('[data-testid="graph-network"][data-name="nl-fault-during"]'),
  ).toHaveCount(1, {
    timeout: 45_000,
  });
  await expect(page.getByTestId("engine-down-banner")).toHaveCount(0);
  await expect(page.locator('[data-engine="down"]')).toHaveCount(0);
  await client.close();

  expect(readFileSync(server.log, "utf8")).not.toMatch(/unhandled|uncaught/i);
});
