import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import type { Topology } from "@/lib/topology/types";

let topology: Topology;
/** The lab's networks: other test files add (and remove) their own nl-t-* ones meanwhile. */
// The lab's networks and Docker's own: other specs create and remove theirs meanwhile.
const labNetworks = (t: Topology) =>
  t.networks
    .filter((n) => n.predefined || n.labels["netlens.lab"] === "1")
    .map((n) => n.name)
    .sort();

test.beforeAll(async ({ request }) => {
  topology = (await (await request.get("/api/topology")).json()) as Topology;
});

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await expect(page.locator('[data-testid="graph-network"][data-name="lab-mynet"]')).toBeVisible();
  // The map's size is the layout's: export once it has settled.
  await page.waitForFunction(() => performance.getEntriesByName("netlens:settled").length > 0);
});

/** Choose an Export item and take the file the browser saves. */
async function exportFile(page: Page, item: string, testInfo: TestInfo) {
  await page.getByTestId("export-menu").click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(`export-${item}`).click(),
  ]);
  // Saved under its own name: a browser opens a file by its extension.
  const path = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(path);
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^netlens-\\d{8}-\\d{4}\\.${item === "mermaid" ? "mmd" : item}$`),
  );
  return { path, bytes: await readFile(path) };
}

test("SVG: the whole map, standalone, with every network's name", async ({
  page,
  context,
}, testInfo) => {
  const { path, bytes } = await exportFile(page, "svg", testInfo);
  const text = bytes.toString("utf8");
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  const parsed = await page.evaluate((svg) => {
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    return {
      error: doc.querySelector("parsererror")?.textContent ?? null,
      texts: [...doc.querySelectorAll("text")].map((t) => t.textContent ?? ""),
      width: Number(doc.documentElement.getAttribute("width")),
      viewBox: doc.documentElement.getAttribute("viewBox"),
    };
  }, text);
  expect(parsed.error).toBeNull();
  for (const name of labNetworks(topology)) expect(parsed.texts).toContain(name);
  expect(parsed.viewBox?.split(" ")[2]).toBe(String(parsed.width));

  // Opened on its own, outside Netlens: a background, and names in a colour of their own.
  const alone = await context.newPage();
  await alone.goto(pathToFileURL(path).href);
  const look = await alone.evaluate(() => {
    const name = document.querySelector('[data-testid="graph-network"] text');
    return {
      background: document.querySelector("svg > rect")?.getAttribute("fill") ?? null,
      fill: name ? getComputedStyle(name).fill : null,
    };
  });
  expect(look.background).not.toBeNull();
  expect(look.fill).not.toBe(look.background);
  expect(look.fill).not.toBe("none");
  await alone.close();
});

test("PNG: the same map at twice the size", async ({ page }, testInfo) => {
  const svg = (await exportFile(page, "svg", testInfo)).bytes.toString("utf8");
  const size = await page.evaluate((text) => {
    const root = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
    return {
      width: Number(root.getAttribute("width")),
      height: Number(root.getAttribute("height")),
    };
  }, svg);
  const { bytes } = await exportFile(page, "png", testInfo);
  // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit integers.
  expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
  expect(bytes.subarray(12, 16).toString("ascii")).toBe("IHDR");
  expect({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }).toEqual({
    width: size.width * 2,
    height: size.height * 2,
  });
});

test("JSON, DOT and Mermaid come from the API", async ({ page }, testInfo) => {
  const json = JSON.parse(
    (await exportFile(page, "json", testInfo)).bytes.toString("utf8"),
  ) as Topology;
  expect(labNetworks(json)).toEqual(labNetworks(topology));
  const dot = await exportFile(page, "dot", testInfo);
  const rendered = spawnSync("dot", ["-Tsvg", dot.path], { encoding: "utf8" });
  expect(rendered.stderr).toBe("");
  expect(rendered.status).toBe(0);
  // Graphviz writes "-" as &#45; in its SVG.
  expect(rendered.stdout).toContain("lab&#45;mynet");
  const mermaid = (await exportFile(page, "mermaid", testInfo)).bytes.toString("utf8");
  expect(mermaid.startsWith("flowchart")).toBe(true);
});

test("exports what the page shows: the search and Show stopped", async ({ page }, testInfo) => {
  await page.getByTestId("toggle-stopped").click();
  await page.getByTestId("search").fill("batch");
  const json = JSON.parse(
    (await exportFile(page, "json", testInfo)).bytes.toString("utf8"),
  ) as Topology;
  expect(json.containers.map((c) => c.name)).toEqual(["batch"]);
});

test("the menu works from the keyboard", async ({ page }) => {
  const trigger = page.getByTestId("export-menu");
  await trigger.focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menu")).toBeVisible();
  await expect(page.getByTestId("export-svg")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByTestId("export-png")).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  // Up from the first wraps round to the last: the history file's items end the menu.
  await expect(page.getByTestId("import-history")).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect(page.getByTestId("export-mermaid")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(trigger).toBeFocused();
});
