import { expect, test, type Page } from "@playwright/test";
import { docker, dockerQuietly, inspectContainer } from "../tests/support/docker-cli";

// With the page open, changes made with the docker CLI appear without a reload, and a node the
// change did not touch stays where it was.
const IMAGE = process.env.NETLENS_TEST_IMAGE ?? "netlens-busybox:latest";
const NET = "nl-t-e2e-net";
const CTR = "nl-t-e2e-c";

const removeOwn = () => dockerQuietly(["rm", "-f", CTR], ["network", "rm", NET]);

test.beforeAll(removeOwn);
test.afterAll(removeOwn);

const position = (page: Page, sandboxId: string) =>
  page.locator(`[data-testid="graph-sandbox"][data-id="${sandboxId}"]`).getAttribute("transform");

test("network connect and stop show up live; an unchanged node keeps its position", async ({
  page,
}) => {
  docker("network", "create", "--label", "netlens.test=1", "--subnet", "10.233.0.0/24", NET);
  docker("run", "-d", "--label", "netlens.test=1", "--name", CTR, "--network", "lab-mynet", IMAGE);
  const own = inspectContainer(CTR).NetworkSettings.SandboxID;
  const legacy = inspectContainer("legacy").NetworkSettings.SandboxID;

  // Loads, not navigations: the App Router's own history.replaceState counts as a navigation.
  let loads = 0;
  page.on("load", () => loads++);
  await page.goto("/");
  await expect(page.locator(`[data-testid="graph-sandbox"][data-id="${own}"]`)).toHaveCount(1);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "up");
  // Let the first layout settle before taking the reference position.
  await expect
    .poll(async () => {
      const a = await position(page, legacy);
      await page.waitForTimeout(300);
      return a !== null && a === (await position(page, legacy));
    })
    .toBe(true);
  const before = await position(page, legacy);

  docker("network", "connect", NET, CTR);
  const ip = inspectContainer(CTR).NetworkSettings.Networks[NET]?.IPAddress;
  await expect(page.locator(`[data-testid="graph-endpoint"][data-ip="${ip}/24"]`)).toHaveCount(1);
  await expect(page.locator(`[data-testid="graph-network"][data-name="${NET}"]`)).toHaveCount(1);
  await expect(page.getByTestId("activity-feed")).toContainText(`${CTR} connected to ${NET}`);

  docker("stop", "-t", "0", CTR);
  await expect(page.locator(`[data-testid="graph-sandbox"][data-id="${own}"]`)).toHaveCount(0);
  await expect(page.getByTestId("activity-feed")).toContainText(`${CTR} stopped`);

  await page.waitForTimeout(1000);
  expect(await position(page, legacy)).toBe(before);
  expect(loads).toBe(1);
});
