import { expect, test, type Page } from "@playwright/test";
import { docker, dockerQuietly, inspectContainer } from "../tests/support/docker-cli";
import { bearer } from "../tests/support/server";

// "Can A reach B?" through the real UI in Chromium against the real engine: the answer follows the
// engine live, the fix it offers is a real command (run here with the docker CLI), the route is
// drawn on the map, and a probe from inside A agrees. Every resource is named nl-t-ui-*, labelled
// netlens.test=1, and its containers resolve nothing off this machine (--dns 127.0.0.1).
const IMAGE = process.env.NETLENS_TEST_IMAGE ?? "netlens-busybox:latest";
const LABEL = ["--label", "netlens.test=1"];
const NET_A = "nl-t-ui-net-a";
const NET_B = "nl-t-ui-net-b";
const A = "nl-t-ui-a";
const B = "nl-t-ui-b";

const removeOwn = () =>
  dockerQuietly(["rm", "-f", A, B], ["network", "rm", NET_A], ["network", "rm", NET_B]);

test.beforeAll(() => {
  removeOwn();
  for (const net of [NET_A, NET_B]) docker("network", "create", ...LABEL, net);
  for (const [name, net] of [
    [A, NET_A],
    [B, NET_B],
  ] as const) {
    docker(
      "run",
      "-d",
      ...LABEL,
      "--dns",
      "127.0.0.1",
      "--name",
      name,
      "--network",
      net,
      IMAGE,
      "httpd",
      "-f",
      "-p",
      "80",
      "-h",
      "/var/www",
    );
  }
});
test.afterAll(removeOwn);

const sandboxBox = (page: Page, name: string) =>
  page.locator(
    `[data-testid="graph-sandbox"][data-id="${inspectContainer(name).NetworkSettings.SandboxID}"]`,
  );
const hub = (page: Page, name: string) =>
  page.locator(`[data-testid="graph-network"][data-name="${name}"]`);

async function openMap(page: Page) {
  await page.goto("/");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "up");
  await expect(hub(page, "lab-mynet")).toHaveCount(1);
}

test("A on one network, B on another: blocked, the fix run with docker, reachable live, probed", async ({
  page,
}, testInfo) => {
  let loads = 0;
  page.on("load", () => loads++);
  await openMap(page);
  await expect(sandboxBox(page, A)).toHaveCount(1);

  // A from the map: its box, then "Can this reach…?" in its panel.
  await sandboxBox(page, A).click();
  await expect(page.getByTestId("side-panel")).toContainText(A);
  await page.getByTestId("reach-from-here").click();
  const panel = page.getByTestId("reach-panel");
  await expect(panel).toBeVisible();
  await expect(page.getByTestId("side-panel")).toHaveCount(0);
  await expect(page.getByTestId("reach-from")).toHaveValue(A);
  await expect(page.getByTestId("reach-pick-to")).toHaveAttribute("aria-pressed", "true");

  // B by a click on its box while picking (dispatched: the panel may cover it at this size).
  await sandboxBox(page, B).dispatchEvent("click");
  await expect(page.getByTestId("reach-to")).toHaveValue(B);
  await expect(page.getByTestId("side-panel")).toHaveCount(0);
  await page.getByTestId("reach-port").fill("80");

  const verdict = page.getByTestId("reach-verdict");
  await expect(verdict).toHaveText("blocked");
  await expect(verdict).toHaveAttribute("data-verdict", "blocked");
  await expect(page.getByTestId("reach-blocker")).toHaveAttribute("data-code", "no-shared-network");
  await expect(page.getByTestId("reach-blocker")).toContainText(`${A} is on ${NET_A}`);
  const fix = page.getByTestId("reach-fix-command");
  await expect(fix).toHaveText(`docker network connect ${NET_B} ${A}`);
  await expect(page.getByTestId("reach-debug-command")).toHaveText(
    `docker run -it --rm --network container:${A} nicolaka/netshoot`,
  );
  // Where it breaks: a mark between the two boxes; both ends tagged.
  await expect(page.locator('[data-testid="reach-break"][data-reach="break"]')).toHaveCount(1);
  await expect(sandboxBox(page, A)).toHaveAttribute("data-reach-end", "from");
  await expect(sandboxBox(page, B)).toHaveAttribute("data-reach-end", "to");
  await expect(hub(page, "bridge")).toHaveClass(/nl-dim/);
  const blocked = await page.screenshot({ path: testInfo.outputPath("reach-blocked.png") });
  await testInfo.attach("reach-blocked", { body: blocked, contentType: "image/png" });

  // Exactly the command the page offers, run by hand.
  const command = (await fix.textContent())?.trim().split(/\s+/) ?? [];
  expect(command.slice(0, 3)).toEqual(["docker", "network", "connect"]);
  docker(...command.slice(1));
  const ip = inspectContainer(B).NetworkSettings.Networks[NET_B]?.IPAddress;
  expect(ip).toBeTruthy();

  // The answer follows the engine: no reload, no request.
  await expect(verdict).toHaveText("reachable");
  await expect(page.getByTestId("reach-route")).toHaveAttribute("data-via", "network");
  await expect(page.getByTestId("reach-route-dial")).toHaveText(`${ip}:80`);
  await expect(page.getByTestId("reach-route-name").first()).toHaveText(B);
  await expect(page.getByTestId("reach-blocker")).toHaveCount(0);
  // The route on the map: A's new endpoint and B's, both on NET_B's hub; no break left.
  await expect(hub(page, NET_B)).toHaveAttribute("data-reach", "route");
  await expect(page.locator('line.endpoint-link[data-reach="route"]')).toHaveCount(2);
  await expect(page.locator('[data-testid="reach-break"]')).toHaveCount(0);
  await expect(hub(page, NET_A)).toHaveClass(/nl-dim/);

  // What the probe sees from inside A agrees with the prediction.
  await page.getByTestId("probe-now").click();
  const result = page.getByTestId("probe-result");
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("probe-outcome")).toHaveText("connected");
  await expect(result).toHaveAttribute("data-agrees", "true");
  await expect(page.getByTestId("probe-dns")).toContainText(`${B} → ${ip}`);
  await expect(page.getByTestId("probe-predicted")).toHaveText("reachable");
  const route = await page.screenshot({ path: testInfo.outputPath("reach-route.png") });
  await testInfo.attach("reach-route", { body: route, contentType: "image/png" });

  // Leaving reach mode leaves the map as it was.
  await page.getByTestId("reach-close").click();
  await expect(panel).toHaveCount(0);
  await expect(page.locator("[data-reach]")).toHaveCount(0);
  await expect(page.locator(".nl-dim")).toHaveCount(0);
  expect(loads).toBe(1);
});

test("exposure: web's 0.0.0.0:8080 is bright, db is dimmed", async ({ page }) => {
  await openMap(page);
  await page.getByTestId("exposure-toggle").click();
  await expect(page.getByTestId("exposure-toggle")).toHaveAttribute("aria-pressed", "true");
  await expect(sandboxBox(page, "web")).toHaveAttribute("data-exposure", "exposed");
  await expect(page.locator('[data-testid="graph-sandbox"][data-kind="host"]')).toHaveAttribute(
    "data-exposure",
    "exposed",
  );
  await expect(sandboxBox(page, "db")).toHaveClass(/nl-dim/);
  await expect(sandboxBox(page, "db")).not.toHaveAttribute("data-exposure", /./);
  const list = page.getByTestId("exposure-list");
  await expect(
    list
      .locator('[data-testid="exposure-entry"][data-name="web"][data-scope="all-interfaces"]')
      .filter({ hasText: "0.0.0.0:8080 → 80/tcp" }),
  ).toHaveCount(1);
  // A loopback binding is listed, but not as exposed.
  await expect(
    list.locator('[data-testid="exposure-entry"][data-name="web"][data-scope="loopback"]'),
  ).toContainText("127.0.0.1:8443 → 443/tcp");

  await page.getByTestId("exposure-toggle").click();
  await expect(list).toHaveCount(0);
  await expect(sandboxBox(page, "db")).not.toHaveClass(/nl-dim/);
  await expect(sandboxBox(page, "web")).not.toHaveAttribute("data-exposure", /./);
});

test("advice: legacy on the default bridge is listed, and a click finds it", async ({ page }) => {
  await openMap(page);
  const toggle = page.getByTestId("advice-toggle");
  await expect(toggle).not.toHaveAttribute("data-warning", "0");
  await toggle.click();
  const item = page.locator(
    '[data-testid="advice-item"][data-code="default-bridge-in-use"][data-subject="legacy"]',
  );
  await expect(item).toHaveAttribute("data-severity", "warning");
  await expect(item.getByTestId("advice-fix-command")).toContainText(
    "docker network connect app-net legacy",
  );
  await item.getByTestId("advice-focus").click();
  const details = page.getByTestId("side-panel");
  await expect(details).toHaveAttribute("data-kind", "container");
  await expect(details.locator("h2")).toHaveText("legacy");
  await expect(page.getByTestId("advice-list")).toBeVisible();
  await page.getByTestId("advice-close").click();
  await expect(page.getByTestId("advice-list")).toHaveCount(0);
});

test("a probe that cannot run says why in the API's words", async ({ page }) => {
  await openMap(page);
  await page.getByTestId("reach-open").click();
  await page.getByTestId("reach-from").selectOption("batch");
  await page.getByTestId("reach-to").selectOption("db");
  await expect(page.getByTestId("reach-blocker")).toHaveAttribute("data-code", "not-running");
  await expect(page.getByTestId("reach-fix-command")).toHaveText("docker start batch");
  await page.getByTestId("probe-now").click();
  await expect(page.getByTestId("probe-error")).toContainText("batch is exited");
  // The outside is never probed: Netlens sends nothing beyond the host.
  await page.getByTestId("reach-from").selectOption("outside");
  await page.getByTestId("reach-to").selectOption("web");
  await expect(page.getByTestId("reach-verdict")).toHaveText("reachable");
  await expect(page.getByTestId("probe-now")).toBeDisabled();
});

test("a viewer asks and sees the answer, but is offered no probe", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: bearer("viewer") });
  const page = await context.newPage();
  try {
    await openMap(page);
    await page.getByTestId("reach-open").click();
    await page.getByTestId("reach-from").selectOption("web");
    await page.getByTestId("reach-to").selectOption("db");
    await expect(page.getByTestId("reach-verdict")).toHaveText("reachable");
    await expect(page.getByTestId("reach-route-name").first()).toHaveText("db");
    await expect(page.getByTestId("probe-now")).toHaveCount(0);
  } finally {
    await context.close();
  }
});
