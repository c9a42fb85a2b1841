// npm run bench:render — the map in Chromium at 500 and 2,000 containers (BENCH_SIZES), on a real
// engine of its own (a private dockerd, so the shared one stays usable) filled by lab:scale: time
// from the snapshot to the first drawn frame, until the layout settles, frame times while panning
// and wheel-zooming, and a live `network connect` until its endpoint is drawn. Writes
// bench/results/render.json and render.md. A script, not a timed test: the numbers vary.
// BENCH_ENGINE=unix:///… measures an engine that already has a `lab:scale` map, as it is.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "../tests/support/chromium";
import { PrivateEngine } from "../tests/support/private-engine";
import { bearer } from "../tests/support/server";
import { startServer } from "../tests/support/spawn-server";

const SIZES = (process.env.BENCH_SIZES ?? "500,2000").split(",").map(Number);
const PORT = 3420;
const PATCH_TRIALS = 10;

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    Number((s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? NaN).toFixed(1));
  return { n: s.length, p50: at(0.5), p95: at(0.95), max: Number((s.at(-1) ?? NaN).toFixed(1)) };
}

/** Frame intervals (ms) while `gesture` runs, from requestAnimationFrame in the page. */
async function frameTimes(page: Page, gesture: () => Promise<void>): Promise<number[]> {
  // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__on = true;
    window.__last = performance.now();
    const loop = (t) => {
      window.__frames.push(t - window.__last);
      window.__last = t;
      if (window.__on) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  })()`);
  await gesture();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __on: boolean };
    w.__on = false;
    // The first interval spans from the start call to the first frame: not a frame time.
    return w.__frames.slice(1);
  });
}

async function pan(page: Page) {
  const box = await page.locator("svg").first().boundingBox();
  if (!box) throw new Error("no map");
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 0; i < 60; i++) {
    await page.mouse.move(cx + Math.sin(i / 6) * 250, cy + Math.cos(i / 6) * 150);
  }
  await page.mouse.up();
}

async function wheelZoom(page: Page) {
  const box = await page.locator("svg").first().boundingBox();
  if (!box) throw new Error("no map");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 40; i++) await page.mouse.wheel(0, i < 20 ? -120 : 120);
}

async function mark(page: Page, name: string, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction(
    (n) => performance.getEntriesByName(n)[0]?.startTime ?? null,
    name,
    { timeout: timeoutMs, polling: 50 },
  );
  return (await handle.jsonValue()) as number;
}

type Engine = { host: string; cli(...args: string[]): string };

async function runSize(engine: Engine, containers: number, create: boolean) {
  process.env.DOCKER_HOST = engine.host;
  const { scaleUp, scaleDown } = await import("./scale-lab.mts");
  const networks = create
    ? Math.max(10, Math.round(containers / 10))
    : engine.cli("network", "ls", "-q", "--filter", "label=netlens.scale=1").split("\n").length;
  if (create) await scaleUp(containers, networks);
  const server = await startServer(PORT, { DOCKER_HOST: engine.host });
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.setExtraHTTPHeaders(bearer("admin"));
    await page.goto(server.url);
    const snapshot = await mark(page, "netlens:snapshot", 60_000);
    const firstFrame = await mark(page, "netlens:first-frame", 120_000);
    const settledAt = await mark(page, "netlens:settled", 120_000);
    const settled = Math.max(settledAt, firstFrame);
    // Whatever the layout still does is not the gesture's cost.
    await page.waitForTimeout(1000);
    const panFrames = await frameTimes(page, () => pan(page));
    const zoomFrames = await frameTimes(page, () => wheelZoom(page));

    // A live change on the big map: connect a container to another network, see its endpoint.
    const patch: number[] = [];
    for (let t = 0; t < PATCH_TRIALS; t++) {
      const name = `scale-${t * 3 + 1}`;
      const net = `scale-net-${(t * 3 + 1 + networks / 2) % networks}`;
      const t0 = Date.now();
      engine.cli("network", "connect", net, name);
      const ip = engine.cli(
        "inspect",
        "-f",
        `{{(index .NetworkSettings.Networks "${net}").IPAddress}}`,
        name,
      );
      const prefix = engine.cli(
        "inspect",
        "-f",
        `{{(index .NetworkSettings.Networks "${net}").IPPrefixLen}}`,
        name,
      );
      await page.waitForSelector(`[data-testid="graph-endpoint"][data-ip="${ip}/${prefix}"]`, {
        state: "attached",
        timeout: 30_000,
      });
      patch.push(Date.now() - t0);
      engine.cli("network", "disconnect", net, name);
    }
    return {
      containers,
      networks,
      firstFrameMs: Number((firstFrame - snapshot).toFixed(0)),
      settledMs: Number((settled - snapshot).toFixed(0)),
      panFrameMs: stats(panFrames),
      zoomFrameMs: stats(zoomFrames),
      connectToVisibleMs: stats(patch),
    };
  } finally {
    await browser.close();
    await server.stop();
    if (create) await scaleDown();
  }
}

const rows = [];
const given = process.env.BENCH_ENGINE;
if (given) {
  const engine: Engine = {
    host: given,
    cli: (...args) => execFileSync("docker", ["-H", given, ...args], { encoding: "utf8" }).trim(),
  };
  const count = engine.cli("ps", "-q", "--filter", "label=netlens.scale=1").split("\n").length;
  rows.push(await runSize(engine, count, false));
  console.log(JSON.stringify(rows[0]));
} else {
  const engine = new PrivateEngine("render", "10.246.0.1/24");
  await engine.start();
  execFileSync("bash", ["scripts/build-test-image.sh"], {
    env: { ...process.env, DOCKER_HOST: engine.host },
    stdio: "inherit",
  });
  try {
    for (const size of SIZES) {
      const row = await runSize(engine, size, true);
      console.log(JSON.stringify(row));
      rows.push(row);
    }
  } finally {
    await engine.destroy();
  }
}

const largest = rows.at(-1);
const targets = largest && {
  firstFrameUnder1s: largest.firstFrameMs <= 1000,
  settledUnder3s: largest.settledMs <= 3000,
  panP95Under33ms: largest.panFrameMs.p95 <= 33,
  patchP95Under250ms: largest.connectToVisibleMs.p95 <= 250,
};
const date = new Date().toISOString().slice(0, 10);
writeFileSync(
  "bench/results/render.json",
  JSON.stringify({ date, cpus: cpus().length, rows, targets }, null, 2) + "\n",
);
const line = (r: (typeof rows)[number]) =>
  `| ${r.containers} / ${r.networks} | ${r.firstFrameMs} | ${r.settledMs} | ${r.panFrameMs.p50} / ${r.panFrameMs.p95} | ${r.zoomFrameMs.p50} / ${r.zoomFrameMs.p95} | ${r.connectToVisibleMs.p50} / ${r.connectToVisibleMs.p95} |`;
writeFileSync(
  "bench/results/render.md",
  [
    `# Render benchmark (${date}, ${cpus().length} cores, Chromium, \`npm run bench:render\`)`,
    "",
    "Milliseconds. First frame and settled: from the stream's snapshot arriving in the page. Pan and",
    "zoom: frame intervals (p50 / p95) while dragging and wheel-zooming. Connect → visible: `docker",
    "network connect` issued until its endpoint is drawn (p50 / p95).",
    "",
    "| containers / networks | first frame | settled | pan frame | zoom frame | connect → visible |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map(line),
    "",
    `Targets at the largest size: ${JSON.stringify(targets)}`,
    "",
  ].join("\n"),
);
console.log("wrote bench/results/render.json and render.md");
