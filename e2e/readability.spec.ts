import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { docker, dockerQuietly } from "../tests/support/docker-cli";

// A real-world-shaped map stays readable: the classic voting app (vote, result, worker, redis and
// db on front-tier and back-tier, vote publishing 5000→80 and result 5001→80) beside thirty other
// containers on four networks. At the fitted zoom, at 1× and at 2×, no two visible text labels
// overlap, and each published port is drawn on its own container's box (no edge across the map).
// Every resource is named nl-t-vote-*, labelled netlens.test=1, and resolves nothing off this
// machine (--dns 127.0.0.1).
const IMAGE = process.env.NETLENS_TEST_IMAGE ?? "netlens-busybox:latest";
const PREFIX = "nl-t-vote-";
const PROJECT = "nl-t-vote";
const FRONT = `${PREFIX}front-tier`;
const BACK = `${PREFIX}back-tier`;
const EXTRA_NETWORKS = 4;
const EXTRA_CONTAINERS = 30;
const AT_ONCE = 4;
const extraNet = (j: number) => `${PREFIX}net-${j}`;
const extra = (i: number) => `${PREFIX}x-${i}`;
const run = promisify(execFile);

/** The voting app's services, their networks (the first one they start on) and published ports. */
const VOTING_APP: { service: string; networks: string[]; publish: string[] }[] = [
  { service: "vote", networks: [FRONT, BACK], publish: ["5000:80"] },
  { service: "result", networks: [FRONT, BACK], publish: ["5001:80"] },
  { service: "worker", networks: [BACK], publish: [] },
  { service: "redis", networks: [BACK], publish: [] },
  { service: "db", networks: [BACK], publish: [] },
];

function removeOwn() {
  const ids = docker("ps", "-aq", "--filter", "label=netlens.test=1", "--filter", `name=${PREFIX}`)
    .split("\n")
    .filter(Boolean);
  dockerQuietly(
    ["rm", "-f", ...ids],
    ...[FRONT, BACK, ...Array.from({ length: EXTRA_NETWORKS }, (_, j) => extraNet(j))].map((n) => [
      "network",
      "rm",
      n,
    ]),
  );
}

/**
 * Create a network unless a killed run left it: the engine may refuse to remove one ("has active
 * endpoints") after its containers are gone.
 */
function ensureNetwork(name: string, args: string[]) {
  const present = docker("network", "ls", "-q", "--filter", `name=^${name}$`) !== "";
  if (!present) docker("network", "create", "--label", "netlens.test=1", ...args, name);
}

async function runContainer(name: string, networks: string[], args: string[]) {
  const [first, ...more] = networks;
  await run("docker", [
    ...["run", "-d", "--name", name, "--label", "netlens.test=1", "--dns", "127.0.0.1"],
    ...args,
    ...["--network", first!, IMAGE, "sleep", "3600"],
  ]);
  for (const network of more) await run("docker", ["network", "connect", network, name]);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  removeOwn();
  const compose = (labels: string[]) =>
    [`com.docker.compose.project=${PROJECT}`, ...labels].flatMap((l) => ["--label", l]);
  for (const [i, network] of [FRONT, BACK].entries()) {
    ensureNetwork(network, [
      ...compose([`com.docker.compose.network=${network.slice(PREFIX.length)}`]),
      ...["--subnet", `10.237.${i}.0/24`],
    ]);
  }
  for (let j = 0; j < EXTRA_NETWORKS; j++) {
    ensureNetwork(extraNet(j), ["--subnet", `10.237.${10 + j}.0/24`]);
  }
  for (const { service, networks, publish } of VOTING_APP) {
    await runContainer(`${PREFIX}${service}`, networks, [
      ...compose([`com.docker.compose.service=${service}`]),
      ...publish.flatMap((p) => ["-p", p]),
    ]);
  }
  // Every fifth one is on two networks, and every seventh publishes a port on loopback (any free
  // one): hubs close together, with boxes between them that carry chips.
  let next = 0;
  await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      while (next < EXTRA_CONTAINERS) {
        const i = next++;
        const networks = [extraNet(i % EXTRA_NETWORKS)];
        if (i % 5 === 0) networks.push(extraNet((i + 1) % EXTRA_NETWORKS));
        await runContainer(extra(i), networks, i % 7 === 0 ? ["-p", "127.0.0.1::80"] : []);
      }
    }),
  );
});
test.afterAll(removeOwn);

const sandboxOf = (page: Page, name: string) =>
  page.locator('[data-testid="graph-sandbox"]').filter({
    has: page.locator(`[data-testid="sandbox-container-name"]`, {
      hasText: new RegExp(`^${name}$`),
    }),
  });

/**
 * Wait until nothing on the map moves: nodes, labels and the view alike. `next dev` reloads the
 * page when a source file changes under it: that starts the wait again.
 */
async function waitForRest(page: Page) {
  let last = "";
  for (let i = 0; i < 90; i++) {
    const now = await signature(page).catch((error: Error) => {
      if (!/context was destroyed|navigation/i.test(error.message)) throw error;
      return "";
    });
    if (now !== "" && now === last) return;
    last = now;
    await page.waitForTimeout(800);
  }
  throw new Error("the map never came to rest");
}

function signature(page: Page): Promise<string> {
  return page.evaluate(() => {
    const svg = document.querySelector('svg[data-testid="topology-graph"]');
    if (!svg) return "";
    const parts = [svg.querySelector("g.viewport")?.getAttribute("transform") ?? ""];
    for (const el of svg.querySelectorAll("g.node, g.endpoint text")) {
      parts.push(
        ["transform", "x", "y", "visibility"].map((a) => el.getAttribute(a) ?? "").join(","),
      );
    }
    return parts.join("|");
  });
}

type Overlap = { a: string; b: string; area: number };

/** Pairs of visible text labels whose boxes overlap by more than half a pixel either way. */
function overlappingLabels(page: Page): Promise<{ labels: number; overlaps: Overlap[] }> {
  return page.evaluate(() => {
    const svg = document.querySelector('svg[data-testid="topology-graph"]')!;
    const boxes = [...svg.querySelectorAll("text")]
      .filter(
        (t) =>
          (t.textContent ?? "").trim() !== "" &&
          t.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
      )
      .map((t) => ({
        text: `${t.closest("[data-testid]")?.getAttribute("data-testid") ?? "?"}: ${t.textContent}`,
        r: t.getBoundingClientRect(),
      }))
      .filter(({ r }) => r.width > 0 && r.height > 0);
    const overlaps: Overlap[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r;
        const b = boxes[j]!.r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 0.5 && h > 0.5) {
          overlaps.push({ a: boxes[i]!.text, b: boxes[j]!.text, area: Math.round(w * h) });
        }
      }
    }
    return { labels: boxes.length, overlaps };
  });
}

async function scale(page: Page): Promise<number> {
  const transform = await page
    .locator("svg[data-testid='topology-graph'] g.viewport")
    .getAttribute("transform");
  return Number(/scale\(([\d.]+)/.exec(transform ?? "")?.[1] ?? "1");
}

async function expectReadable(
  page: Page,
  what: string,
  testInfo: import("@playwright/test").TestInfo,
) {
  await waitForRest(page);
  const shot = await page.getByTestId("topology-graph").screenshot();
  await testInfo.attach(`map ${what}`, { body: shot, contentType: "image/png" });
  const { labels, overlaps } = await overlappingLabels(page);
  expect(overlaps, `${what}: overlapping labels among ${labels}`).toEqual([]);
  return labels;
}

test("the voting app beside thirty containers: no label overlaps another, ports sit on their box", async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await page.goto("/?renderer=svg");
  // A first load on a busy machine (the dev server compiling, other suites running) can be slow.
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "up", {
    timeout: 60_000,
  });
  await expect(sandboxOf(page, `${PREFIX}vote`)).toHaveCount(1, { timeout: 30_000 });
  await expect(sandboxOf(page, extra(EXTRA_CONTAINERS - 1))).toHaveCount(1, { timeout: 30_000 });

  // Published ports are chips on their container's box: no node of their own, no edge.
  await expect(page.getByTestId("graph-host-ports")).toHaveCount(0);
  await expect(page.locator("line.port-link")).toHaveCount(0);
  for (const [service, port] of [
    ["vote", 5000],
    ["result", 5001],
  ] as const) {
    const box = sandboxOf(page, `${PREFIX}${service}`);
    const chip = box.getByTestId("port-chip").filter({ hasText: `0.0.0.0:${port}→80/tcp` });
    await expect(chip).toHaveCount(1);
    const boxRect = (await box.locator("rect.box").boundingBox())!;
    const chipRect = (await chip.boundingBox())!;
    // Within one box of its container: here, inside it.
    expect(chipRect.x).toBeGreaterThanOrEqual(boxRect.x - boxRect.width);
    expect(chipRect.x + chipRect.width).toBeLessThanOrEqual(boxRect.x + 2 * boxRect.width);
    expect(chipRect.y).toBeGreaterThanOrEqual(boxRect.y - boxRect.height);
    expect(chipRect.y + chipRect.height).toBeLessThanOrEqual(boxRect.y + 2 * boxRect.height);
  }

  // The whole map in view (as a page opens, and after any live change: `f` fits it again).
  await waitForRest(page);
  await page.getByTestId("topology-graph").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("f");
  await expectReadable(page, "fitted", testInfo);

  // 1× and 2×, zoomed by the wheel over vote: d3's wheel zooms by 2^(-deltaY / 500).
  for (const k of [1, 2]) {
    const at = (await sandboxOf(page, `${PREFIX}vote`).boundingBox())!;
    await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
    await page.mouse.wheel(0, -Math.log2(k / (await scale(page))) * 500);
    await expect.poll(() => scale(page)).toBeCloseTo(k, 2);
    await expectReadable(page, `at ${k}×`, testInfo);
    // Hiding is for a label with no room: most endpoint addresses are shown.
    const ips = page.getByTestId("endpoint-label");
    const shown = await ips.evaluateAll(
      (all) =>
        all.filter((t) => (t as SVGTextElement).checkVisibility({ visibilityProperty: true }))
          .length,
    );
    expect(shown, `endpoint addresses shown at ${k}×`).toBeGreaterThan((await ips.count()) / 2);
  }
});
