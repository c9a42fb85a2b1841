import { expect, test } from "@playwright/test";
import type { AuditEntry } from "@/lib/audit/types";
import type { Topology } from "@/lib/topology/types";
import { docker, dockerQuietly, networkNames } from "../support/docker-cli";
import { bearer, TEST_SERVER_ENV } from "../support/server";
import { SseClient } from "../support/sse-client";
import { asked, startBehindProxy, type BehindProxy } from "./behind-proxy";

// The viewer deployment: behind the proxy's read-only profile (its GETs, the event stream
// included) the map and the live stream work; a change is refused in the proxy's own words,
// audited, and the page says up front why its change controls are unavailable.
test.describe.configure({ mode: "serial" });
test.setTimeout(90_000);

const PORT = 3502;
const P = "nl-t-pxro";
const IMAGE = TEST_SERVER_ENV.NETLENS_PROBE_IMAGE;
const REFUSED_CREATE =
  "Docker: docker-api-proxy (read-only profile) refused POST /networks/create: not on its allow-list";
let s: BehindProxy;

const cleanup = () => dockerQuietly(["rm", "-f", `${P}-live`], ["network", "rm", `${P}-net`]);
test.beforeAll(async () => {
  cleanup();
  s = await startBehindProxy("read-only", PORT);
});
test.afterAll(async () => {
  await s?.stop();
  cleanup();
});

test("the map and the live stream work", async ({ request }) => {
  const res = await request.get(`${s.url}/api/topology`, { headers: bearer("viewer") });
  expect(res.status()).toBe(200);
  expect(((await res.json()) as Topology).networks.map((n) => n.name)).toContain("lab-mynet");
  const client = await SseClient.open(s.url);
  try {
    await client.waitFor((c) => c.topology !== null && c.engineStatus === "up", "snapshot");
    docker(
      ...["run", "-d", "--label", "netlens.test=1", "--dns", "127.0.0.1"],
      ...["--name", `${P}-live`, "--network", "lab-mynet", IMAGE],
    );
    await client.waitFor(
      (c) => c.topology?.containers.some((x) => x.name === `${P}-live`) ?? false,
      `${P}-live on the map`,
    );
  } finally {
    await client.close();
  }
});

test("a change is refused in the proxy's words, changes nothing, and is audited", async ({
  request,
}) => {
  const res = await request.post(`${s.url}/api/networks`, {
    headers: { ...bearer("admin"), "Content-Type": "application/json" },
    data: JSON.stringify({ name: `${P}-net`, driver: "bridge", labels: { "netlens.test": "1" } }),
  });
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { error: { message: string } }).error.message).toBe(REFUSED_CREATE);
  expect(networkNames(P)).not.toContain(`${P}-net`);

  const audit = await request.get(`${s.url}/api/audit?q=${P}-net`, { headers: bearer("admin") });
  const { entries } = (await audit.json()) as { entries: AuditEntry[] };
  expect(entries[0]).toMatchObject({
    role: "admin",
    target: `${P}-net`,
    status: 403,
    outcome: "refused",
    message: REFUSED_CREATE,
  });
});

test("the page says why nothing can be changed, and offers no change", async ({ page }) => {
  await page.goto(s.url);
  await expect(
    page.locator('[data-testid="graph-network"][data-name="lab-mynet"]').first(),
  ).toBeVisible({ timeout: 30_000 });
  const badge = page.getByTestId("changes-off");
  await expect(badge).toBeVisible();
  const why =
    /The Docker engine refuses changes .*docker-api-proxy \(read-only profile\) refused POST/;
  await expect(badge).toHaveAttribute("title", why);
  for (const control of ["new-network", "prune-open"]) {
    await expect(page.getByTestId(control)).toBeDisabled();
    await expect(page.getByTestId(control)).toHaveAttribute("title", why);
  }
});

test("the proxy refused only changes", () => {
  const refused = asked(s.proxy.records, false);
  expect(refused).toContain("POST /networks/create");
  for (const r of refused) expect(r).toMatch(/^(POST|DELETE) /);
});
