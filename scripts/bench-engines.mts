// npm run bench:engines — what one /api/topology costs across every engine the server follows
// (e.g. the two-node swarm lab): from the live feed's memory, and read afresh (?fresh=1: what the
// feed's own re-list costs), interleaved in one run. Needs a running server (BASE_URL, token as
// for bench:topology). Changes nothing.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const BASE_URL = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const TOKEN =
  process.env.NETLENS_TOKEN ??
  readFileSync(join(process.env.NETLENS_DATA_DIR ?? "data", "admin-token"), "utf8").trim();
const TRIALS = Number(process.env.BENCH_TRIALS ?? 30);

type Sample = { ms: number; calls: number };

async function sample(path: string): Promise<Sample> {
  const t0 = performance.now();
  const res = await fetch(`${BASE_URL}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return {
    ms: performance.now() - t0,
    calls: Number(res.headers.get("x-netlens-engine-calls")),
  };
}

const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(1);
};

const summary = (name: string, samples: Sample[]) =>
  `${name}: p50 ${pct(
    samples.map((s) => s.ms),
    0.5,
  )} ms, p95 ${pct(
    samples.map((s) => s.ms),
    0.95,
  )} ms, Engine calls ${[...new Set(samples.map((s) => s.calls))].join("/")}`;

const topo = (await (
  await fetch(`${BASE_URL}/api/topology`, { headers: { Authorization: `Bearer ${TOKEN}` } })
).json()) as { engines: { id: string }[]; containers: unknown[]; tasks: unknown[] };
const memory: Sample[] = [];
const fresh: Sample[] = [];
for (let i = 0; i < TRIALS; i++) {
  memory.push(await sample("/api/topology"));
  fresh.push(await sample("/api/topology?fresh=1"));
}
console.log(
  `${topo.engines.length} engines (${topo.engines.map((e) => e.id).join(", ")}), ` +
    `${topo.containers.length} containers, ${topo.tasks.length} tasks; ${TRIALS} trials each`,
);
console.log(summary("from memory", memory));
console.log(summary("read afresh", fresh));
