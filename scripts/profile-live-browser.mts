// Where the browser spends a live update at N containers (default 500): a Chromium CPU profile
// over connect/disconnect cycles, summarised by self time. Run: npx tsx scripts/profile-live-browser.mts
// Creates labelled containers (netlens.test=1) and removes them afterwards, like bench:live.
import { execFileSync } from "node:child_process";
import { chromium } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "../tests/support/chromium";
import { bearer } from "../tests/support/server";
import { startServer } from "../tests/support/spawn-server";

const N = Number(process.env.PROFILE_CONTAINERS ?? 500);
const CYCLES = 10;
const IMAGE = process.env.NETLENS_TEST_IMAGE ?? "netlens-busybox:latest";
const docker = (...args: string[]) => execFileSync("docker", args, { encoding: "utf8" }).trim();
const cleanup = () =>
  execFileSync("bash", ["scripts/remove-test-resources.sh"], { stdio: "inherit" });

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

cleanup();
for (let i = 0; i < 10; i++) {
  docker(
    "network",
    "create",
    "--label",
    "netlens.test=1",
    "--subnet",
    `10.210.${i}.0/24`,
    `prof-net-${i}`,
  );
}
const ids = Array.from({ length: N }, (_, i) => i);
for (let k = 0; k < ids.length; k += 50) {
  await Promise.all(
    ids.slice(k, k + 50).map(
      (i) =>
        new Promise<void>((resolve) => {
          execFileSync(
            "docker",
            [
              "run",
              "-d",
              "--label",
              "netlens.test=1",
              "--network",
              `prof-net-${i % 10}`,
              "--name",
              `prof-${i}`,
              IMAGE,
            ],
            { stdio: "ignore" },
          );
          resolve();
        }),
    ),
  );
}
docker("network", "create", "--label", "netlens.test=1", "--subnet", "10.211.0.0/16", "prof-probe");
const server = await startServer(3480, {});
const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
try {
  const page = await browser.newPage({
    viewport: { width: 1600, height: 1000 },
    extraHTTPHeaders: bearer("viewer"),
  });
  await page.goto(server.url);
  await page.waitForSelector('[data-testid="graph-network"][data-name="prof-probe"]', {
    timeout: 120_000,
  });
  await page.waitForTimeout(3_000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  for (let i = 0; i < CYCLES; i++) {
    const ip = `10.211.1.${i + 10}`;
    docker("network", "connect", "--ip", ip, "prof-probe", "prof-0");
    await page.waitForSelector(`[data-testid="graph-endpoint"][data-ip="${ip}/16"]`);
    docker("network", "disconnect", "prof-probe", "prof-0");
    await page.waitForSelector(`[data-testid="graph-endpoint"][data-ip="${ip}/16"]`, {
      state: "detached",
    });
  }
  const { profile } = (await cdp.send("Profiler.stop")) as { profile: Profile };
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || "(anonymous)"} ${url.split("/").at(-1) ?? ""}:${lineNumber}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (self.get(node.id) ?? 0));
  }
  const total = [...byFunction.values()].reduce((a, b) => a + b, 0);
  console.log(
    `${CYCLES} connect/disconnect cycles at ${N} containers: ${(total / 1000).toFixed(0)} ms sampled`,
  );
  for (const [fn, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${fn}`);
  }
} finally {
  await browser.close();
  await server.stop();
  cleanup();
}
