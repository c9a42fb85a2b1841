import { expect, test } from "@playwright/test";
import { docker, dockerQuietly } from "../support/docker-cli";
import { startServer } from "../support/spawn-server";
import { SseClient } from "../support/sse-client";

// A server of its own, so the subscriber counts are this test's alone.
const CLIENTS = 50;
const NET = "nl-t-fanout";
let server: Awaited<ReturnType<typeof startServer>>;

test.beforeAll(async () => {
  server = await startServer(Number(process.env.NETLENS_TEST_PORT_FANOUT ?? 3298), {
    // All 50 clients are one viewer: let them past the per-session cap (tested below).
    NETLENS_STREAMS_PER_SESSION: "100",
  });
});
test.afterAll(async () => {
  await server?.stop();
  dockerQuietly(["network", "rm", NET]);
});

type Health = { stream: { subscribers: number; upstreams: number } };

test(`${CLIENTS} clients get identical patches; closed, they leave 0 subscribers and 1 upstream`, async ({
  request,
}) => {
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, () => SseClient.open(server.url)),
  );
  await Promise.all(clients.map((c) => c.waitFor((x) => x.topology !== null, "snapshot")));
  const health = (await (await request.get(`${server.url}/api/health`)).json()) as Health;
  expect(health.stream).toEqual({ subscribers: CLIENTS, upstreams: 1 });

  // Every client is subscribed now: what follows must reach all of them the same.
  const firstNew = Math.max(...clients.map((c) => Number(c.events.at(-1)?.id)));
  // Seen, then removed: a create and remove within one coalescing window rightly cancel out.
  const netId = docker("network", "create", "--label", "netlens.test=1", NET);
  await Promise.all(
    clients.map((c) =>
      c.waitFor((x) => !!x.topology?.networks.some((n) => n.id === netId), "the network"),
    ),
  );
  docker("network", "rm", NET);
  await Promise.all(
    clients.map((c) =>
      c.waitFor(
        (x) => x.patches().some((p) => p.removals.networks?.includes(netId)),
        "the removal",
      ),
    ),
  );
  const tail = (c: SseClient) => c.events.filter((e) => Number(e.id) > firstNew);
  const reference = JSON.stringify(tail(clients[0] as SseClient));
  expect(tail(clients[0] as SseClient).length).toBeGreaterThanOrEqual(2);
  for (const c of clients) expect(JSON.stringify(tail(c))).toBe(reference);

  await Promise.all(clients.map((c) => c.close()));
  let after: Health | null = null;
  for (let i = 0; i < 40; i++) {
    after = (await (await request.get(`${server.url}/api/health`)).json()) as Health;
    if (after.stream.subscribers === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(after?.stream).toEqual({ subscribers: 0, upstreams: 1 });
});
