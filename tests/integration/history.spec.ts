import { randomBytes } from "node:crypto";
import { existsSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { exportStateAt, parseHistoryExport } from "@/lib/history/export-file";
import type { HistoryChange, HistoryPage, TopologyDiff } from "@/lib/history/types";
import type { Topology } from "@/lib/topology/types";
import { docker, dockerQuietly } from "../support/docker-cli";
import { PrivateEngine } from "../support/private-engine";
import { bearer, TEST_BASE_URL, TEST_SERVER_ENV } from "../support/server";
import { startServer } from "../support/spawn-server";

// History on the real engine: every moment taken from /api/topology comes back from ?at=, the
// diff names what the CLI did, history outlives a restart (what happened meanwhile recorded as
// offline), an engine killed under the server is a gap, and a tiny size limit prunes.
const IMAGE = TEST_SERVER_ENV.NETLENS_PROBE_IMAGE;
const P = "nl-t-hist";
const LABEL = ["--label", "netlens.test=1"];

type Get = (path: string) => Promise<{ status: number; body: unknown; engineCalls: string | null }>;

/** GET through the test's own request context (the shared server), as the viewer. */
const viaRequest =
  (request: APIRequestContext): Get =>
  async (path) => {
    const res = await request.get(path, { headers: bearer("viewer") });
    const engineCalls = res.headers()["x-netlens-engine-calls"] ?? null;
    return { status: res.status(), body: await res.json(), engineCalls };
  };

/** GET on a server of the test's own, as the viewer. */
const viaFetch =
  (url: string): Get =>
  async (path) => {
    const res = await fetch(`${url}${path}`, { headers: bearer("viewer") });
    const engineCalls = res.headers.get("x-netlens-engine-calls");
    return { status: res.status, body: await res.json(), engineCalls };
  };

async function topologyOf(get: Get, query = ""): Promise<Topology> {
  const { status, body } = await get(`/api/topology${query}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body as Topology;
}

/**
 * /api/topology from the live feed's memory (no Engine call) once it shows what is expected: a
 * fresh read (the feed busy for 2 s, on a shared engine) may hold an event the feed has not
 * published yet, which history then has a moment later.
 */
async function fromMemory(get: Get, shows: (t: Topology) => boolean): Promise<Topology> {
  let topology: Topology | null = null;
  await expect
    .poll(
      async () => {
        const res = await get("/api/topology");
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        topology = res.engineCalls === "0" ? (res.body as Topology) : null;
        return topology !== null && shows(topology);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return topology!;
}

/** Every change in the window, page by page. */
async function allChanges(get: Get, window = ""): Promise<HistoryChange[]> {
  const changes: HistoryChange[] = [];
  let cursor: string | null = null;
  do {
    const q = `${window}&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const { status, body } = await get(`/api/history?${q}`);
    expect(status, JSON.stringify(body)).toBe(200);
    const page = body as HistoryPage;
    changes.push(...page.changes);
    cursor = page.nextCursor;
  } while (cursor);
  return changes;
}

async function historyPage(get: Get, query = ""): Promise<HistoryPage> {
  const { status, body } = await get(`/api/history?${query}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body as HistoryPage;
}

const enc = encodeURIComponent;
const mentions = (changes: HistoryChange[], text: string) =>
  changes.some((c) => c.summary.includes(text));

test.describe("moments on the shared engine", () => {
  const cleanup = () =>
    dockerQuietly(
      ["rm", "-f", `${P}-c`],
      ["network", "rm", `${P}-net`],
      ["network", "rm", `${P}-net2`],
    );
  test.beforeAll(cleanup);
  test.afterAll(cleanup);

  test("?at= each moment equals what /api/topology said then; the diff names what the CLI did", async ({
    request,
  }) => {
    test.setTimeout(120_000);
    const get = viaRequest(request);
    type Moment = { name: string; topology: Topology; wall: string };
    const moments: Moment[] = [];
    /** Wait until the map shows what the CLI did, then keep that moment. */
    const take = async (name: string, shows: (t: Topology) => boolean) => {
      const topology = await fromMemory(get, shows);
      moments.push({ name, topology, wall: new Date().toISOString() });
      return topology;
    };
    const container = (t: Topology) => t.containers.find((c) => c.name === `${P}-c`);
    const network = (t: Topology, name: string) => t.networks.find((n) => n.name === name);
    const endpointOn = (t: Topology, net: string) =>
      t.endpoints.find(
        (e) => e.containerId === container(t)?.id && e.networkId === network(t, net)?.id,
      );

    await take("before", (t) => !network(t, `${P}-net`));
    docker("network", "create", ...LABEL, `${P}-net`);
    await take("created network", (t) => !!network(t, `${P}-net`));
    docker(
      "run",
      "-d",
      ...LABEL,
      "--dns",
      "127.0.0.1",
      "--name",
      `${P}-c`,
      "--network",
      `${P}-net`,
      IMAGE,
    );
    await take(
      "ran container",
      (t) => container(t)?.state === "running" && !!endpointOn(t, `${P}-net`),
    );
    docker("network", "create", ...LABEL, `${P}-net2`);
    docker("network", "connect", `${P}-net2`, `${P}-c`);
    const connected = await take("connected", (t) => !!endpointOn(t, `${P}-net2`));
    docker("network", "disconnect", `${P}-net`, `${P}-c`);
    await take("disconnected", (t) => !endpointOn(t, `${P}-net`));
    docker("kill", `${P}-c`);
    await take("stopped", (t) => container(t)?.state === "exited");
    docker("rm", "-f", `${P}-c`);
    docker("network", "rm", `${P}-net2`);
    await take("removed", (t) => !container(t) && !network(t, `${P}-net2`));

    // Each moment, by the time its answer was made: exactly that answer, the whole engine.
    for (const m of moments) {
      const then = await topologyOf(get, `?at=${enc(m.topology.generatedAt)}`);
      expect({ ...then, generatedAt: null }, m.name).toEqual({ ...m.topology, generatedAt: null });
    }
    // By the wall clock just after it: the same for what this test made (other tests may
    // change the shared engine in between).
    const own = (t: Topology) => {
      const ids = new Set([
        ...t.networks.filter((n) => n.name.startsWith(P)).map((n) => n.id),
        ...t.containers.filter((c) => c.name.startsWith(P)).map((c) => c.id),
      ]);
      return {
        networks: t.networks.filter((n) => ids.has(n.id)),
        containers: t.containers.filter((c) => ids.has(c.id)),
        sandboxes: t.sandboxes.filter((s) => s.containerIds.some((c) => ids.has(c))),
        endpoints: t.endpoints.filter((e) => ids.has(e.containerId) || ids.has(e.networkId)),
      };
    };
    for (const m of moments) {
      const then = await topologyOf(get, `?at=${enc(m.wall)}`);
      expect(own(then), m.name).toEqual(own(m.topology));
    }

    // The diff across the connect: the new network and endpoint, and the container's networks.
    const [ran, , disconnected, stopped] = moments.slice(2);
    const ownIds = (t: Topology[]) => {
      const o = t.map(own);
      return new Set(
        o.flatMap((x) =>
          [...x.networks, ...x.containers, ...x.sandboxes, ...x.endpoints].map((e) => e.id),
        ),
      );
    };
    const diffOf = async (from: Moment, to: Moment) => {
      const q = `?from=${enc(from.topology.generatedAt)}&to=${enc(to.topology.generatedAt)}`;
      const { status, body } = await get(`/api/topology/diff${q}`);
      expect(status, JSON.stringify(body)).toBe(200);
      const diff = body as TopologyDiff;
      const mine = ownIds([from.topology, to.topology]);
      const keep = (ids: Partial<Record<string, string[]>>) =>
        Object.fromEntries(
          Object.entries(ids)
            .map(([k, v]) => [k, (v ?? []).filter((id) => mine.has(id))] as const)
            .filter(([, v]) => v.length),
        );
      return {
        added: keep(diff.added),
        removed: keep(diff.removed),
        changed: diff.changed.filter((c) => mine.has(c.id)),
      };
    };
    const c = container(connected)!;
    const net2 = network(connected, `${P}-net2`)!;
    const connectDiff = await diffOf(ran!, moments[3]!);
    expect(connectDiff.added).toEqual({
      networks: [net2.id],
      endpoints: [endpointOn(connected, `${P}-net2`)!.id],
    });
    expect(connectDiff.removed).toEqual({});
    expect(connectDiff.changed.map((x) => [x.kind, x.id])).toEqual([["containers", c.id]]);
    expect(connectDiff.changed[0]?.fields.networkNames).toEqual([
      [`${P}-net`],
      [`${P}-net`, `${P}-net2`],
    ]);

    // The stop: the container's state, its namespace and its endpoint gone.
    const stopDiff = await diffOf(disconnected!, stopped!);
    expect(stopDiff.added).toEqual({});
    expect(stopDiff.removed).toEqual({
      sandboxes: [container(disconnected!.topology)!.sandboxId],
      endpoints: [endpointOn(disconnected!.topology, `${P}-net2`)!.id],
    });
    expect(stopDiff.changed.map((x) => [x.kind, x.id])).toEqual([["containers", c.id]]);
    expect(stopDiff.changed[0]?.fields.state).toEqual(["running", "exited"]);

    // The list says it in words, in time order, page by page as in one.
    const window = `since=${enc(moments[0]!.topology.generatedAt)}&until=${enc(moments.at(-1)!.topology.generatedAt)}`;
    const changes = await allChanges(get, window);
    const paged: HistoryChange[] = [];
    let cursor: string | null = null;
    do {
      const page = await historyPage(
        get,
        `${window}&limit=2${cursor ? `&cursor=${enc(cursor)}` : ""}`,
      );
      expect(page.changes.length).toBeLessThanOrEqual(2);
      paged.push(...page.changes);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(changes);
    // Newest first, as the activity feed reaches back: the same changes the other way round.
    const backwards: HistoryChange[] = [];
    cursor = null;
    do {
      const q = `${window}&order=desc&limit=3${cursor ? `&cursor=${enc(cursor)}` : ""}`;
      const page = await historyPage(get, q);
      backwards.push(...page.changes);
      cursor = page.nextCursor;
    } while (cursor);
    expect(backwards).toEqual([...changes].reverse());
    expect(changes.map((x) => x.at)).toEqual([...changes.map((x) => x.at)].sort());
    const said = changes.map((x) => x.summary).join(" | ");
    for (const words of [
      `network ${P}-net created`,
      `${P}-c connected to ${P}-net2`,
      `${P}-c disconnected from ${P}-net `,
      `${P}-c stopped`,
      `network ${P}-net2 removed`,
    ]) {
      expect(said).toContain(words);
    }
    expect(changes.every((x) => x.engineId === "local")).toBe(true);

    // The export of the window reads back and rebuilds each moment in it.
    const res = await request.get(`/api/history/export?${window}`, { headers: bearer("viewer") });
    expect(res.status()).toBe(200);
    expect(res.headers()["content-disposition"]).toMatch(
      /^attachment; filename="netlens-history-.*\.json"$/,
    );
    const parsed = parseHistoryExport(await res.text());
    if (!parsed.ok) throw new Error(parsed.error);
    for (const m of moments) {
      expect(exportStateAt(parsed.file, Date.parse(m.topology.generatedAt)), m.name).toEqual(
        m.topology,
      );
    }
  });

  test("bad input → 400 naming the parameter, a time before history → 410, never 500", async ({
    request,
  }) => {
    const get = viaRequest(request);
    const { oldest } = await historyPage(get, "limit=1");
    expect(oldest).not.toBeNull();
    const cases: [string, number, RegExp][] = [
      ["/api/topology?at=yesterday", 400, /^at: .*not an ISO-8601 time/],
      ["/api/topology?at=2999-01-01T00:00:00Z", 400, /^at: .*is in the future/],
      ["/api/topology?at=now&fresh=1", 400, /^fresh: /],
      ["/api/topology?at=2000-01-01T00:00:00Z", 410, new RegExp(`goes back to ${oldest}`)],
      ["/api/history?limit=-1", 400, /^limit: /],
      ["/api/history?limit=1001", 400, /^limit: must be at most 1000/],
      ["/api/history?cursor=forged", 400, /^cursor: /],
      [`/api/history?cursor=${"MTIz"}.${"A".repeat(22)}`, 400, /^cursor: /],
      ["/api/history?since=2000-01-01T00:00:00Z", 410, /^since: .*goes back to/],
      ["/api/history?since=now&until=2000-01-01T00:00:00Z", 400, /^since: must not be after until/],
      ["/api/topology/diff?from=now", 400, /^to: /],
      ["/api/topology/diff?from=2000-01-01T00:00:00Z&to=now", 410, /^from: /],
      ["/api/history/export?until=tomorrow", 400, /^until: /],
    ];
    for (const [path, status, message] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(status);
      expect((res.body as { error: { message: string } }).error.message, path).toMatch(message);
    }
    // A cursor that is real but altered, or used for the other order.
    const page = await historyPage(get, "limit=1");
    if (page.nextCursor) {
      const [payload, mac] = page.nextCursor.split(".");
      const [order, id] = Buffer.from(payload!, "base64url").toString().split(":");
      const altered = `${Buffer.from(`${order}:${Number(id) + 1}`).toString("base64url")}.${mac}`;
      expect((await get(`/api/history?cursor=${enc(altered)}`)).status).toBe(400);
      const otherOrder = await get(`/api/history?order=desc&cursor=${enc(page.nextCursor)}`);
      expect(otherOrder.status).toBe(400);
    }
    // The viewer may read history; nobody without a login may.
    const anonymous = await fetch(`${TEST_BASE_URL}/api/history`);
    expect(anonymous.status).toBe(401);
  });
});

test.describe("servers of the test's own", () => {
  test.describe.configure({ mode: "serial" });
  const engine = new PrivateEngine("hist", "10.247.0.1/24");
  const dataDir = (name: string) => `/tmp/netlens-test-hist-${name}`;
  const fresh = (name: string) => {
    rmSync(dataDir(name), { recursive: true, force: true });
    return dataDir(name);
  };
  const cleanupShared = () =>
    dockerQuietly(["network", "rm", `${P}-r1`], ["network", "rm", `${P}-r2`]);

  test.beforeAll(async () => {
    cleanupShared();
    await engine.destroy();
    await engine.start();
  });
  test.afterAll(async () => {
    cleanupShared();
    await engine.destroy();
  });

  test("restart: history before the stop is intact, what changed meanwhile is one offline change", async () => {
    test.setTimeout(180_000);
    const env = { NETLENS_DATA_DIR: fresh("restart") };
    let server = await startServer(3237, env);
    try {
      let get = viaFetch(server.url);
      await expect
        .poll(async () => (await historyPage(get)).oldest, { timeout: 15_000 })
        .not.toBeNull();
      docker("network", "create", ...LABEL, `${P}-r1`);
      await expect
        .poll(async () => mentions(await allChanges(get), `network ${P}-r1 created`), {
          timeout: 15_000,
        })
        .toBe(true);
      const before = await allChanges(get);
      const withR1 = await fromMemory(get, (t) => t.networks.some((n) => n.name === `${P}-r1`));
      await server.stop();
      const stoppedAt = new Date().toISOString();

      docker("network", "create", ...LABEL, `${P}-r2`);
      docker("network", "rm", `${P}-r1`);
      server = await startServer(3237, env);
      get = viaFetch(server.url);
      await expect
        .poll(async () => (await allChanges(get)).some((c) => c.offline), { timeout: 15_000 })
        .toBe(true);
      const after = await allChanges(get);
      expect(after.slice(0, before.length)).toEqual(before);
      const offline = after.filter((c) => c.offline);
      expect(offline).toHaveLength(1);
      const [change] = offline;
      expect(Date.parse(change!.at)).toBeGreaterThan(Date.parse(stoppedAt));
      expect(change!.patch.upserts.networks?.map((n) => n.name)).toContain(`${P}-r2`);
      expect(change!.patch.removals.networks).toContain(
        withR1.networks.find((n) => n.name === `${P}-r1`)!.id,
      );
      expect(change!.summary).toContain(`network ${P}-r2 created`);
      expect(change!.summary).toContain(`network ${P}-r1 removed`);

      const { gaps } = await historyPage(get);
      const notRunning = gaps.filter((g) => g.reason === "not-running");
      expect(notRunning).toHaveLength(1);
      expect(Date.parse(notRunning[0]!.from)).toBeLessThanOrEqual(Date.parse(stoppedAt));
      expect(Date.parse(notRunning[0]!.until!)).toBeGreaterThanOrEqual(Date.parse(stoppedAt));
      // The moment before the stop is as it was; now is as the engine is.
      const then = await topologyOf(get, `?at=${enc(withR1.generatedAt)}`);
      expect({ ...then, generatedAt: null }).toEqual({ ...withR1, generatedAt: null });
      const names = (await topologyOf(get, `?at=now`)).networks.map((n) => n.name);
      expect(names).toContain(`${P}-r2`);
      expect(names).not.toContain(`${P}-r1`);
    } finally {
      await server.stop();
    }
  });

  test("engine killed and restarted: a gap, then changes resume", async () => {
    test.setTimeout(180_000);
    const server = await startServer(3238, {
      DOCKER_HOST: engine.host,
      NETLENS_DATA_DIR: fresh("fault"),
    });
    try {
      const get = viaFetch(server.url);
      await expect
        .poll(async () => (await historyPage(get)).oldest, { timeout: 15_000 })
        .not.toBeNull();
      engine.cli("network", "create", "--subnet", "10.248.1.0/24", `${P}-f1`);
      await expect
        .poll(async () => mentions(await allChanges(get), `network ${P}-f1 created`), {
          timeout: 15_000,
        })
        .toBe(true);

      const killedAt = Date.now();
      engine.kill();
      await expect
        .poll(async () => (await historyPage(get)).gaps.filter((g) => g.reason === "engine-down"), {
          timeout: 15_000,
        })
        .toEqual([expect.objectContaining({ engineId: "local", until: null })]);
      const open = (await historyPage(get)).gaps[0]!;
      expect(Date.parse(open.from)).toBeGreaterThanOrEqual(killedAt - 1_000);
      expect(open.message).toBeTruthy();

      await engine.start();
      engine.cli("network", "create", "--subnet", "10.248.2.0/24", `${P}-f2`);
      await expect
        .poll(async () => (await historyPage(get)).gaps.every((g) => g.until !== null), {
          timeout: 45_000,
        })
        .toBe(true);
      const [gap] = (await historyPage(get)).gaps;
      await expect
        .poll(async () => mentions(await allChanges(get), `network ${P}-f2 created`), {
          timeout: 15_000,
        })
        .toBe(true);
      // Changes resume: one made well after the reconnect is recorded on its own.
      engine.cli("network", "create", "--subnet", "10.248.3.0/24", `${P}-f3`);
      await expect
        .poll(
          async () =>
            (await allChanges(get)).find(
              (c) => c.summary === `network ${P}-f3 created (bridge, 10.248.3.0/24)`,
            )?.at ?? "",
          { timeout: 15_000 },
        )
        .not.toBe("");
      const changes = await allChanges(get);
      const downChange = changes.find((c) => c.summary.includes("engine local down"));
      const upChange = changes.find((c) => c.summary.includes("engine local up again"));
      expect(downChange && upChange).toBeTruthy();
      expect(Date.parse(upChange!.at)).toBeGreaterThanOrEqual(Date.parse(gap!.until!) - 1_000);
      // Inside the gap the map is the last one known, the engine marked down.
      const during = await topologyOf(get, `?at=${enc(downChange!.at)}`);
      expect(during.engines[0]?.status).toBe("down");
      expect(during.networks.map((n) => n.name)).toContain(`${P}-f1`);
    } finally {
      await server.stop();
    }
  });

  test("retention: over a tiny size limit the oldest history goes, ?at= before it → 410", async () => {
    test.setTimeout(180_000);
    const dir = fresh("retention");
    const limitMb = 0.15;
    const server = await startServer(3239, {
      DOCKER_HOST: engine.host,
      NETLENS_DATA_DIR: dir,
      NETLENS_HISTORY_MAX_MB: String(limitMb),
    });
    try {
      const get = viaFetch(server.url);
      await expect
        .poll(async () => (await historyPage(get)).oldest, { timeout: 15_000 })
        .not.toBeNull();
      const start = (await topologyOf(get)).generatedAt;
      expect((await get(`/api/topology?at=${enc(start)}`)).status).toBe(200);
      // Each network carries 6 KB of noise (it does not compress): a few exceed the limit.
      for (let i = 0; i < 30; i++) {
        const name = `${P}-big${i}`;
        engine.cli(
          "network",
          "create",
          "--label",
          `noise=${randomBytes(6_000).toString("base64")}`,
          name,
        );
        // Published before it goes: created and removed within one batch of events, it would
        // never be a change at all.
        await fromMemory(get, (t) => t.networks.some((n) => n.name === name));
        engine.cli("network", "rm", name);
        // The CLI blocks this process: let it see the sockets the server closed meanwhile, or
        // the next fetch reuses a dead keep-alive connection ("other side closed").
        await new Promise((r) => setImmediate(r));
      }
      await expect
        .poll(async () => mentions(await allChanges(get), `network ${P}-big29 removed`), {
          timeout: 30_000,
        })
        .toBe(true);
      const page = await historyPage(get);
      expect(Date.parse(page.oldest!)).toBeGreaterThan(Date.parse(start));
      const gone = await get(`/api/topology?at=${enc(start)}`);
      expect(gone.status).toBe(410);
      expect((gone.body as { error: { message: string } }).error.message).toContain(
        `goes back to ${page.oldest}`,
      );
      expect((await get(`/api/topology?at=${enc(page.oldest!)}`)).status).toBe(200);
      const file = join(dir, "history.db");
      const size = () =>
        statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
      await expect.poll(size, { timeout: 15_000 }).toBeLessThanOrEqual(limitMb * 1024 * 1024);
      // What is kept still replays to the present.
      const now = await topologyOf(get);
      const replayed = await topologyOf(get, `?at=${enc(now.generatedAt)}`);
      expect({ ...replayed, generatedAt: null }).toEqual({ ...now, generatedAt: null });
    } finally {
      await server.stop();
    }
  });

  test("a second server on the same data directory records nothing and says why; the first goes on", async () => {
    test.setTimeout(120_000);
    const dir = fresh("shared");
    const first = await startServer(3240, { DOCKER_HOST: engine.host, NETLENS_DATA_DIR: dir });
    const second = await startServer(3241, { DOCKER_HOST: engine.host, NETLENS_DATA_DIR: dir });
    try {
      const one = viaFetch(first.url);
      const two = viaFetch(second.url);
      await expect
        .poll(async () => (await historyPage(one)).oldest, { timeout: 15_000 })
        .not.toBeNull();
      const refused = await two("/api/history");
      expect(refused.status).toBe(404);
      expect((refused.body as { error: { message: string } }).error.message).toContain(
        `another Netlens server records in its data directory (${dir})`,
      );
      engine.cli("network", "create", `${P}-s1`);
      await expect
        .poll(async () => mentions(await allChanges(one), `network ${P}-s1 created`), {
          timeout: 15_000,
        })
        .toBe(true);
    } finally {
      await second.stop();
      await first.stop();
      engine.cli("network", "rm", `${P}-s1`);
    }
  });
});
