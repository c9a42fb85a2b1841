import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { docker, dockerQuietly, inspectContainer } from "../tests/support/docker-cli";

// History in the browser: the timeline dragged back before a `docker network connect` shows the
// map without the endpoint, "back to live" shows it again, changes-since marks it as added; a
// link with t= opens the past; a history file exported and imported again shows its snapshot,
// and a corrupt one is refused in plain words.
const IMAGE = process.env.NETLENS_TEST_IMAGE ?? "netlens-busybox:latest";
const NET = "nl-t-hist-ui-net";
const CTR = "nl-t-hist-ui-c";
/** Either side of the connect: wider than a pixel of a quarter-hour timeline. */
const MARGIN_MS = 3000;

const removeOwn = () => dockerQuietly(["rm", "-f", CTR], ["network", "rm", NET]);

// In order (they share the moment before the connect); each reads several moments back.
test.describe.configure({ mode: "serial", timeout: 120_000 });

let sandboxId = "";
let endpointIp = "";
/** A moment the container ran and was not yet on NET. */
let before = 0;
/** Just before `docker network connect`. */
let connectAt = 0;

test.beforeAll(() => {
  removeOwn();
  docker("network", "create", "--label", "netlens.test=1", "--subnet", "10.238.0.0/24", NET);
  docker(
    ...["run", "-d", "--init", "--label", "netlens.test=1", "--name", CTR],
    ...["--dns", "127.0.0.1", IMAGE, "sleep", "3600"],
  );
  sandboxId = inspectContainer(CTR).NetworkSettings.SandboxID;
});
test.afterAll(removeOwn);

const sandbox = (page: Page) =>
  page.locator(`[data-testid="graph-sandbox"][data-id="${sandboxId}"]`);
const endpoint = (page: Page) =>
  page.locator(`[data-testid="graph-endpoint"][data-ip="${endpointIp}/24"]`);
/** The endpoint's port and label: where changes-since puts its mark. */
const endpointGroup = (page: Page) => page.locator("g.endpoint", { has: endpoint(page) });

/** A moment as `<input type="datetime-local" step="1">` takes it (local time, as the browser's). */
function localInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

async function openLive(page: Page) {
  await page.goto("/");
  // A cold server compiles the page and the stream on the first visit.
  await expect(sandbox(page)).toHaveCount(1, { timeout: 45_000 });
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "up");
}

/** Drag the timeline's thumb from live (its right end) to `moment`. */
async function dragTimelineTo(page: Page, moment: number) {
  const slider = page.getByTestId("timeline-slider");
  const box = (await slider.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width - 1, y);
  await page.mouse.down();
  // Read once the drag has begun: the range's end (now) stands still until the thumb is let go.
  const min = Number(await slider.getAttribute("aria-valuemin"));
  const max = Number(await slider.getAttribute("aria-valuemax"));
  await page.mouse.move(box.x + ((moment - min) / (max - min)) * box.width, y, { steps: 8 });
  await page.mouse.up();
}

test("the timeline shows the map before a connect; back to live; changes since mark it added", async ({
  page,
}) => {
  await openLive(page);
  await page.waitForTimeout(MARGIN_MS);
  before = Date.now();
  await page.waitForTimeout(MARGIN_MS);
  connectAt = Date.now();
  docker("network", "connect", NET, CTR);
  endpointIp = inspectContainer(CTR).NetworkSettings.Networks[NET]!.IPAddress;
  await expect(endpoint(page)).toHaveCount(1);

  // A quarter of an hour across the page: about a second a pixel.
  await page.getByTestId("timeline-range").selectOption("15m");
  // The connect is a tick on the timeline (with whatever else changed meanwhile).
  await expect(page.getByTestId("timeline-tick").last()).toBeVisible();
  await dragTimelineTo(page, before);
  const banner = page.getByTestId("history-banner");
  await expect(banner).toContainText("Viewing");
  await expect(page.getByTestId("history-loading")).toHaveCount(0);
  const shown = Number(await page.getByTestId("timeline-slider").getAttribute("aria-valuenow"));
  expect(shown).toBeGreaterThan(before - MARGIN_MS);
  expect(shown).toBeLessThan(connectAt);
  await expect(endpoint(page)).toHaveCount(0);
  await expect(sandbox(page)).toHaveCount(1);
  // Read-only: nothing can be changed on the past.
  await expect(page.getByTestId("new-network")).toBeDisabled();
  // The address bar keeps the moment.
  await expect.poll(() => new URL(page.url()).searchParams.get("t")).not.toBeNull();

  await page.getByTestId("history-back-to-live").click();
  await expect(banner).toHaveCount(0);
  await expect(endpoint(page)).toHaveCount(1);
  await expect(page.getByTestId("new-network")).toBeEnabled();
  expect(new URL(page.url()).searchParams.get("t")).toBeNull();

  await page.getByTestId("changes-since-open").click();
  await page.getByTestId("changes-since-input").fill(localInput(before));
  await page.getByTestId("changes-since-apply").click();
  // Two moments and a diff read back first.
  await expect(endpointGroup(page)).toHaveAttribute("data-change", "added", { timeout: 30_000 });
  await expect(page.getByTestId("changes-list")).toContainText(`${CTR} connected to ${NET}`);
  await expect(page.getByTestId("changes-counts")).toContainText("added");
  await page.getByTestId("changes-close").click();
  await expect(endpointGroup(page)).not.toHaveAttribute("data-change", /.*/);
});

test("the arrow keys step the timeline a change at a time; the activity feed reaches back", async ({
  page,
}) => {
  await openLive(page);
  const slider = page.getByTestId("timeline-slider");
  await slider.focus();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("history-banner")).toBeVisible();
  expect(Number(await slider.getAttribute("aria-valuenow"))).toBeLessThan(Date.now());
  await page.keyboard.press("End");
  await expect(page.getByTestId("history-banner")).toHaveCount(0);
  await expect(slider).toHaveAttribute("aria-valuetext", "live");

  // The connect happened before this page opened: only history has it.
  const feed = page.getByTestId("activity-feed");
  await expect(feed).not.toContainText(`${CTR} connected to ${NET}`);
  await page.getByTestId("activity-load-earlier").click();
  await expect(feed).toContainText(`${CTR} connected to ${NET}`);
});

test("a link with t= opens the map as it was then", async ({ page }) => {
  await page.goto(`/?t=${new Date(before).toISOString()}`);
  await expect(page.getByTestId("history-banner")).toContainText("Viewing");
  await expect(sandbox(page)).toHaveCount(1);
  await expect(page.getByTestId("history-loading")).toHaveCount(0);
  await expect(endpoint(page)).toHaveCount(0);
  await page.getByTestId("history-back-to-live").click();
  await expect(endpoint(page)).toHaveCount(1);
});

test("a corrupt history file is refused in plain words, and nothing is shown", async ({ page }) => {
  await openLive(page);
  const input = page.getByTestId("history-import-input");
  await input.setInputFiles({
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from('{"format": "netlens-history", "version": 1, "from": "yesterday"'),
  });
  await expect(page.getByTestId("history-import-error")).toContainText("Not a JSON file");
  await page.getByTestId("dialog-close").click();

  await input.setInputFiles({
    name: "damaged.json",
    mimeType: "application/json",
    buffer: Buffer.from(
      JSON.stringify({ format: "netlens-history", version: 1, from: "yesterday", changes: [] }),
    ),
  });
  await expect(page.getByTestId("history-import-failed")).toContainText("Cannot open damaged.json");
  await expect(page.getByTestId("history-import-error")).toContainText("damaged");
  await page.getByTestId("dialog-close").click();
  await expect(page.getByTestId("history-banner")).toHaveCount(0);
});

test("an exported history file imports read-only and shows its snapshot", async ({ page }) => {
  await openLive(page);
  await page.getByTestId("export-menu").click();
  await page.getByTestId("export-history").click();
  const dialog = page.getByTestId("history-export-dialog");
  await dialog.getByTestId("history-export-since").fill(localInput(before));
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByTestId("history-export-run").click(),
  ]);
  const name = download.suggestedFilename();
  expect(name).toMatch(/^netlens-history-.*\.json$/);
  const text = await readFile((await download.path())!, "utf8");
  expect(JSON.parse(text)).toMatchObject({ format: "netlens-history", version: 1 });

  await page.getByTestId("history-import-input").setInputFiles({
    name,
    mimeType: "application/json",
    buffer: Buffer.from(text),
  });
  const banner = page.getByTestId("history-banner");
  await expect(banner).toContainText(`Viewing imported file ${name}`);
  // The file's end: after the connect.
  await expect(endpoint(page)).toHaveCount(1);
  await expect(page.getByTestId("new-network")).toBeDisabled();
  // Its start: the snapshot, before the connect.
  await page.getByTestId("timeline-slider").focus();
  await page.keyboard.press("Home");
  await expect(endpoint(page)).toHaveCount(0);
  await expect(sandbox(page)).toHaveCount(1);

  await page.getByTestId("history-close-import").click();
  await expect(banner).toHaveCount(0);
  await expect(endpoint(page)).toHaveCount(1);
});
