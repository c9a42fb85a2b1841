import { expect, test, type Locator, type Page } from "@playwright/test";

/** How light a computed colour is, 0 (black) to 1 (white), whatever notation CSS gives it in. */
function lightness(el: Locator, property: "backgroundColor" | "fill"): Promise<number> {
  return el.evaluate((node, prop) => {
    const ctx = document.createElement("canvas").getContext("2d");
    if (!ctx) throw new Error("no 2d canvas");
    ctx.fillStyle = getComputedStyle(node)[prop];
    ctx.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0] = ctx.getImageData(0, 0, 1, 1).data;
    return (r + g + b) / 3 / 255;
  }, property);
}

const mapLabel = (page: Page) =>
  page.locator('[data-testid="graph-network"][data-name="lab-mynet"] text.net-name');

async function openMap(page: Page) {
  await page.goto("/");
  await expect(mapLabel(page)).toBeVisible();
}

async function expectLight(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  expect(await lightness(page.locator("body"), "backgroundColor")).toBeGreaterThan(0.9);
  expect(await lightness(mapLabel(page), "fill")).toBeLessThan(0.3);
}

async function expectDark(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await lightness(page.locator("body"), "backgroundColor")).toBeLessThan(0.15);
  expect(await lightness(mapLabel(page), "fill")).toBeGreaterThan(0.7);
}

test.describe("on a system set to light", () => {
  test.use({ colorScheme: "light" });

  test("the page and the map are light without any choice", async ({ page }) => {
    await openMap(page);
    await expect(page.getByTestId("theme-toggle")).toHaveAccessibleName("Theme: system");
    await expectLight(page);
  });

  test("the toggle cycles light → dark → system, remembered across a reload", async ({ page }) => {
    await openMap(page);
    const toggle = page.getByTestId("theme-toggle");
    await toggle.click();
    await expect(toggle).toHaveAccessibleName("Theme: light");
    await expectLight(page);

    await toggle.click();
    await expect(toggle).toHaveAccessibleName("Theme: dark");
    await expectDark(page);
    await page.reload();
    await expect(mapLabel(page)).toBeVisible();
    await expect(toggle).toHaveAccessibleName("Theme: dark");
    await expectDark(page);

    await toggle.click();
    await expect(toggle).toHaveAccessibleName("Theme: system");
    await expectLight(page);
    // Nothing stored: the next load follows the system, as on a first visit.
    expect(await page.evaluate(() => Object.keys(localStorage))).not.toContain("netlens.theme");
  });
});

test.describe("on a system set to dark", () => {
  test.use({ colorScheme: "dark" });

  test("the page and the map are dark", async ({ page }) => {
    await openMap(page);
    await expectDark(page);
  });
});

test.describe("the Audit page at 1280×800", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("sizes Target to its content and leaves the answer most of the width", async ({
    page,
    request,
  }) => {
    // A refused request is recorded with parameters and Docker's answer, and changes nothing.
    const refused = await request.post("/api/networks", {
      headers: { "content-type": "application/json" },
      data: JSON.stringify({ name: "bridge", driver: "bridge", labels: { "netlens.test": "1" } }),
    });
    expect(refused.status()).toBe(403);

    await page.goto("/audit");
    await expect(page.getByTestId("audit-row").first()).toBeVisible();
    const table = await page.getByTestId("audit-table").boundingBox();
    const target = await page.getByTestId("audit-col-target").boundingBox();
    const answer = await page.getByTestId("audit-col-answer").boundingBox();
    const widest = Math.max(
      ...(await page
        .getByTestId("audit-target")
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width))),
    );
    expect(table && target && answer).toBeTruthy();
    if (!table || !target || !answer) return;
    // Its heading is the floor when every target is short or empty.
    expect(target.width).toBeLessThanOrEqual(Math.max(widest, 60) + 24);
    expect(answer.width).toBeGreaterThanOrEqual(0.4 * table.width);
    // Nothing is pushed past the page's width.
    expect(table.x + table.width).toBeLessThanOrEqual(1280);
  });
});
