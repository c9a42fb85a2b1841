import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import type { Topology } from "@/lib/topology/types";
import { docker, dockerQuietly } from "../tests/support/docker-cli";

// Three compose projects on three networks of their own: grouped by project, collapsed into one
// node each and opened again; focus on one container shows its neighbourhood and nothing else.
const IMAGE = process.env.NETLENS_TEST_IMAGE ?? "netlens-busybox:latest";
const NETS = { front: "nl-t-grp-front", back: "nl-t-grp-back", data: "nl-t-grp-data" } as const;
type Net = keyof typeof NETS;
const PROJECTS: Record<string, Record<string, Net[]>> = {
  "nl-t-shop": { web: ["front"], api: ["front", "back"], db: ["back"], cache: ["back"] },
  "nl-t-blog": { web: ["front"], app: ["front", "data"], db: ["data"], cache: ["data"] },
  "nl-t-chat": { web: ["front"], api: ["back"], db: ["back"], worker: ["data"] },
};
const name = (project: string, service: string) => `${project}-${service}`;
const containerNames = Object.entries(PROJECTS).flatMap(([project, services]) =>
  Object.keys(services).map((service) => name(project, service)),
);

function removeOwn() {
  dockerQuietly(
    ["rm", "-f", ...containerNames],
    ...Object.values(NETS).map((net) => ["network", "rm", net]),
  );
}

const dockerAsync = (...args: string[]) => promisify(execFile)("docker", args);

test.beforeAll(async () => {
  removeOwn();
  Object.values(NETS).forEach((net, i) =>
    docker("network", "create", "--label", "netlens.test=1", "--subnet", `10.234.${i}.0/24`, net),
  );
  // In parallel: one after another, twelve containers take half a minute on a small machine.
  await Promise.all(
    Object.entries(PROJECTS).flatMap(([project, services]) =>
      Object.entries(services).map(async ([service, [first, ...more]]) => {
        const container = name(project, service);
        await dockerAsync(
          ...["run", "-d", "--label", "netlens.test=1", "--name", container],
          ...["--label", `com.docker.compose.project=${project}`, "--dns", "127.0.0.1"],
          ...["--network", NETS[first!], IMAGE, "sleep", "3600"],
        );
        for (const net of more) await dockerAsync("network", "connect", NETS[net], container);
      }),
    ),
  );
});
test.afterAll(removeOwn);

const graphGroup = (page: Page, project: string) =>
  page.locator(`[data-testid="graph-group"][data-name="${project}"]`);
const containerName = (page: Page, container: string) =>
  page.getByTestId("sandbox-container-name").filter({ hasText: new RegExp(`^${container}$`) });

async function openMap(page: Page) {
  await page.goto("/");
  await expect(containerName(page, name("nl-t-chat", "worker"))).toHaveCount(1);
}

test("grouped by compose project: a collapsed project is one node with its counts", async ({
  page,
}) => {
  await openMap(page);
  await page.getByTestId("group-by").selectOption("project");
  // A small map starts expanded: each project is collapsed from one of its containers' panel.
  for (const project of Object.keys(PROJECTS)) {
    await containerName(page, name(project, "web")).click();
    await page.getByTestId("group-collapse").click();
    await expect(graphGroup(page, project)).toHaveCount(1);
    // The panel would cover the next project's boxes.
    await page.getByTestId("side-panel-close").click();
  }
  for (const project of Object.keys(PROJECTS)) {
    await expect(graphGroup(page, project)).toHaveAttribute("data-running", "4");
    await expect(graphGroup(page, project)).toHaveAttribute("data-sandboxes", "4");
    await expect(graphGroup(page, project).getByTestId("group-counts")).toHaveText(
      "4 running · 4 namespaces",
    );
  }
  await expect(containerName(page, name("nl-t-shop", "db"))).toHaveCount(0);
  // One line per network: shop is on front (web, api) and back (api, db, cache).
  const shopLinks = page.locator(
    `[data-testid="graph-group-link"][data-id^="group:project:nl-t-shop->"]`,
  );
  await expect(shopLinks).toHaveCount(2);
  await expect(shopLinks.and(page.locator('[data-endpoints="3"]'))).toHaveCount(1);

  // The click handler itself: the node may still be finding its place in the layout.
  await graphGroup(page, "nl-t-shop").dispatchEvent("click");
  await expect(graphGroup(page, "nl-t-shop")).toHaveCount(0);
  await expect(containerName(page, name("nl-t-shop", "db"))).toHaveCount(1);
  const panel = page.getByTestId("side-panel");
  await expect(panel.getByTestId("group-panel")).toContainText("4 running");
  await expect(panel.getByTestId("group-expand")).toHaveAttribute("data-expanded", "true");
  await panel.getByTestId("group-expand").click();
  await expect(graphGroup(page, "nl-t-shop")).toHaveCount(1);
  await expect(containerName(page, name("nl-t-shop", "db"))).toHaveCount(0);
});

test("focus on a container: 1 hop, 2 hops, then the whole map again", async ({ page, request }) => {
  await openMap(page);
  const drawnBoxes = page.getByTestId("graph-sandbox");
  const drawnNetworks = page.getByTestId("graph-network");

  await containerName(page, name("nl-t-shop", "db")).click();
  await page.getByTestId("focus-1").click();
  await expect(page.getByTestId("focus-banner")).toContainText("Focus: nl-t-shop-db (1 hop)");
  await expect(drawnBoxes).toHaveCount(1);
  await expect(drawnNetworks).toHaveCount(1);
  await expect(page.locator(`[data-testid="graph-network"][data-name="${NETS.back}"]`)).toHaveCount(
    1,
  );

  await page.getByTestId("focus-2").click();
  await expect(page.getByTestId("focus-banner")).toContainText("(2 hops)");
  // Everything on back: shop's api, db and cache, chat's api and db.
  await expect(drawnBoxes).toHaveCount(5);
  await expect(containerName(page, name("nl-t-chat", "api"))).toHaveCount(1);
  await expect(containerName(page, name("nl-t-shop", "web"))).toHaveCount(0);
  await expect(drawnNetworks).toHaveCount(1);

  await page.getByTestId("focus-clear").click();
  await expect(page.getByTestId("focus-banner")).toHaveCount(0);
  // The other live specs add and remove containers meanwhile: compare with the map as it is now.
  const sandboxCount = async () =>
    ((await (await request.get("/api/topology")).json()) as Topology).sandboxes.length;
  await expect
    .poll(async () => (await drawnBoxes.count()) - (await sandboxCount()), { timeout: 15_000 })
    .toBe(0);
});
