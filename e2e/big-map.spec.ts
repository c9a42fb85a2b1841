import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { docker, dockerQuietly, inspectContainer } from "../tests/support/docker-cli";

// A map of a few hundred containers (2,000 are for `npm run bench:render`): selecting one from the
// search, focusing on its neighbourhood, and a live `docker network connect` all still work.
const IMAGE = process.env.NETLENS_TEST_IMAGE ?? "netlens-busybox:latest";
const CONTAINERS = 240;
const NETWORKS = 24;
const AT_ONCE = 6;
const net = (j: number) => `nl-t-big-net-${j}`;
const ctr = (i: number) => `nl-t-big-${i}`;
const run = promisify(execFile);

function removeOwn() {
  const ids = docker("ps", "-aq", "--filter", "label=nl-t-big=1").split("\n").filter(Boolean);
  dockerQuietly(
    ["rm", "-f", ...ids],
    ...Array.from({ length: NETWORKS }, (_, j) => ["network", "rm", net(j)]),
  );
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  removeOwn();
  for (let j = 0; j < NETWORKS; j++) {
    docker(
      "network",
      "create",
      "--label",
      "netlens.test=1",
      "--subnet",
      `10.236.${j}.0/24`,
      net(j),
    );
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      while (next < CONTAINERS) {
        const i = next++;
        await run("docker", [
          ...["run", "-d", "--name", ctr(i), "--label", "netlens.test=1", "--label", "nl-t-big=1"],
          ...["--label", `com.docker.compose.project=nl-t-big-p${i % 8}`, "--dns", "127.0.0.1"],
          ...["--network", net(i % NETWORKS), IMAGE, "sleep", "3600"],
        ]);
      }
    }),
  );
});
test.afterAll(removeOwn);

test("on a big map: select from the search, focus on a neighbourhood, see a live connect", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto("/");
  const sandboxes = page.getByTestId("graph-sandbox");
  await expect
    .poll(() => sandboxes.count(), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(CONTAINERS);

  // Selecting via the search: "/" then the name, Enter selects the first hit.
  const target = ctr(123);
  await page.keyboard.press("/");
  await page.keyboard.type(target);
  await page.keyboard.press("Enter");
  const panel = page.getByTestId("side-panel");
  await expect(panel).toHaveAttribute("data-kind", "container");
  await expect(panel).toContainText(target);

  // Focus on it, one hop: its box and its network only — the rest of the map is hidden.
  await panel.getByTestId("focus-1").click();
  await expect(page.getByTestId("focus-banner")).toContainText(target);
  await expect.poll(() => sandboxes.count()).toBe(1);
  await expect(page.getByTestId("graph-network")).toHaveCount(1);
  // Two hops: the other boxes on its network come back, nothing else.
  await panel.getByTestId("focus-2").click();
  await expect.poll(() => sandboxes.count()).toBe(CONTAINERS / NETWORKS);
  await page.getByTestId("focus-clear").click();
  await expect.poll(() => sandboxes.count()).toBeGreaterThanOrEqual(CONTAINERS);

  // A live change on the big map: its endpoint is drawn without a reload.
  const other = net((123 + NETWORKS / 2) % NETWORKS);
  docker("network", "connect", other, target);
  const endpoint = inspectContainer(target).NetworkSettings.Networks[other];
  await expect(
    page.locator(
      `[data-testid="graph-endpoint"][data-ip="${endpoint?.IPAddress}/${endpoint?.IPPrefixLen}"]`,
    ),
  ).toHaveCount(1, { timeout: 10_000 });
});

test("the same map on one canvas: hover, click, search, focus, a live connect, SVG export", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.goto("/?renderer=canvas");
  const canvas = page.getByTestId("topology-canvas");
  await expect(canvas).toBeVisible();
  await expect(page.getByTestId("topology-graph")).toHaveCount(0);
  const drawnSandboxes = async () => Number(await canvas.getAttribute("data-sandboxes"));
  await expect.poll(drawnSandboxes, { timeout: 30_000 }).toBeGreaterThanOrEqual(CONTAINERS);
  await page.waitForFunction(() => performance.getEntriesByName("netlens:settled").length > 0);

  // Selected from the table; the canvas says where it drew the selection.
  const target = ctr(77);
  const id = inspectContainer(target).Id;
  await page.keyboard.press("/");
  await page.keyboard.type(target);
  await page.getByTestId("container-row").filter({ hasText: target }).first().click();
  const panel = page.getByTestId("side-panel");
  await expect(panel).toContainText(target);
  await expect(canvas).toHaveAttribute("data-selected", `container:${id}`);
  const [x, y] = (await canvas.getAttribute("data-selected-at"))!.split(",").map(Number);
  const box = (await canvas.boundingBox())!;
  const at = { x: box.x + x!, y: box.y + y! };

  // Hover and click hit-test the canvas: the box under the pointer is the one selected.
  await page.getByTestId("side-panel-close").click();
  await expect(canvas).not.toHaveAttribute("data-selected", /.+/);
  await page.mouse.move(at.x + 2, at.y);
  await page.mouse.move(at.x, at.y);
  await expect(page.getByTestId("canvas-tooltip")).toContainText(target);
  await page.mouse.click(at.x, at.y);
  await expect(panel).toContainText(target);
  await expect(canvas).toHaveAttribute("data-selected", /.+/);

  // Focus: only its neighbourhood is drawn.
  await panel.getByTestId("focus-1").click();
  await expect(canvas).toHaveAttribute("data-sandboxes", "1");
  await expect(canvas).toHaveAttribute("data-networks", "1");
  await page.getByTestId("focus-clear").click();
  await expect.poll(drawnSandboxes).toBeGreaterThanOrEqual(CONTAINERS);

  // A live connect is painted without a reload.
  const other = net((77 + NETWORKS / 2) % NETWORKS);
  docker("network", "connect", other, target);
  const endpoint = inspectContainer(target).NetworkSettings.Networks[other];
  await expect(canvas).toHaveAttribute(
    "data-entered-ips",
    new RegExp(`(^| )${endpoint?.IPAddress}/${endpoint?.IPPrefixLen}( |$)`),
    { timeout: 10_000 },
  );

  // Export still gives the map as SVG, drawn off screen from the canvas's model and layout.
  await page.getByTestId("export-menu").click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-svg").click(),
  ]);
  const path = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(path);
  const svg = await readFile(path, "utf8");
  for (let j = 0; j < NETWORKS; j++) expect(svg).toContain(`>${net(j)}<`);
  await expect(page.locator("svg:not([data-testid])[role=img]")).toHaveCount(0);
});
