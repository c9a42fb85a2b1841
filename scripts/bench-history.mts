// npm run bench:history — what recording history costs. (1) Event → patch latency with recording
// on and off in the same run: two processes, each the real live feed (one NETLENS_HISTORY=on, one
// off), follow one private engine at once and hear the same `network connect`/`disconnect`
// events; each patch's arrival at a feed subscriber is timed against Docker's own event time.
// (2) Storage: 10,000 changes made from recorded engine states driven through the recorder
// directly (no Docker): bytes stored per change, history.db's size, the time to write a change
// and to rebuild a moment. Writes bench/results/history.json and history.md.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { cpus, loadavg } from "node:os";
import { engineRequest, pool } from "./engine-api.mts";
import { PrivateEngine } from "../tests/support/private-engine";

const MODE = process.argv[2] === "--worker" ? process.argv[3] : null;
const TRIALS = Number(process.env.BENCH_TRIALS ?? 40);
const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 100);
const NETWORKS = 10;
const CHANGES = Number(process.env.BENCH_CHANGES ?? 10_000);
const IMAGE = process.env.NETLENS_TEST_IMAGE ?? "netlens-busybox:latest";
const DATA = "/tmp/netlens-bench-history";

type EndpointSeen = { id: string; ip: string | null; containerId: string; networkId: string };
type FromWorker =
  | { kind: "ready" }
  | { kind: "patch"; at: number; up: EndpointSeen[]; gone: string[] }
  | { kind: "flushes"; ms: number[] };

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    Number((s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? NaN).toFixed(2));
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, p50: at(0.5), p95: at(0.95), max: at(1), mean: Number(mean.toFixed(2)) };
}

const wallNow = () => performance.timeOrigin + performance.now();

/** A worker: the real live feed (history per NETLENS_HISTORY), reporting every patch it publishes. */
async function worker() {
  const { engineFeed } = await import("@/lib/live/engine-feed");
  const { historyRecorder } = await import("@/lib/history/recorder-instance");
  const send = (m: FromWorker) => process.send?.(m);
  // How long each write of the queue holds the event loop (what recording can delay).
  const flushes: number[] = [];
  const recorder = historyRecorder();
  if (recorder) {
    const flushNow = recorder.flushNow.bind(recorder);
    recorder.flushNow = () => {
      const t0 = performance.now();
      flushNow();
      flushes.push(performance.now() - t0);
    };
  }
  const feed = engineFeed();
  feed.subscribe({
    deliver(e) {
      if (e.event !== "patch") return;
      const at = wallNow();
      const patch = JSON.parse(e.data) as {
        upserts: {
          endpoints?: {
            id: string;
            ipv4Address: string | null;
            containerId: string;
            networkId: string;
          }[];
        };
        removals: { endpoints?: string[] };
      };
      send({
        kind: "patch",
        at,
        up: (patch.upserts.endpoints ?? []).map((ep) => ({
          id: ep.id,
          ip: ep.ipv4Address,
          containerId: ep.containerId,
          networkId: ep.networkId,
        })),
        gone: patch.removals.endpoints ?? [],
      });
    },
    heartbeat() {},
  });
  await feed.start();
  process.on("message", (m) => {
    if (m === "flushes") send({ kind: "flushes", ms: flushes });
    if (m === "exit") process.exit(0);
  });
  send({ kind: "ready" });
}

/** Docker's event stream, for when the engine says each connect/disconnect happened. */
function watchEvents(socketPath: string, onEvent: (key: string, atMs: number) => void) {
  const filters = encodeURIComponent(
    JSON.stringify({ type: ["network"], event: ["connect", "disconnect"] }),
  );
  const req = request({ socketPath, path: `/events?filters=${filters}` }, (res) => {
    let buf = "";
    res.on("data", (c: Buffer) => {
      buf += c;
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const e = JSON.parse(buf.slice(0, nl)) as {
          Action: string;
          Actor: { ID: string; Attributes: { container: string } };
          timeNano: number;
        };
        buf = buf.slice(nl + 1);
        onEvent(`${e.Action}|${e.Actor.Attributes.container}|${e.Actor.ID}`, e.timeNano / 1e6);
      }
    });
  });
  req.end();
  return () => req.destroy();
}

type Worker = {
  mode: "on" | "off";
  child: ChildProcess;
  patches: (FromWorker & { kind: "patch" })[];
};

function startWorker(mode: "on" | "off", host: string): Promise<Worker> {
  const dir = `${DATA}/${mode}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Node itself with tsx's loader, not the tsx CLI: the IPC channel must reach the worker.
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/bench-history.mts", "--worker", mode],
    {
      env: { ...process.env, DOCKER_HOST: host, NETLENS_HISTORY: mode, NETLENS_DATA_DIR: dir },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  const w: Worker = { mode, child, patches: [] };
  return new Promise((resolve, reject) => {
    child.on("message", (m: FromWorker) => {
      if (m.kind === "ready") resolve(w);
      if (m.kind === "patch") w.patches.push(m);
    });
    child.once("exit", (code) => reject(new Error(`worker ${mode} exited (${code})`)));
  });
}

async function until(ok: () => boolean, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function latency(engine: PrivateEngine) {
  const socket = engine.socket;
  const api = <T = unknown,>(method: string, path: string, body?: unknown) =>
    engineRequest<T>(socket, method, path, body);
  console.log(`creating ${NETWORKS} networks and ${CONTAINERS} containers…`);
  await pool(
    Array.from({ length: NETWORKS }, (_, i) => i),
    4,
    async (i) => {
      await api("POST", "/networks/create", {
        Name: `bench-hist-net-${i}`,
        IPAM: { Config: [{ Subnet: `10.251.${i}.0/24` }] },
      });
    },
  );
  await pool(
    Array.from({ length: CONTAINERS }, (_, i) => i),
    4,
    async (i) => {
      const { Id } = await api<{ Id: string }>("POST", `/containers/create?name=bench-hist-${i}`, {
        Image: IMAGE,
        Cmd: ["sleep", "infinity"],
        HostConfig: { NetworkMode: `bench-hist-net-${i % NETWORKS}`, Dns: ["127.0.0.1"] },
      });
      await api("POST", `/containers/${Id}/start`);
    },
  );
  const probeNet = await api<{ Id: string }>("POST", "/networks/create", {
    Name: "bench-hist-probe",
    IPAM: { Config: [{ Subnet: "10.252.0.0/16" }] },
  });
  const probe = await api<{ Id: string }>("POST", "/containers/create?name=bench-hist-probe-c", {
    Image: IMAGE,
    Cmd: ["sleep", "infinity"],
    HostConfig: { NetworkMode: "bench-hist-net-0", Dns: ["127.0.0.1"] },
  });
  await api("POST", `/containers/${probe.Id}/start`);

  console.log(`${CONTAINERS + 1} containers up; starting the two feeds…`);
  const workers = await Promise.all([
    startWorker("on", engine.host),
    startWorker("off", engine.host),
  ]);
  const said = new Map<string, number>();
  const stop = watchEvents(socket, (key, at) => said.set(key, at));
  const samples: Record<"on" | "off", number[]> = { on: [], off: [] };
  try {
    for (let i = 0; i < TRIALS; i++) {
      const ip = `10.252.${Math.floor(i / 200) + 1}.${(i % 200) + 10}`;
      const before = workers.map((w) => w.patches.length);
      await api("POST", `/networks/${probeNet.Id}/connect`, {
        Container: probe.Id,
        EndpointConfig: { IPAMConfig: { IPv4Address: ip } },
      });
      const connectKey = `connect|${probe.Id}|${probeNet.Id}`;
      const arrived = (w: Worker, k: number) =>
        w.patches.slice(before[k]).find((p) => p.up.some((e) => e.ip === `${ip}/16`));
      await until(
        () => workers.every((w, k) => arrived(w, k)) && said.has(connectKey),
        `connect ${ip}`,
      );
      const endpointId = arrived(workers[0]!, 0)!.up.find((e) => e.ip === `${ip}/16`)!.id;
      workers.forEach((w, k) => samples[w.mode].push(arrived(w, k)!.at - said.get(connectKey)!));
      said.delete(connectKey);
      // A little jitter: some events then land while a recorded change is being written.
      await new Promise((r) => setTimeout(r, Math.random() * 40));

      const beforeGone = workers.map((w) => w.patches.length);
      await api("POST", `/networks/${probeNet.Id}/disconnect`, {
        Container: probe.Id,
        Force: true,
      });
      const disconnectKey = `disconnect|${probe.Id}|${probeNet.Id}`;
      const gone = (w: Worker, k: number) =>
        w.patches.slice(beforeGone[k]).find((p) => p.gone.includes(endpointId));
      await until(
        () => workers.every((w, k) => gone(w, k)) && said.has(disconnectKey),
        `disconnect ${ip}`,
      );
      workers.forEach((w, k) => samples[w.mode].push(gone(w, k)!.at - said.get(disconnectKey)!));
      said.delete(disconnectKey);
      await new Promise((r) => setTimeout(r, Math.random() * 40));
    }
    const flushes = await new Promise<number[]>((resolve) => {
      const on = workers.find((w) => w.mode === "on")!;
      on.child.on("message", (m: FromWorker) => m.kind === "flushes" && resolve(m.ms));
      on.child.send("flushes");
    });
    return {
      containers: CONTAINERS + 1,
      networks: NETWORKS + 1,
      trials: TRIALS,
      eventToPatchOnMs: stats(samples.on),
      eventToPatchOffMs: stats(samples.off),
      flushMs: stats(flushes),
    };
  } finally {
    stop();
    for (const w of workers) {
      w.child.removeAllListeners("exit");
      w.child.send("exit");
    }
  }
}

/** 10,000 changes made from recorded engine states, written as the recorder writes them. */
async function storage() {
  const { buildTopology } = await import("@/lib/topology/build-topology");
  const { diffTopology } = await import("@/lib/topology/patch");
  const { loadSnapshot } = await import("@/lib/topology/test-fixtures");
  const { HistoryStore } = await import("@/lib/history/store");
  const { HistoryRecorder } = await import("@/lib/history/recorder");
  type Topology = import("@/lib/topology/types").Topology;

  const T0 = Date.parse("2026-01-01T00:00:00Z");
  const at = (i: number) => new Date(T0 + i * 1_000);
  // The reach fixture (the lab plus every reachability case): each change removes one container
  // (its namespace and endpoints with it, as `docker rm -f`) or brings it back.
  const full = buildTopology(loadSnapshot("reach"), at(0));
  const without = (t: Topology, id: string): Topology => {
    const sandboxId = t.containers.find((c) => c.id === id)?.sandboxId;
    return {
      ...t,
      containers: t.containers.filter((c) => c.id !== id),
      sandboxes: t.sandboxes.filter((s) => s.id !== sandboxId),
      endpoints: t.endpoints.filter((e) => e.containerId !== id),
    };
  };
  const dir = `${DATA}/storage`;
  rmSync(dir, { recursive: true, force: true });
  const store = new HistoryStore(`${dir}/history.db`);
  const recorder = new HistoryRecorder(store, { days: 3650, maxBytes: Number.MAX_SAFE_INTEGER });
  recorder.started(full);
  recorder.flushNow();
  store.compact();
  const emptyBytes = store.sizeBytes();

  const write: number[] = [];
  let rawPatchBytes = 0;
  let state = full;
  for (let i = 1; i <= CHANGES; i++) {
    const container = full.containers[Math.floor((i - 1) / 2) % full.containers.length]!;
    const next = {
      ...(i % 2 ? without(full, container.id) : full),
      generatedAt: at(i).toISOString(),
    };
    const patch = diffTopology(state, next);
    if (!patch) throw new Error(`change ${i} changes nothing`);
    rawPatchBytes += JSON.stringify(patch).length;
    recorder.changed(state, next, patch);
    // One change per write, as when events come one at a time (the usual case).
    const t0 = performance.now();
    recorder.flushNow();
    write.push(performance.now() - t0);
    state = next;
  }
  store.compact();
  const dbBytes = store.sizeBytes();
  const { changes, snapshots } = store.sizes();
  store.close();
  // A moment as far from its snapshot as it gets (499 changes after it), and one right after one;
  // each from a store just opened, so no snapshot is already parsed.
  const rebuild = (change: number) => {
    const cold = new HistoryStore(`${dir}/history.db`);
    const t0 = performance.now();
    cold.stateAt(T0 + change * 1_000);
    const ms = performance.now() - t0;
    cold.close();
    return ms;
  };
  const rebuildFar: number[] = [];
  const rebuildNear: number[] = [];
  for (let k = 1; k < CHANGES / 500 - 1; k++) {
    rebuildFar.push(rebuild(500 * k + 499));
    rebuildNear.push(rebuild(500 * k + 1));
  }
  const snapshotBytes = snapshots.reduce((a, s) => a + s.bytes, 0);
  return {
    changes: CHANGES,
    topology: {
      containers: full.containers.length,
      networks: full.networks.length,
      endpoints: full.endpoints.length,
    },
    rawPatchBytesPerChange: Math.round(rawPatchBytes / CHANGES),
    storedBytesPerChange: Math.round(changes.reduce((a, c) => a + c.bytes, 0) / changes.length),
    snapshots: snapshots.length,
    storedBytesPerSnapshot: Math.round(snapshotBytes / snapshots.length),
    dbBytesPerChange: Math.round((dbBytes - emptyBytes) / CHANGES),
    dbBytes,
    writeMs: stats(write),
    rebuildFarMs: stats(rebuildFar),
    rebuildNearMs: stats(rebuildNear),
  };
}

async function main() {
  // The machine may be shared: the numbers are read against its load.
  const loadAtStart = loadavg()[0] ?? NaN;
  const engine = new PrivateEngine("histbench", "10.250.0.1/24");
  await engine.destroy();
  await engine.start();
  let live;
  try {
    execFileSync("bash", ["scripts/build-test-image.sh"], {
      env: { ...process.env, DOCKER_HOST: engine.host },
      stdio: "inherit",
    });
    live = await latency(engine);
    console.log(JSON.stringify(live, null, 2));
  } finally {
    await engine.destroy();
  }
  const stored = await storage();
  console.log(JSON.stringify(stored, null, 2));
  rmSync(DATA, { recursive: true, force: true });

  const engineVersion = execFileSync("docker", ["version", "--format", "{{.Server.Version}}"], {
    encoding: "utf8",
  }).trim();
  const load = {
    start: Number(loadAtStart.toFixed(2)),
    end: Number((loadavg()[0] ?? NaN).toFixed(2)),
  };
  const report = {
    date: new Date().toISOString(),
    cores: cpus().length,
    load,
    engineVersion,
    live,
    stored,
  };
  writeFileSync("bench/results/history.json", JSON.stringify(report, null, 2) + "\n");
  const pair = (s: { p50: number; p95: number }) => `${s.p50} / ${s.p95}`;
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
  writeFileSync(
    "bench/results/history.md",
    [
      `# History benchmark (${report.date.slice(0, 10)}, ${report.cores} cores, Docker ${engineVersion}, \`npm run bench:history\`)`,
      "",
      `Load average (1 min) at start / end: ${load.start} / ${load.end}.`,
      "",
      "## Event → patch, with and without recording",
      "",
      `Milliseconds, p50 / p95 (mean), ${live.trials} connects and ${live.trials} disconnects on a private engine with ${live.containers} containers over ${live.networks} networks:`,
      "Docker's event time to the patch reaching a subscriber of the live feed. Both feeds follow the",
      "same engine at once, in two processes, one with `NETLENS_HISTORY=on`, one with `off`.",
      "",
      "| history | event → patch | mean |",
      "| --- | --- | --- |",
      `| off | ${pair(live.eventToPatchOffMs)} | ${live.eventToPatchOffMs.mean} |`,
      `| on | ${pair(live.eventToPatchOnMs)} | ${live.eventToPatchOnMs.mean} |`,
      "",
      `Writing a batch of the queue (describe, compress, one transaction) held the event loop ${pair(live.flushMs)} ms (p50 / p95, ${live.flushMs.n} writes, max ${live.flushMs.max}), 25 ms after the patch was sent.`,
      "",
      `## Storage, ${stored.changes.toLocaleString("en")} changes`,
      "",
      `Made from the recorded \`reach\` engine state (${stored.topology.containers} containers, ${stored.topology.networks} networks, ${stored.topology.endpoints} endpoints): each change removes one container with its namespace and endpoints, or brings it back; one change per write.`,
      "",
      "| measure | value |",
      "| --- | --- |",
      `| patch as sent (JSON) per change | ${stored.rawPatchBytesPerChange} B |`,
      `| stored per change (deflated patch + activity lines + summary) | ${stored.storedBytesPerChange} B |`,
      `| snapshots (every 500 changes) | ${stored.snapshots}, ${kb(stored.storedBytesPerSnapshot)} each |`,
      `| history.db growth per change (snapshots, indexes and pages included) | ${stored.dbBytesPerChange} B |`,
      `| history.db after ${stored.changes.toLocaleString("en")} changes | ${kb(stored.dbBytes)} (${(stored.dbBytes / 1024 / 1024).toFixed(2)} MiB) |`,
      `| writing one change (p50 / p95) | ${pair(stored.writeMs)} ms |`,
      `| rebuilding a moment 499 changes after a snapshot (p50 / p95) | ${pair(stored.rebuildFarMs)} ms |`,
      `| rebuilding a moment 1 change after a snapshot (p50 / p95) | ${pair(stored.rebuildNearMs)} ms |`,
      "",
    ].join("\n"),
  );
  console.log("\nwrote bench/results/history.json and bench/results/history.md");
}

if (MODE) await worker();
else await main();
