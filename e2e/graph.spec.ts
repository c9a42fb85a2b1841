import { expect, test } from "@playwright/test";
import type { Topology } from "@/lib/topology/types";
import { inspectContainer } from "../tests/support/docker-cli";

let topology: Topology;

test.beforeAll(async ({ request }) => {
  topology = (await (await request.get("/api/topology")).json()) as Topology;
});

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("topology-graph")).toBeVisible();
  await expect(page.locator('[data-testid="graph-network"][data-name="lab-mynet"]')).toBeVisible();
});

test("draws the lab's networks, sandboxes and endpoints", async ({ page }, testInfo) => {
  for (const name of ["bridge", "host", "none", "lab-mynet", "lab-backend", "lab-macvlan"]) {
    await expect(
      page.locator(`[data-testid="graph-network"][data-name="${name}"]`),
      name,
    ).toHaveCount(1);
  }
  // Stopped containers are hidden by default: every drawn sandbox is a real one.
  await expect(page.getByTestId("graph-sandbox")).toHaveCount(topology.sandboxes.length);
  await expect(page.locator('[data-testid="graph-sandbox"][data-kind="host"]')).toHaveCount(1);
  await expect(page.getByTestId("graph-endpoint")).toHaveCount(topology.endpoints.length);

  const web = inspectContainer("web");
  const ip = web.NetworkSettings.Networks["lab-mynet"]?.IPAddress;
  await expect(page.locator(`[data-testid="graph-endpoint"][data-ip^="${ip}/"]`)).toHaveCount(1);
  // Published ports are chips on their own box: no node of their own, no line across the map.
  const webBox = page.locator(
    `[data-testid="graph-sandbox"][data-id="${web.NetworkSettings.SandboxID}"]`,
  );
  await expect(
    webBox.getByTestId("port-chip").filter({ hasText: "0.0.0.0:8080→80/tcp" }),
  ).toHaveCount(1);
  await expect(page.getByTestId("port-chip")).toHaveCount(
    topology.containers
      .filter((c) => c.sandboxId !== null)
      .flatMap((c) => c.ports.filter((p) => p.publicPort !== undefined)).length,
  );

  const shot = await page.screenshot({ path: testInfo.outputPath("topology.png"), fullPage: true });
  await testInfo.attach("topology", { body: shot, contentType: "image/png" });
});

test("the shared namespace is one box holding web and web-sidecar", async ({ page }) => {
  const web = inspectContainer("web");
  const box = page.locator(
    `[data-testid="graph-sandbox"][data-id="${web.NetworkSettings.SandboxID}"]`,
  );
  await expect(box.getByTestId("sandbox-container-name")).toHaveText(["web", "web-sidecar"]);
});

test("clicking a port chip opens the host's published ports, its box's first", async ({ page }) => {
  const web = inspectContainer("web");
  await page
    .locator(`[data-testid="graph-sandbox"][data-id="${web.NetworkSettings.SandboxID}"]`)
    .getByTestId("port-chip")
    .filter({ hasText: "0.0.0.0:8080→80/tcp" })
    .click();
  const panel = page.getByTestId("side-panel");
  await expect(panel).toHaveAttribute("data-kind", "hostPorts");
  const first = panel.getByTestId("host-port-mapping").first();
  await expect(first).toHaveAttribute("data-current", "true");
  await expect(first).toContainText("web");
});

test("clicking a network opens its panel with Docker's facts", async ({ page }) => {
  await page.locator('[data-testid="graph-network"][data-name="lab-mynet"]').click();
  const panel = page.getByTestId("side-panel");
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("lab-mynet");
  await expect(panel).toContainText("172.20.0.0/16");
  await expect(panel).toContainText("172.20.0.1");
  await expect(panel).toContainText("database");
  await page.getByTestId("side-panel-close").click();
  await expect(panel).toHaveCount(0);
});

test("search filters the table", async ({ page }) => {
  const rows = page.getByTestId("container-row");
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  await page.getByTestId("search").fill("sidecar");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-name", "web-sidecar");
  await expect(page.getByTestId("network-row")).toHaveCount(0);
  await page.getByTestId("search").fill("");
  await expect(rows).toHaveCount(before);
});

test("stopped containers appear dimmed only when asked for", async ({ page }) => {
  const stopped = topology.containers.filter((c) => c.sandboxId === null).length;
  expect(stopped).toBeGreaterThan(0);
  await page.getByTestId("toggle-stopped").click();
  await expect(page.getByTestId("graph-sandbox")).toHaveCount(topology.sandboxes.length + stopped);
});
