// npm run bench:topology — what one /api/topology costs, at the lab's size and with N extra
// containers: Engine calls per snapshot (cold and warm inspect cache) and response time p50/p95.
// Needs a running server (BASE_URL, default http://127.0.0.1:3000) and the engine; cleans up after.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const BASE_URL = process.env.BASE_URL ?? "http://127.0.0.1:3000";
// The server's admin token: as configured, or as generated into its data directory.
const TOKEN =
  process.env.NETLENS_TOKEN ??
  readFileSync(join(process.env.NETLENS_DATA_DIR ?? "data", "admin-token"), "utf8").trim();
const auth = { headers: { Authorization: `Bearer ${TOKEN}` } };
const EXTRA = Number(process.argv[2] ?? 200);
const NETWORKS = 10;
const TRIALS = 30;
const IMAGE = process.env.NETLENS_TEST_IMAGE ?? "netlens-busybox:latest";
const LABEL = "netlens.test=1";
const docker = (...args: string[]) => execFileSync("docker", args, { encoding: "utf8" }).trim();

// An idle keep-alive socket may be closed by the server while containers are being created:
// one retry on a fresh connection, not a failed run.
async function get(path: string): Promise<Response> {
  try {
    return await fetch(`${BASE_URL}${path}`, auth);
  } catch {
    return fetch(`${BASE_URL}${path}`, auth);
  }
}

async function measure(label: string) {
  const times: number[] = [];
  let first: { ms: number; calls: string | null } | undefined;
  for (let i = 0; i < TRIALS + 1; i++) {
    const t0 = performance.now();
    const res = await get("/api/topology");
    await res.arrayBuffer();
    const ms = performance.now() - t0;
    if (!res.ok) throw new Error(`/api/topology answered ${res.status}`);
    if (i === 0) first = { ms, calls: res.headers.get("x-netlens-engine-calls") };
    else times.push(ms);
  }
  const warmCalls = (await get("/api/topology")).headers.get("x-netlens-engine-calls");
  const topo = (await (await get("/api/topology")).json()) as {
    containers: unknown[];
  };
  times.sort((a, b) => a - b);
  const pct = (p: number) =>
    times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
  console.log(
    `${label}: ${topo.containers.length} containers | first request ${first?.ms.toFixed(0)} ms, ` +
      `${first?.calls} Engine calls | warm: ${warmCalls} Engine calls, p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms (${TRIALS} trials)`,
  );
}

function cleanup() {
  execFileSync("bash", ["scripts/remove-test-resources.sh"], { stdio: "inherit" });
}

cleanup();
await measure("lab");
try {
  for (let n = 0; n < NETWORKS; n++) {
    docker("network", "create", "--label", LABEL, `bench-net-${n}`);
  }
  for (let i = 0; i < EXTRA; i++) {
    docker(
      "run",
      "-d",
      "--label",
      LABEL,
      "--name",
      `bench-${i}`,
      "--network",
      `bench-net-${i % NETWORKS}`,
      IMAGE,
    );
  }
  await measure(`lab + ${EXTRA}`);
} finally {
  cleanup();
}
