import { expect, test } from "@playwright/test";
import { startServer } from "../tests/support/spawn-server";

// A server pointed at a socket where no engine listens: it must say so plainly, never crash.
const NO_ENGINE = "unix:///tmp/netlens-test-no-engine.sock";
let server: Awaited<ReturnType<typeof startServer>>;

test.beforeAll(async () => {
  server = await startServer(Number(process.env.NETLENS_TEST_PORT_DOWN ?? 3299), {
    DOCKER_HOST: NO_ENGINE,
  });
});
test.afterAll(async () => {
  await server?.stop();
});

test("/api/topology answers 503 with a plain message; /api/health answers 200 saying so", async ({
  request,
}) => {
  const res = await request.get(`${server.url}/api/topology`);
  expect(res.status()).toBe(503);
  expect(await res.json()).toEqual({
    error: {
      code: "engine_unreachable",
      message: `Docker engine unreachable at ${NO_ENGINE}: no socket there (is dockerd running?)`,
    },
  });
  const health = await request.get(`${server.url}/api/health`);
  expect(health.status()).toBe(200);
  expect((await health.json()).engine).toMatchObject({ reachable: false, endpoint: NO_ENGINE });
});

test("the page says the engine is unreachable, and where", async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByTestId("engine-error")).toContainText(
    `Docker engine unreachable at ${NO_ENGINE}`,
  );
});
