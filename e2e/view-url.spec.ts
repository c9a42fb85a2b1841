import { expect, test, type Browser, type Page } from "@playwright/test";
import type { Topology } from "@/lib/topology/types";
import { bearer, TEST_BASE_URL, TEST_TOKENS } from "../tests/support/server";

let topology: Topology;
const containerId = (name: string) => topology.containers.find((c) => c.name === name)!.id;
const networkId = (name: string) => topology.networks.find((n) => n.name === name)!.id;

test.beforeAll(async ({ request }) => {
  topology = (await (await request.get("/api/topology")).json()) as Topology;
});

async function openMap(page: Page, path = "/") {
  await page.goto(path);
  await expect(page.getByTestId("topology-graph")).toBeVisible();
  await expect(page.locator('[data-testid="graph-network"][data-name="lab-mynet"]')).toBeVisible();
}

/** The map's zoom, from the transform d3 puts on its viewport. */
async function mapScale(page: Page): Promise<number> {
  const transform = await page
    .locator('[data-testid="topology-graph"] > g.viewport')
    .getAttribute("transform");
  return Number(/scale\(([-\d.e]+)/.exec(transform ?? "")?.[1] ?? 1);
}

/** A query parameter of the address bar, once the page has written it. */
function param(page: Page, key: string): string | null {
  return new URL(page.url()).searchParams.get(key);
}

const row = (page: Page, kind: "container" | "network", name: string) =>
  page.locator(`[data-testid="${kind}-row"][data-name="${name}"]`);

async function freshPage(browser: Browser, headers: Record<string, string>) {
  const context = await browser.newContext({
    baseURL: TEST_BASE_URL,
    extraHTTPHeaders: headers,
    viewport: { width: 1600, height: 1000 },
  });
  return { context, page: await context.newPage() };
}

test("a copied link opens the same selection, search, filters and zoom", async ({
  page,
  browser,
}) => {
  await openMap(page);
  await row(page, "container", "web").click();
  await expect(page.getByTestId("side-panel")).toHaveAttribute("data-kind", "container");
  await page.getByTestId("search").fill("web");
  await page.getByTestId("toggle-stopped").check();
  await page.getByTestId("driver-filter").click();
  await page.locator('[data-testid="driver-filter-menu"] input[data-driver="bridge"]').check();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("driver-filter-menu")).toHaveCount(0);
  // Esc in the menu closed only the menu.
  await expect(page.getByTestId("side-panel")).toBeVisible();
  // Bridge networks only: the host and none hubs are gone from the map.
  await expect(page.locator('[data-testid="graph-network"][data-name="host"]')).toHaveCount(0);
  await page.getByRole("button", { name: "Zoom in" }).click();
  await page.getByRole("button", { name: "Zoom in" }).click();

  // Both zooms done (on a busy machine the second may start after the first has come to rest
  // and been written), then written once the view has come to rest and a pause has passed.
  await expect
    .poll(async () => {
      const before = await mapScale(page);
      await page.waitForTimeout(500);
      return (await mapScale(page)) === before;
    })
    .toBe(true);
  await expect
    .poll(async () => Number(param(page, "at")?.split(",")[2]) - (await mapScale(page)))
    .toBeCloseTo(0, 2);
  expect(param(page, "q")).toBe("web");
  expect(param(page, "sel")).toBe(`container:${containerId("web")}`);
  expect(param(page, "stopped")).toBe("1");
  expect(param(page, "driver")).toBe("bridge");
  const scale = await mapScale(page);
  const link = page.url();

  const fresh = await freshPage(browser, bearer("admin"));
  await fresh.page.goto(link);
  const panel = fresh.page.getByTestId("side-panel");
  await expect(panel).toHaveAttribute("data-kind", "container");
  await expect(panel).toContainText("web");
  await expect(fresh.page.getByTestId("search")).toHaveValue("web");
  await expect(fresh.page.getByTestId("toggle-stopped")).toBeChecked();
  await expect(fresh.page.getByTestId("driver-filter-summary")).toHaveText("bridge");
  await expect(
    fresh.page.locator('[data-testid="graph-network"][data-name="lab-mynet"]'),
  ).toBeVisible();
  await expect(fresh.page.locator('[data-testid="graph-network"][data-name="host"]')).toHaveCount(
    0,
  );
  await expect.poll(() => mapScale(fresh.page)).toBeCloseTo(scale, 2);
  // The link is kept as it is: opening it adds no history entry and rewrites nothing.
  await fresh.page.waitForTimeout(600);
  expect(fresh.page.url()).toBe(link);
  await fresh.context.close();
});

test("a link's engine is kept, and a selection that is gone is dropped quietly", async ({
  page,
}) => {
  const engine = topology.engines[0]!.id;
  await openMap(page, `/?sel=container:no-such-container&q=lab&engine=${engine}&bogus=1`);
  await expect(page.getByTestId("search")).toHaveValue("lab");
  await expect(page.getByTestId("side-panel")).toHaveCount(0);
  await expect.poll(() => page.url()).toBe(`${TEST_BASE_URL}/?q=lab&engine=${engine}`);
});

test("back and forward walk through selections", async ({ page }) => {
  await openMap(page);
  const panel = page.getByTestId("side-panel");
  await row(page, "network", "lab-mynet").click();
  await expect(panel).toHaveAttribute("data-kind", "network");
  await row(page, "container", "web").click();
  await expect(panel).toHaveAttribute("data-kind", "container");
  await row(page, "container", "db").click();
  await expect.poll(() => param(page, "sel")).toBe(`container:${containerId("db")}`);

  await page.goBack();
  await expect.poll(() => param(page, "sel")).toBe(`container:${containerId("web")}`);
  await expect(panel).toContainText("web");
  await expect(row(page, "container", "web")).toHaveAttribute("aria-selected", "true");
  await page.goBack();
  await expect(panel).toHaveAttribute("data-kind", "network");
  await expect(panel).toContainText("lab-mynet");
  expect(param(page, "sel")).toBe(`network:${networkId("lab-mynet")}`);
  await page.goForward();
  await expect(row(page, "container", "web")).toHaveAttribute("aria-selected", "true");
  await expect(panel).toHaveAttribute("data-kind", "container");
  // Still the same page: going back did not reload it.
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "up");
});

test("keyboard shortcuts: / Enter Esc f + - ?", async ({ page }) => {
  await openMap(page);
  const search = page.getByTestId("search");
  const panel = page.getByTestId("side-panel");

  await page.keyboard.press("/");
  await expect(search).toBeFocused();
  await expect(search).toHaveValue("");
  await page.keyboard.type("web-sidecar");
  await page.keyboard.press("Enter");
  await expect(panel).toHaveAttribute("data-kind", "container");
  await expect(row(page, "container", "web-sidecar")).toHaveAttribute("aria-selected", "true");

  await search.blur();
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);

  const fitted = await mapScale(page);
  await page.keyboard.press("+");
  await expect.poll(() => mapScale(page)).toBeGreaterThan(fitted * 1.2);
  const zoomed = await mapScale(page);
  await page.keyboard.press("-");
  await expect.poll(() => mapScale(page)).toBeLessThan(zoomed * 0.9);
  await page.keyboard.press("=");
  await page.keyboard.press("=");
  await expect.poll(() => mapScale(page)).toBeGreaterThan(fitted * 1.5);
  await expect.poll(() => param(page, "at")).not.toBeNull();
  await page.keyboard.press("f");
  await expect.poll(() => mapScale(page)).toBeCloseTo(fitted, 2);
  // A fitted map is the default: the link no longer pins a view.
  await expect.poll(() => param(page, "at")).toBeNull();

  // Typing in a field is text, not a shortcut.
  await search.fill("");
  await page.keyboard.type("f+");
  await expect(search).toHaveValue("f+");
  await expect.poll(() => mapScale(page)).toBeCloseTo(fitted, 2);
  await search.fill("");
  await search.blur();

  await page.keyboard.press("?");
  const help = page.getByTestId("shortcuts-panel");
  await expect(help).toBeVisible();
  await expect(help).toContainText("Fit the whole map");
  await page.keyboard.press("Escape");
  await expect(help).toHaveCount(0);
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await expect(help).toBeVisible();
});

test("every header control has an accessible name", async ({ page }) => {
  await openMap(page);
  const controls = page.locator("header").locator("button, select, input, a[href]");
  const count = await controls.count();
  expect(count).toBeGreaterThan(5);
  for (let i = 0; i < count; i++) {
    const control = controls.nth(i);
    const name = await control.evaluate((el) => {
      const labelled = el.getAttribute("aria-label");
      const label =
        el instanceof HTMLInputElement || el instanceof HTMLSelectElement
          ? [...(el.labels ?? [])].map((l) => l.textContent).join(" ")
          : "";
      return (labelled ?? "") + label + (el.textContent ?? "");
    });
    expect(name.trim(), await control.evaluate((el) => el.outerHTML)).not.toBe("");
  }
});

test("a shared link opened logged out lands on the link after the login", async ({ browser }) => {
  const fresh = await freshPage(browser, {});
  const lab = networkId("lab-mynet");
  await fresh.page.goto(`/?sel=network:${lab}&q=lab`);
  await expect(fresh.page).toHaveURL(/\/login\?next=/);
  await fresh.page.getByTestId("login-token").fill(TEST_TOKENS.admin);
  await fresh.page.getByTestId("login-submit").click();
  await expect(fresh.page.getByTestId("side-panel")).toContainText("lab-mynet");
  await expect(fresh.page.getByTestId("search")).toHaveValue("lab");
  expect(new URL(fresh.page.url()).pathname).toBe("/");
  expect(param(fresh.page, "sel")).toBe(`network:${lab}`);
  await fresh.context.close();
});

test("the login never returns off the site", async ({ browser }) => {
  const fresh = await freshPage(browser, {});
  await fresh.page.goto(
    `/login?next=${encodeURIComponent("//evil.example/")}&token=${TEST_TOKENS.admin}`,
  );
  await expect(fresh.page.getByTestId("topology-graph")).toBeVisible();
  expect(fresh.page.url()).toBe(`${TEST_BASE_URL}/`);
  await fresh.context.close();
});

test("focus mode and grouping are in the link; Esc leaves focus before the selection", async ({
  page,
}) => {
  await openMap(page);
  await row(page, "container", "web").click();
  await page.getByTestId("focus-1").click();
  await expect(page.getByTestId("focus-banner")).toBeVisible();
  await expect.poll(() => param(page, "focus")).toBe(`container:${containerId("web")}~1`);
  await page.getByTestId("group-by").selectOption("project");
  await expect.poll(() => param(page, "group")).toBe("project");

  await page.reload();
  await expect(page.getByTestId("focus-banner")).toBeVisible();
  await expect(page.getByTestId("group-by")).toHaveValue("project");

  await page.keyboard.press("Escape");
  await expect(page.getByTestId("focus-banner")).toHaveCount(0);
  await expect(page.getByTestId("side-panel")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("side-panel")).toHaveCount(0);
  // Leaving focus and clearing the selection are steps back can retrace.
  await page.goBack();
  await expect(page.getByTestId("side-panel")).toBeVisible();
  await expect(page.getByTestId("focus-banner")).toHaveCount(0);
  await page.goBack();
  await expect(page.getByTestId("focus-banner")).toBeVisible();
});
