import { statSync, readFileSync, rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { dockerQuietly } from "../tests/support/docker-cli";
import { bearer } from "../tests/support/server";
import { startServer } from "../tests/support/spawn-server";

test.describe("first start without a configured token", () => {
  // A browser that has nothing but the URL the server printed.
  test.use({ extraHTTPHeaders: {} });
  const dataDir = "/tmp/netlens-test-data-fresh";
  let server: Awaited<ReturnType<typeof startServer>>;

  test.beforeAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    server = await startServer(3294, { NETLENS_TOKEN: undefined, NETLENS_DATA_DIR: dataDir });
  });
  test.afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("generates an admin token (0600), prints a login URL, and the URL logs the browser in", async ({
    page,
  }) => {
    let url: string | undefined;
    await expect
      .poll(
        () =>
          (url = /log in at (http:\/\/\S+\/login\?token=\S+)/.exec(
            readFileSync(server.log, "utf8"),
          )?.[1]),
      )
      .toBeTruthy();
    expect(statSync(`${dataDir}/admin-token`).mode & 0o777).toBe(0o600);

    await page.goto(server.url);
    await expect(page).toHaveURL(/\/login$/);
    await page.goto(url as string);
    await expect(page.getByTestId("topology-graph")).toBeVisible();
    await expect(page).toHaveURL(`${server.url}/`);
    // The token is gone from the address bar and history.
    expect(page.url()).not.toContain("token=");
    await expect(page.getByTestId("new-network")).toBeVisible();
  });

  test("a wrong token is refused on the login page", async ({ page }) => {
    await page.goto(`${server.url}/login`);
    await page.getByTestId("login-token").fill("definitely-not-the-token");
    await page.getByTestId("login-submit").click();
    await expect(page.getByTestId("login-error")).toContainText("not valid");
  });
});

test.describe("a viewer", () => {
  test.use({ extraHTTPHeaders: bearer("viewer") });

  test("sees the map and no control that would change it", async ({ page }) => {
    await page.goto("/");
    await expect(
      page.locator('[data-testid="graph-network"][data-name="lab-mynet"]'),
    ).toBeVisible();
    await expect(page.getByTestId("new-network")).toHaveCount(0);
    await expect(page.getByTestId("prune-open")).toHaveCount(0);
    await page.locator('[data-testid="graph-network"][data-name="lab-mynet"]').click();
    await expect(page.getByTestId("side-panel")).toBeVisible();
    await expect(page.getByTestId("remove-network")).toHaveCount(0);
    await expect(page.getByTestId("connect-container-open")).toHaveCount(0);
  });
});

test.describe("an admin", () => {
  const NET = "nl-e2e-audited";
  test.afterAll(() => dockerQuietly(["network", "rm", NET]));

  test("sees their network creation on the Audit page", async ({ page, request }) => {
    dockerQuietly(["network", "rm", NET]);
    const res = await request.post("/api/networks", {
      headers: { "Content-Type": "application/json" },
      data: Buffer.from(
        JSON.stringify({ name: NET, driver: "bridge", labels: { "netlens.test": "1" } }),
      ),
    });
    expect(res.status()).toBe(201);
    await page.goto("/");
    await page.getByTestId("audit-link").click();
    await page.getByTestId("audit-search").fill(NET);
    const row = page.getByTestId("audit-row").filter({ hasText: NET });
    await expect(row.first()).toContainText("admin");
    await expect(row.first()).toContainText("create network");
    await expect(row.first()).toContainText("done (201)");
  });
});
