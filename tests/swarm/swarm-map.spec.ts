import { expect, test, type Locator, type Page } from "@playwright/test";
import type { Topology } from "@/lib/topology/types";
import { bearer } from "../support/server";
import { swarmCli, swarmEngine } from "../support/swarm-lab";
import { startSwarmServer } from "../support/swarm-server";

// The map of the two-node swarm lab (scripts/swarm-lab.sh): node1 the manager, node2 a worker,
// the overlay lab-overlay, the service lab-svc (2 replicas, dnsrr, one task per node) and the
// plain container lab-solo on node2 — in Chromium, from a Netlens that follows both engines.
let server: Awaited<ReturnType<typeof startSwarmServer>>;

test.beforeAll(async () => {
  server = await startSwarmServer(3408);
});

test.beforeEach(({ context }) => context.setExtraHTTPHeaders(bearer("admin")));

async function topology(page: Page): Promise<Topology> {
  const response = await page.request.get(`${server.url}/api/topology`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as Topology;
}

const region = (page: Page, engineId: string) =>
  page.locator(`[data-testid="engine-region"][data-engine-id="${engineId}"]`);
const service = (page: Page) => page.locator('[data-testid="graph-service"][data-name="lab-svc"]');

/** Whether `inner`'s centre lies inside `outer`'s box on the screen. */
async function inside(inner: Locator, outer: Locator): Promise<boolean> {
  const a = await inner.boundingBox();
  const b = await outer.locator("rect.region-box").boundingBox();
  if (!a || !b) return false;
  const x = a.x + a.width / 2;
  const y = a.y + a.height / 2;
  return x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;
}

/** Wait for the layout to come to rest, so boxes are where they will stay. */
async function settled(page: Page) {
  const node = page.locator('[data-testid="graph-network"][data-name="lab-overlay"]');
  await expect
    .poll(async () => {
      const a = await node.getAttribute("transform");
      await page.waitForTimeout(300);
      return a !== null && a === (await node.getAttribute("transform"));
    })
    .toBe(true);
}

test.afterAll(async () => {
  // Leave the lab as it was found, whatever happened in the test.
  swarmCli("node1", "service", "update", "--detach", "--replicas-max-per-node", "1", "lab-svc");
  swarmCli("node1", "service", "scale", "--detach", "lab-svc=2");
  await server?.stop();
});

test("engines side by side, the overlay once across them, the service with its tasks", async ({
  page,
}) => {
  await page.goto(server.url);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "up");
  await expect(page.getByTestId("engine-region")).toHaveCount(2);
  await expect(page.getByTestId("engine-info")).toContainText(
    "2 engines · 2 up · swarm of 2 nodes",
  );
  await expect(region(page, "node1")).toHaveAttribute("data-status", "up");
  await expect(region(page, "node1")).toContainText("manager");
  await expect(region(page, "node2")).toHaveAttribute("data-status", "up");
  await expect(region(page, "node2")).toContainText("worker");
  await settled(page);

  // Side by side: node1's region left of node2's, not overlapping.
  const left = await region(page, "node1").locator("rect.region-box").boundingBox();
  const right = await region(page, "node2").locator("rect.region-box").boundingBox();
  expect(left && right && left.x + left.width < right.x).toBe(true);

  // The overlay is one hub, with endpoints drawn in both engines' regions.
  await expect(page.locator('[data-testid="graph-network"][data-name="lab-overlay"]')).toHaveCount(
    1,
  );
  const model = await topology(page);
  const overlay = model.networks.find((n) => n.name === "lab-overlay");
  expect(overlay?.engineId).toBeNull();
  const containerEndpoints = model.endpoints.filter(
    (e) => e.networkId === overlay?.id && e.containerId !== "",
  );
  for (const engineId of ["node1", "node2"]) {
    const endpoint = containerEndpoints.find((e) => e.engineId === engineId);
    expect(endpoint, `an endpoint on lab-overlay from ${engineId}`).toBeDefined();
    const port = page.locator(`[data-testid="graph-endpoint"][data-id="${endpoint?.id}"]`);
    expect(await inside(port, region(page, engineId))).toBe(true);
  }
  // Each engine draws its own bridge, host and none.
  for (const name of ["bridge", "host", "none"]) {
    await expect(page.locator(`[data-testid="graph-network"][data-name="${name}"]`)).toHaveCount(2);
  }
  // lab-solo is a plain container of node2.
  const solo = page.locator('[data-testid="sandbox-container-name"]', { hasText: "lab-solo" });
  expect(await inside(solo, region(page, "node2"))).toBe(true);

  // The service: one node, "2/2 running", linked to a task box in each region.
  await expect(service(page)).toHaveCount(1);
  await expect(service(page)).toContainText("dnsrr");
  await expect(service(page)).toContainText("2/2 running");
  await expect(page.locator('[data-testid="graph-task-link"]')).toHaveCount(2);
  for (const engineId of ["node1", "node2"]) {
    // A running task's container (an old task's stopped container may be kept beside it).
    const task = model.containers.find(
      (c) => c.serviceId !== null && c.engineId === engineId && c.sandboxId !== null,
    );
    expect(task, `a lab-svc task on ${engineId}`).toBeDefined();
    const name = page.locator(
      `[data-testid="sandbox-container-name"][data-container-id="${task?.id}"]`,
    );
    expect(await inside(name, region(page, engineId))).toBe(true);
  }
  // Swarm's own namespaces are drawn, small and apart from the containers.
  await expect(page.getByTestId("graph-swarm-sandbox")).not.toHaveCount(0);

  // Its panel: mode, endpoint mode and a task per node.
  await service(page).click();
  const panel = page.getByTestId("side-panel");
  await expect(panel).toHaveAttribute("data-kind", "service");
  await expect(panel).toContainText("dnsrr");
  await expect(panel.locator('[data-testid="service-task"][data-current="true"]')).toHaveCount(2);
  await expect(panel).toContainText("node1");
  await expect(panel).toContainText("node2");
});

test("docker service scale shows on the map without a reload", async ({ page }) => {
  let loads = 0;
  page.on("load", () => loads++);
  await page.goto(server.url);
  await expect(service(page)).toContainText("2/2 running");
  // One task a node at most (the lab's placement): the third replica has nowhere to go, and the
  // map says why instead of pretending.
  swarmCli("node1", "service", "scale", "--detach", "lab-svc=3");
  await expect(service(page)).toContainText("2/3 running", { timeout: 30_000 });
  await expect(service(page).getByTestId("service-problem")).toContainText("no suitable node", {
    timeout: 30_000,
  });
  await expect(service(page)).toHaveAttribute("data-failed", "true");

  // docker service update lifts the limit: the waiting task is placed, live.
  swarmCli("node1", "service", "update", "--detach", "--replicas-max-per-node", "2", "lab-svc");
  await expect(service(page)).toContainText("3/3 running", { timeout: 30_000 });
  await expect(page.locator('[data-testid="graph-task-link"]')).toHaveCount(3);

  swarmCli("node1", "service", "scale", "--detach", "lab-svc=2");
  await expect(service(page)).toContainText("2/2 running", { timeout: 30_000 });
  await expect(page.locator('[data-testid="graph-task-link"]')).toHaveCount(2, {
    timeout: 30_000,
  });
  await expect(service(page).getByTestId("service-problem")).toHaveCount(0);
  expect(loads).toBe(1);
});

test("node2's engine killed: its region dimmed with its banner while node1's stays live; back again", async ({
  page,
}) => {
  await page.goto(server.url);
  await expect(region(page, "node2")).toHaveAttribute("data-status", "up");
  try {
    swarmEngine("kill", "node2");
    await expect(region(page, "node2")).toHaveAttribute("data-status", "down", { timeout: 15_000 });
    await expect(page.getByTestId("engines-down-banner")).toContainText("node2");
    await expect(region(page, "node1")).toHaveAttribute("data-status", "up");
    // The page itself stays live: only one engine of two is gone.
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "up");
    await expect(page.getByTestId("engine-down-banner")).toHaveCount(0);
    // node2's last known part is still drawn.
    await expect(
      page.locator('[data-testid="sandbox-container-name"]', { hasText: "lab-solo" }),
    ).toHaveCount(1);
  } finally {
    swarmEngine("start", "node2");
  }
  await expect(region(page, "node2")).toHaveAttribute("data-status", "up", { timeout: 30_000 });
  await expect(page.getByTestId("engines-down-banner")).toHaveCount(0);
});
