import { expect, test, type Locator, type Page } from "@playwright/test";

const CONTROL =
  /^\s*- '?(button|combobox|textbox|searchbox|checkbox|radio|switch|slider|spinbutton)\b(.*)$/;

/**
 * The controls inside `scope` that a screen reader would announce without a name, read from
 * Playwright's accessibility tree (one snapshot, not a query per control): a named one is
 * written `- button "Name"`, an unnamed one `- button`.
 */
async function unnamedControls(scope: Locator): Promise<string[]> {
  const tree = await scope.ariaSnapshot();
  return tree.split("\n").filter((line) => {
    const control = CONTROL.exec(line);
    return control !== null && !control[2]?.startsWith(' "');
  });
}

async function openMap(page: Page) {
  await page.goto("/");
  await expect(page.locator('[data-testid="graph-network"][data-name="lab-mynet"]')).toBeVisible();
}

test("every control on the map page, its panels and dialogs has an accessible name", async ({
  page,
}) => {
  await openMap(page);
  expect(await unnamedControls(page.locator("body")), "dashboard").toEqual([]);

  await page.locator('[data-testid="graph-network"][data-name="lab-mynet"]').click();
  await expect(page.getByTestId("side-panel")).toBeVisible();
  expect(await unnamedControls(page.getByTestId("side-panel")), "network panel").toEqual([]);

  await page.getByTestId("new-network").click();
  const dialog = page.locator("dialog[open]");
  await expect(dialog).toBeVisible();
  expect(await unnamedControls(dialog), "create dialog").toEqual([]);
  await page.getByTestId("dialog-close").click();
  await expect(dialog).toHaveCount(0);

  await page.getByTestId("prune-open").click();
  await expect(dialog).toBeVisible();
  expect(await unnamedControls(dialog), "prune dialog").toEqual([]);
  await page.getByTestId("dialog-close").click();
  await expect(dialog).toHaveCount(0);

  await page.getByTestId("reach-open").click();
  await expect(page.getByTestId("reach-panel")).toBeVisible();
  expect(await unnamedControls(page.getByTestId("reach-panel")), "reach panel").toEqual([]);
});

test("every control on the Audit page has an accessible name", async ({ page }) => {
  await page.goto("/audit");
  await expect(page.getByTestId("audit-table")).toBeVisible();
  expect(await unnamedControls(page.locator("body"))).toEqual([]);
});

test("Tab walks the header's controls in the order they are shown", async ({ page }) => {
  await openMap(page);
  const header = page.locator("header").first();
  const expected = await header
    .locator("button:not([disabled]), a[href], select:not([disabled]), input:not([disabled])")
    .filter({ visible: true })
    .evaluateAll((els) =>
      els.map((el) => `${el.tagName} ${el.getAttribute("data-testid") ?? el.textContent?.trim()}`),
    );
  expect(expected.length).toBeGreaterThan(3);

  const reached: string[] = [];
  await page.locator("body").focus();
  for (let i = 0; i < expected.length; i++) {
    await page.keyboard.press("Tab");
    reached.push(
      await page.evaluate(() => {
        const el = document.activeElement;
        return el && el.closest("header")
          ? `${el.tagName} ${el.getAttribute("data-testid") ?? el.textContent?.trim()}`
          : `outside the header: ${el?.tagName}`;
      }),
    );
  }
  expect(reached).toEqual(expected);
  await expect(page.getByTestId("theme-toggle")).toHaveAccessibleName(/^Theme: /);
});
