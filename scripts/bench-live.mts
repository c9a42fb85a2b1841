// npm run bench:live — live-update latency and snapshot cost on the real engine, at 10 and at
// 500 labelled containers over 50 networks. Writes bench/results/live.json and live.md, and
// removes everything it created. A script, not a timed test: the numbers vary with the machine.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { request } from "node:http";
import { cpus } from "node:os";
import { engineRequest, engineSocket, pool } from "./engine-api.mts";
import { chromium } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "../tests/support/chromium";
import { bearer } from "../tests/support/server";
import { startServer } from "../tests/support/spawn-server";
import { SseClient } from "../tests/support/sse-client";

const SIZES = (process.env.BENCH_SIZES ?? "10,500").split(",").map(Number);
const NETWORKS = 50;
const TRIALS = Number(process.env.BENCH_TRIALS ?? 30);
const IMAGE = process.env.NETLENS_TEST_IMAGE ?? "netlens-busybox:latest";
const LABEL = "netlens.test";
const PORT = 3400;
const SOCKET = engineSocket();

/** A raw Engine API call over the socket: no CLI process start in what is timed. */
const engine = <T = unknown,>(method: string, path: string, body?: unknown) =>
  engineRequest<T>(SOCKET, method, path, body);

/** Docker's own event stream, to learn when the engine says a connect happened. */
function watchEngineEvents(
  onConnect: (containerId: string, networkId: string, atMs: number) => void,
) {
  const filters = encodeURIComponent(JSON.stringify({ type: ["network"], event: ["connect"] }));
  const req = request({ socketPath: SOCKET, path: `/events?filters=${filters}` }, (res) => {
    let buf = "";
    res.on("data", (c: Buffer) => {
      buf += c;
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const e = JSON.parse(buf.slice(0, nl)) as {
          Actor: { ID: string; Attributes: { container: string } };
          timeNano: number;
        };
        buf = buf.slice(nl + 1);
        onConnect(e.Actor.Attributes.container, e.Actor.ID, e.timeNano / 1e6);
      }
    });
  });
  req.end();
  return () => req.destroy();
}

const docker = (...args: string[]) => execFileSync("docker", args, { encoding: "utf8" }).trim();
const cleanup = () =>
  execFileSync("bash", ["scripts/remove-test-resources.sh"], { stdio: "inherit" });

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    Number((s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? NaN).toFixed(1));
  return { n: s.length, p50: at(0.5), p95: at(0.95), max: Number((s.at(-1) ?? NaN).toFixed(1)) };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function populate(containers: number) {
  const nets = Array.from({ length: NETWORKS }, (_, i) => i);
  await pool(nets, 4, async (i) => {
    await engine("POST", "/networks/create", {
      Name: `bench-net-${i}`,
      Labels: { [LABEL]: "1" },
      IPAM: { Config: [{ Subnet: `10.200.${i}.0/24` }] },
    });
  });
  const ids = Array.from({ length: containers }, (_, i) => i);
  await pool(ids, 4, async (i) => {
    const { Id } = await engine<{ Id: string }>("POST", `/containers/create?name=bench-${i}`, {
      Image: IMAGE,
      Cmd: ["sleep", "infinity"],
      Labels: { [LABEL]: "1" },
      HostConfig: { NetworkMode: `bench-net-${i % NETWORKS}` },
    });
    await engine("POST", `/containers/${Id}/start`);
  });
}

async function runSize(containers: number) {
  cleanup();
  console.log(`\n== ${containers} containers over ${NETWORKS} networks`);
  const setup = await timed(() => populate(containers));
  console.log(`created in ${(setup / 1000).toFixed(1)} s`);
  const probeNet = await engine<{ Id: string }>("POST", "/networks/create", {
    Name: "bench-probe",
    Labels: { [LABEL]: "1" },
    IPAM: { Config: [{ Subnet: "10.201.0.0/16" }] },
  });
  const probe = await engine<{ Id: string }>("POST", "/containers/create?name=bench-probe-c", {
    Image: IMAGE,
    Cmd: ["sleep", "infinity"],
    Labels: { [LABEL]: "1" },
    HostConfig: { NetworkMode: "bench-net-0" },
  });
  await engine("POST", `/containers/${probe.Id}/start`);

  const server = await startServer(PORT, {});
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  const page = await browser.newPage({
    viewport: { width: 1600, height: 1000 },
    extraHTTPHeaders: bearer("viewer"),
  });
  try {
    const firstSnapshot = await timed(() =>
      fetch(`${server.url}/api/topology`, { headers: bearer("admin") }).then((r) => r.json()),
    );
    await page.goto(server.url);
    await page.waitForSelector(`[data-testid="graph-network"][data-name="bench-probe"]`, {
      timeout: 60_000,
    });
    const sse = await SseClient.open(server.url);
    await sse.waitFor((c) => c.topology !== null, "snapshot", 30_000);

    let engineSaid = new Map<string, number>();
    const stopEvents = watchEngineEvents((container, network, at) =>
      engineSaid.set(`${container}|${network}`, at),
    );
    const eventToPatch: number[] = [];
    const connectToVisible: number[] = [];
    for (let i = 0; i < TRIALS; i++) {
      engineSaid = new Map();
      const ip = `10.201.${Math.floor(i / 200) + 1}.${(i % 200) + 10}`;
      const selector = `[data-testid="graph-endpoint"][data-ip="${ip}/16"]`;
      // A string, not a function: tsx would wrap a function in helpers the page does not have.
      await page.evaluate(`(() => {
        window.__seenAt = null;
        const check = () => {
          if (window.__seenAt === null && document.querySelector(${JSON.stringify(selector)})) {
            window.__seenAt = Date.now();
            observer.disconnect();
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      })()`);
      const patchesBefore = sse.events.length;
      const start = Date.now();
      await engine("POST", `/networks/${probeNet.Id}/connect`, {
        Container: probe.Id,
        EndpointConfig: { IPAMConfig: { IPv4Address: ip } },
      });
      await sse.waitFor(
        (c) =>
          c.events
            .slice(patchesBefore)
            .some((e) => e.event === "patch" && e.data.includes(`"${ip}/16"`)),
        `patch for ${ip}`,
      );
      const patchAt = Date.now();
      await page.waitForFunction(
        () => (window as unknown as { __seenAt: number | null }).__seenAt !== null,
        null,
        {
          timeout: 10_000,
          polling: 20,
        },
      );
      const seenAt = await page.evaluate(
        () => (window as unknown as { __seenAt: number }).__seenAt,
      );
      const saidAt = engineSaid.get(`${probe.Id}|${probeNet.Id}`);
      if (saidAt !== undefined) eventToPatch.push(patchAt - saidAt);
      connectToVisible.push(seenAt - start);
      await engine("POST", `/networks/${probeNet.Id}/disconnect`, {
        Container: probe.Id,
        Force: true,
      });
      await sse.waitFor(
        (c) => !c.topology!.endpoints.some((e) => e.ipv4Address === `${ip}/16`),
        `endpoint ${ip} gone`,
      );
    }
    stopEvents();
    await sse.close();

    // The snapshot against the raw Engine calls it needs (warm inspect cache: the 4 list calls).
    // Gzip as browsers ask (Next compresses ~0.7 MB per request at 500 containers), and identity,
    // as the raw Engine calls travel: the second is the server's own cost.
    const snapshot: number[] = [];
    const snapshotIdentity: number[] = [];
    const raw: number[] = [];
    let engineCalls = "";
    for (let i = 0; i < TRIALS; i++) {
      snapshot.push(
        await timed(async () => {
          const res = await fetch(`${server.url}/api/topology`, { headers: bearer("admin") });
          engineCalls = res.headers.get("x-netlens-engine-calls") ?? "";
          await res.arrayBuffer();
        }),
      );
      snapshotIdentity.push(
        await timed(async () => {
          const res = await fetch(`${server.url}/api/topology`, {
            headers: { ...bearer("admin"), "Accept-Encoding": "identity" },
          });
          await res.arrayBuffer();
        }),
      );
      raw.push(
        await timed(() =>
          Promise.all([
            engine("GET", "/info"),
            engine("GET", "/version"),
            engine("GET", "/networks"),
            engine("GET", "/containers/json?all=1"),
          ]),
        ),
      );
    }
    const result = {
      containers: containers + 1,
      networks: NETWORKS + 1,
      setupSeconds: Number((setup / 1000).toFixed(1)),
      firstSnapshotMs: Number(firstSnapshot.toFixed(1)),
      eventToPatchMs: stats(eventToPatch),
      connectToVisibleMs: stats(connectToVisible),
      snapshotMs: stats(snapshot),
      snapshotIdentityMs: stats(snapshotIdentity),
      rawEngineCallsMs: stats(raw),
      snapshotEngineCalls: Number(engineCalls),
      snapshotToRawRatio: Number((stats(snapshot).p50 / stats(raw).p50).toFixed(2)),
      snapshotIdentityToRawRatio: Number((stats(snapshotIdentity).p50 / stats(raw).p50).toFixed(2)),
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    await browser.close();
    await server.stop();
    cleanup();
  }
}

const results = [];
for (const size of SIZES) results.push(await runSize(size));
const small = results[0];
const large = results.at(-1);
const targets =
  small && large && small !== large
    ? {
        connectToVisibleP95AtLargestUnder250ms: large.connectToVisibleMs.p95 <= 250,
        eventToPatchP50Ratio: Number(
          (large.eventToPatchMs.p50 / small.eventToPatchMs.p50).toFixed(2),
        ),
        eventToPatchP50Within1_5x: large.eventToPatchMs.p50 <= 1.5 * small.eventToPatchMs.p50,
        snapshotFromMemoryP50Within0_2xRaw: large.snapshotIdentityToRawRatio <= 0.2,
      }
    : {};
const engineVersion = docker("version", "--format", "{{.Server.Version}}");
const report = {
  date: new Date().toISOString(),
  cores: cpus().length,
  engineVersion,
  trials: TRIALS,
  results,
  targets,
};
writeFileSync("bench/results/live.json", JSON.stringify(report, null, 2) + "\n");
const row = (r: (typeof results)[number]) =>
  `| ${r.containers} | ${r.eventToPatchMs.p50} / ${r.eventToPatchMs.p95} | ${r.connectToVisibleMs.p50} / ${r.connectToVisibleMs.p95} | ${r.snapshotMs.p50} / ${r.snapshotMs.p95} | ${r.snapshotIdentityMs.p50} / ${r.snapshotIdentityMs.p95} | ${r.rawEngineCallsMs.p50} / ${r.rawEngineCallsMs.p95} | ${r.snapshotToRawRatio} / ${r.snapshotIdentityToRawRatio} | ${r.snapshotEngineCalls} |`;
writeFileSync(
  "bench/results/live.md",
  [
    `# Live-update benchmark (${report.date.slice(0, 10)}, ${report.cores} cores, Docker ${engineVersion}, ${TRIALS} trials each)`,
    "",
    "Milliseconds, p50 / p95. Event → patch: Docker's event timestamp to the SSE patch arriving at a client.",
    "Connect → visible: the Engine API `network connect` call issued to the endpoint drawn in Chromium.",
    "Snapshot: `GET /api/topology` (from the live feed's memory) with gzip, as browsers and fetch ask, and with",
    "identity encoding, as the raw Engine list calls it replaces travel; measured interleaved with those calls.",
    "",
    "| containers | event → patch | connect → visible | snapshot (gzip) | snapshot (identity) | raw Engine calls | snapshot / raw p50 (gzip / identity) | Engine calls per snapshot |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...results.map(row),
    "",
    `Targets: ${JSON.stringify(targets)}`,
    "",
  ].join("\n"),
);
console.log("\nwrote bench/results/live.json and bench/results/live.md");
