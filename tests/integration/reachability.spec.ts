import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import type { ProbeResult, Reachability } from "@/lib/topology/reach-types";
import { docker } from "../support/docker-cli";
import { bearer, TEST_SERVER_ENV } from "../support/server";
import { startServer } from "../support/spawn-server";

// Every reachability case of scripts/reach-lab.sh: the prediction (GET, from the CNM alone) must
// agree with what happens from inside the source's namespace — through the probe API, and through
// an independent `docker run --network container:<source>` check that shares no code with it.
const P = "nl-t-reach-";
const IMAGE = TEST_SERVER_ENV.NETLENS_PROBE_IMAGE;
const HOST_PORT = 39781;

test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

test.beforeAll(() => {
  execFileSync("bash", ["scripts/reach-lab.sh", "up"], { stdio: "inherit" });
});
test.afterAll(() => {
  execFileSync("bash", ["scripts/reach-lab.sh", "down"], { stdio: "inherit" });
});

type Case = {
  what: string;
  from: string;
  to: string;
  port?: number;
  verdict: "reachable" | "blocked";
  blocker?: string;
  /** What the independent check sees: open (connected), refused (path open, nothing listens), closed. */
  seen: "open" | "refused" | "closed";
  /** Whether the source's resolver answers the target's name, where it has one to ask. */
  dns?: boolean;
};

const cases: Case[] = [
  {
    what: "same network",
    from: "a",
    to: "d",
    port: 80,
    verdict: "reachable",
    seen: "open",
    dns: true,
  },
  {
    what: "two networks",
    from: "a",
    to: "q1",
    port: 80,
    verdict: "blocked",
    blocker: "no-shared-network",
    seen: "closed",
    dns: false,
  },
  {
    what: "A–B–C: A→C although B joins both",
    from: "a",
    to: "c",
    port: 80,
    verdict: "blocked",
    blocker: "no-shared-network",
    seen: "closed",
    dns: false,
  },
  {
    what: "A–B–C: B reaches C",
    from: "b",
    to: "c",
    port: 80,
    verdict: "reachable",
    seen: "open",
    dns: true,
  },
  {
    what: "icc disabled (names resolve)",
    from: "q1",
    to: "q2",
    port: 80,
    verdict: "blocked",
    blocker: "icc-disabled",
    seen: "closed",
    dns: true,
  },
  {
    what: "default bridge: by IP yes, by name no",
    from: "l1",
    to: "l2",
    port: 80,
    verdict: "reachable",
    seen: "open",
    dns: false,
  },
  {
    what: "container: sidecar over loopback",
    from: "side",
    to: "a",
    port: 80,
    verdict: "reachable",
    seen: "open",
  },
  {
    what: "none mode",
    from: "none",
    to: "a",
    port: 80,
    verdict: "blocked",
    blocker: "no-network",
    seen: "closed",
  },
  {
    what: "stopped target",
    from: "a",
    to: "stopped",
    port: 80,
    verdict: "blocked",
    blocker: "not-running",
    seen: "closed",
    dns: false,
  },
  {
    what: "host-mode server through the gateway",
    from: "a",
    to: "hostsrv",
    port: HOST_PORT,
    verdict: "reachable",
    seen: "open",
  },
  {
    what: "internal network to a host-mode server",
    from: "inner",
    to: "hostsrv",
    port: HOST_PORT,
    verdict: "reachable",
    seen: "open",
  },
  {
    what: "closed port: path open, nothing listens",
    from: "a",
    to: "d",
    port: 81,
    verdict: "reachable",
    seen: "refused",
    dns: true,
  },
  {
    what: "stale sidecar",
    from: "stale",
    to: "c",
    port: 80,
    verdict: "blocked",
    blocker: "shared-namespace-stale",
    seen: "closed",
  },
  {
    what: "the host to a bridge container",
    from: "host",
    to: "a",
    port: 80,
    verdict: "reachable",
    seen: "open",
  },
];

const ref = (name: string) => (name === "host" ? "host" : P + name);

/** nc from the source's namespace (or the host's), with nothing of Netlens's code involved. */
function independentCheck(
  from: string,
  address: string,
  port: number,
): "open" | "refused" | "closed" {
  const network = from === "host" ? "host" : `container:${ref(from)}`;
  try {
    docker(
      "run",
      "--rm",
      "--label",
      "netlens.test=1",
      "--network",
      network,
      IMAGE,
      "nc",
      "-w",
      "2",
      address,
      String(port),
    );
    return "open";
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? "");
    return /refused/i.test(stderr) ? "refused" : "closed";
  }
}

/** The address the target is really at, for the independent check when the prediction has no route. */
function targetAddress(to: string): string | null {
  const ips = docker(
    "inspect",
    "-f",
    "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}",
    ref(to),
  ).trim();
  return ips.split(" ").find(Boolean) ?? null;
}

const probeContainers = () => docker("ps", "-aq", "--filter", "label=netlens.probe=1");

for (const c of cases) {
  test(`${c.what}: predicted ${c.verdict}, observed the same`, async ({ request }) => {
    const query = new URLSearchParams({
      from: ref(c.from),
      to: ref(c.to),
      ...(c.port ? { port: String(c.port) } : {}),
    });
    const res = await request.get(`/api/reachability?${query}`);
    expect(res.status()).toBe(200);
    const prediction = (await res.json()) as Reachability;
    expect(prediction.verdict).toBe(c.verdict);
    if (c.blocker) expect(prediction.blockers.map((b) => b.code)).toContain(c.blocker);

    const probed = await request.post("/api/reachability/probe", {
      data: { from: ref(c.from), to: ref(c.to), port: c.port },
    });
    expect(probed.status(), await probed.text()).toBe(200);
    const result = (await probed.json()) as ProbeResult;
    expect(result.prediction.verdict).toBe(c.verdict);
    expect(result.agrees, JSON.stringify(result.observed)).toBe(true);
    if (c.dns !== undefined) expect(result.observed.dns?.ok).toBe(c.dns);

    const route = prediction.routes[0];
    const address = route ? route.address : targetAddress(c.to);
    const observed = address && c.port ? independentCheck(c.from, address, c.port) : "closed";
    expect(observed).toBe(c.seen);
    const probeSaw = result.observed.connect.ok
      ? "open"
      : result.observed.connect.error === "refused"
        ? "refused"
        : "closed";
    expect(probeSaw).toBe(c.seen);
    expect(probeContainers()).toBe("");
  });
}

test("the prediction answers 404 for an unknown container and 400 for a bad port or question", async ({
  request,
}) => {
  const get = (q: string) => request.get(`/api/reachability?${q}`);
  const missing = await get(`from=${P}nope&to=${P}a`);
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.message).toContain(`${P}nope`);
  for (const q of [
    `from=${P}a&to=${P}d&port=0`,
    `from=${P}a&to=${P}d&port=70000`,
    `from=${P}a&to=${P}d&port=80%3B%20rm`,
    `from=outside&to=host`,
    `from=${P}a`,
  ]) {
    const res = await get(q);
    expect(res.status(), q).toBe(400);
  }
});

test.describe("hostile probes: refused before any container starts", () => {
  let since = 0;
  test.beforeAll(async () => {
    // Engine events count whole seconds: start after the cases above, in a second of our own.
    await new Promise((r) => setTimeout(r, 1_100));
    since = Math.floor(Date.now() / 1000);
  });
  const bad: {
    what: string;
    data?: unknown;
    body?: string;
    type?: string;
    status: number;
    says: RegExp;
  }[] = [
    {
      what: "a non-JSON body",
      body: "from=a&to=b",
      type: "application/x-www-form-urlencoded",
      status: 415,
      says: /application\/json/,
    },
    {
      what: "broken JSON",
      body: "{",
      type: "application/json",
      status: 400,
      says: /not valid JSON/,
    },
    {
      what: "an unknown key",
      data: { from: `${P}a`, to: `${P}d`, cmd: "sh" },
      status: 400,
      says: /cmd|unrecognized/i,
    },
    { what: "port 0", data: { from: `${P}a`, to: `${P}d`, port: 0 }, status: 400, says: /port/ },
    {
      what: "port 70000",
      data: { from: `${P}a`, to: `${P}d`, port: 70000 },
      status: 400,
      says: /port/,
    },
    {
      what: "a shell in the port",
      data: { from: `${P}a`, to: `${P}d`, port: "80; rm -rf /" },
      status: 400,
      says: /port/,
    },
    {
      what: "a shell in a name",
      data: { from: `${P}a; rm -rf /`, to: `${P}d` },
      status: 400,
      says: /from/,
    },
    {
      what: "the outside as a source",
      data: { from: "outside", to: `${P}d`, port: 80 },
      status: 400,
      says: /outside/,
    },
    {
      what: "a stopped source",
      data: { from: `${P}stopped`, to: `${P}d`, port: 80 },
      status: 409,
      says: /namespace/,
    },
  ];
  for (const b of bad) {
    test(`${b.what} → ${b.status}`, async ({ request }) => {
      const res = await request.post(
        "/api/reachability/probe",
        b.data !== undefined
          ? { data: b.data }
          : { data: Buffer.from(b.body ?? ""), headers: { "Content-Type": b.type ?? "" } },
      );
      expect(res.status()).toBe(b.status);
      expect((await res.json()).error.message).toMatch(b.says);
    });
  }

  test("a viewer may predict but not probe", async ({ request }) => {
    const viewer = bearer("viewer");
    expect(
      (await request.get(`/api/reachability?from=${P}a&to=${P}d`, { headers: viewer })).status(),
    ).toBe(200);
    const res = await request.post("/api/reachability/probe", {
      headers: viewer,
      data: { from: `${P}a`, to: `${P}d`, port: 80 },
    });
    expect(res.status()).toBe(403);
  });

  test("none of them started a container", () => {
    const created = docker(
      "events",
      "--since",
      String(since),
      "--until",
      String(Math.floor(Date.now() / 1000) + 1),
      "--filter",
      "label=netlens.probe=1",
      "--filter",
      "event=create",
      "--format",
      "{{.Actor.ID}}",
    );
    expect(created).toBe("");
  });
});

test.describe("probe cleanup", () => {
  test("after the hard time limit, nothing is left", async () => {
    const server = await startServer(3231, { NETLENS_PROBE_TIMEOUT_MS: "1000" });
    try {
      const res = await fetch(`${server.url}/api/reachability/probe`, {
        method: "POST",
        headers: { ...bearer("operator"), "Content-Type": "application/json" },
        body: JSON.stringify({ from: `${P}q1`, to: `${P}q2`, port: 80 }),
      });
      expect(res.status).toBe(200);
      const result = (await res.json()) as ProbeResult;
      expect(result.observed.connect).toMatchObject({ ok: false, error: "timeout" });
      expect(result.ms).toBeLessThan(5_000);
      expect(probeContainers()).toBe("");
    } finally {
      await server.stop();
    }
  });

  test("after an aborted request, nothing is left", async ({ baseURL }) => {
    const abort = new AbortController();
    const pending = fetch(`${baseURL}/api/reachability/probe`, {
      method: "POST",
      headers: { ...bearer("operator"), "Content-Type": "application/json" },
      body: JSON.stringify({ from: `${P}a`, to: `${P}c`, port: 80 }),
      signal: abort.signal,
    }).catch(() => null);
    await expect.poll(probeContainers, { timeout: 5_000, intervals: [50] }).not.toBe("");
    abort.abort();
    await pending;
    await expect.poll(probeContainers, { timeout: 10_000 }).toBe("");
  });

  test("a few at once, then 429; every attempt is in the audit log", async ({ request }) => {
    const body = { from: `${P}a`, to: `${P}c`, port: 80 };
    const statuses = await Promise.all(
      Array.from({ length: 5 }, () =>
        request.post("/api/reachability/probe", { data: body }).then((r) => r.status()),
      ),
    );
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(probeContainers()).toBe("");
    const audit = await request.get("/api/audit?operation=probe&limit=10");
    const { entries } = (await audit.json()) as { entries: { target: string; status: number }[] };
    expect(entries.some((e) => e.target === `${P}a → ${P}c` && e.status === 429)).toBe(true);
  });

  test("with the image missing: 409 probe-image-missing with the pull command, nothing started", async () => {
    const server = await startServer(3232, { NETLENS_PROBE_IMAGE: "netlens-no-such-image:latest" });
    try {
      const res = await fetch(`${server.url}/api/reachability/probe`, {
        method: "POST",
        headers: { ...bearer("operator"), "Content-Type": "application/json" },
        body: JSON.stringify({ from: `${P}a`, to: `${P}d`, port: 80 }),
      });
      expect(res.status).toBe(409);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("probe-image-missing");
      expect(body.error.message).toContain("docker pull netlens-no-such-image:latest");
      expect(probeContainers()).toBe("");
    } finally {
      await server.stop();
    }
  });

  test("helpers left by a killed server are swept at the next start", async () => {
    docker(
      "create",
      "--name",
      "netlens-probe-leftover",
      "--label",
      "netlens.probe=1",
      "--label",
      "netlens.test=1",
      IMAGE,
    );
    const server = await startServer(3233, {});
    try {
      await expect.poll(probeContainers, { timeout: 10_000 }).toBe("");
    } finally {
      await server.stop();
    }
  });
});
