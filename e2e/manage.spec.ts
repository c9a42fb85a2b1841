import { execFileSync } from "node:child_process";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { docker, dockerQuietly, inspectContainer } from "../tests/support/docker-cli";

// Point-and-click network management through the real UI in Chromium, each result checked with
// the docker CLI. Every resource is named nl-e2e-* and labelled netlens.test=1; each test removes
// what it made, and leftovers of a killed run are removed before it starts.
const IMAGE = process.env.NETLENS_TEST_IMAGE ?? "netlens-busybox:latest";
const LABEL = ["--label", "netlens.test=1"];
const DUAL = "nl-e2e-dual";
const MACVLAN = "nl-e2e-macvlan";
const NET = "nl-e2e-net";
const CTR = "nl-e2e-c";
const UNUSED = "nl-e2e-unused";
const IPVLAN = "nl-e2e-ipvlan";
const FAILING = "nl-e2e-ipv";
// veth pairs stand in for NICs (the lab does the same): macvlan and ipvlan need a parent link.
const MV_PARENT = "nl-e2e-mv0";
const IV_PARENT = "nl-e2e-iv0";

type NetworkInspectFull = {
  Name: string;
  Driver: string;
  EnableIPv6: boolean;
  IPAM: { Config: { Subnet: string; Gateway?: string }[] | null };
  Options: Record<string, string>;
  Labels: Record<string, string> | null;
};

function inspectNetworkFull(name: string): NetworkInspectFull {
  return (JSON.parse(docker("network", "inspect", name)) as NetworkInspectFull[])[0]!;
}

const networkNames = () => docker("network", "ls", "--format", "{{.Name}}").split("\n");

function ip(...args: string[]) {
  execFileSync("ip", args, { stdio: "ignore" });
}

function addVethPair(name: string) {
  removeLink(name);
  ip("link", "add", name, "type", "veth", "peer", "name", name.replace(/0$/, "1"));
  ip("link", "set", name, "up");
  ip("link", "set", name.replace(/0$/, "1"), "up");
}

function removeLink(name: string) {
  try {
    // Deleting one end of a veth pair deletes both.
    ip("link", "del", name);
  } catch {
    // not there
  }
}

function removeAll() {
  dockerQuietly(
    ["rm", "-f", CTR, FAILING],
    ...[DUAL, MACVLAN, NET, UNUSED, IPVLAN].map((n) => ["network", "rm", n]),
  );
  removeLink(MV_PARENT);
  removeLink(IV_PARENT);
}

test.beforeAll(removeAll);
test.afterAll(removeAll);

async function openMap(page: Page) {
  await page.goto("/");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "up");
  await expect(page.locator('[data-testid="graph-network"][data-name="lab-mynet"]')).toHaveCount(1);
}

async function openCreateDialog(page: Page): Promise<Locator> {
  await page.getByTestId("new-network").click();
  const dialog = page.getByTestId("create-network-dialog");
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId("net-name")).toBeFocused();
  return dialog;
}

/** The test label, typed into the form like any other. */
async function labelAsTest(page: Page) {
  await page.getByTestId("add-label").click();
  await page.getByTestId("label-key-0").fill("netlens.test");
  await page.getByTestId("label-value-0").fill("1");
}

const problem = (page: Page, field: string) =>
  page.locator(`[data-testid="problem"][data-field="${field}"]`);
const graphNetwork = (page: Page, name: string) =>
  page.locator(`[data-testid="graph-network"][data-name="${name}"]`);

/** Bounding boxes once the layout has stopped moving them (two reads 300 ms apart agree). */
async function settledBoxes(...locators: Locator[]) {
  let previous = "";
  await expect
    .poll(
      async () => {
        const now = JSON.stringify(await Promise.all(locators.map((l) => l.boundingBox())));
        const same = now === previous && !now.includes("null");
        previous = now;
        return same;
      },
      { intervals: [300], timeout: 15_000 },
    )
    .toBe(true);
  return Promise.all(locators.map(async (l) => (await l.boundingBox())!));
}

test("(a) creates a dual-stack bridge network and draws it", async ({ page }) => {
  await openMap(page);
  const dialog = await openCreateDialog(page);
  const submit = page.getByTestId("create-network-submit");
  await page.getByTestId("net-name").fill(DUAL);
  await page.getByTestId("subnet-0").fill("10.150.0.0/24");
  await page.getByTestId("gateway-0").fill("10.150.0.1");
  await page.getByTestId("add-subnet").click();
  await page.getByTestId("subnet-1").fill("fd00:150::/64");
  await page.getByTestId("gateway-1").fill("fd00:150::1");
  // An IPv6 subnet without IPv6 on is refused before anything is sent.
  await expect(problem(page, "ipam.config[1].subnet")).toContainText("turn on IPv6");
  await expect(submit).toBeDisabled();
  await page.getByTestId("net-ipv6").check();
  await labelAsTest(page);
  await expect(page.getByTestId("problem")).toHaveCount(0);
  await expect(page.getByTestId("docker-command")).toHaveText(
    "docker network create --driver bridge --subnet 10.150.0.0/24 --gateway 10.150.0.1 " +
      `--subnet fd00:150::/64 --gateway fd00:150::1 --ipv6 --label netlens.test=1 ${DUAL}`,
  );
  await submit.click();

  await expect(dialog).toHaveCount(0);
  await expect(graphNetwork(page, DUAL)).toHaveCount(1);
  await expect(graphNetwork(page, DUAL)).toContainText("10.150.0.0/24, fd00:150::/64");
  // The new network is selected once it arrives on the live stream.
  await expect(page.getByTestId("side-panel")).toHaveAttribute("data-kind", "network");
  await expect(page.getByTestId("side-panel")).toContainText(DUAL);

  const net = inspectNetworkFull(DUAL);
  expect(net.Driver).toBe("bridge");
  expect(net.EnableIPv6).toBe(true);
  expect(net.IPAM.Config).toEqual([
    { Subnet: "10.150.0.0/24", Gateway: "10.150.0.1" },
    { Subnet: "fd00:150::/64", Gateway: "fd00:150::1" },
  ]);
  expect(net.Labels).toEqual({ "netlens.test": "1" });
  dockerQuietly(["network", "rm", DUAL]);
});

test("(b) a second IPv4 subnet on a bridge is refused before submit", async ({ page }) => {
  await openMap(page);
  await openCreateDialog(page);
  await page.getByTestId("net-name").fill("nl-e2e-never");
  await page.getByTestId("subnet-0").fill("10.151.0.0/24");
  await page.getByTestId("add-subnet").click();
  await page.getByTestId("subnet-1").fill("10.152.0.0/24");
  await expect(problem(page, "ipam.config")).toHaveText(
    /the bridge driver takes at most one IPv4 and one IPv6 subnet \(got 2 IPv4, 0 IPv6\)/,
  );
  await expect(page.getByTestId("create-network-submit")).toBeDisabled();
  // Removing the second subnet clears it; Esc closes the dialog and nothing was created.
  await page.getByTestId("remove-subnet-1").click();
  await expect(page.getByTestId("problem")).toHaveCount(0);
  await expect(page.getByTestId("create-network-submit")).toBeEnabled();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("create-network-dialog")).toHaveCount(0);
  expect(networkNames()).not.toContain("nl-e2e-never");
});

test("(c) a subnet overlapping lab-mynet is flagged with the network's name", async ({ page }) => {
  await openMap(page);
  await openCreateDialog(page);
  await page.getByTestId("net-name").fill("nl-e2e-never");
  await page.getByTestId("subnet-0").fill("172.20.8.0/24");
  const overlap = problem(page, "ipam.config[0].subnet");
  await expect(overlap).toContainText('overlaps network "lab-mynet" (172.20.0.0/16)');
  await expect(overlap).toHaveAttribute("data-kind", "conflict");
  await expect(page.getByTestId("create-network-submit")).toBeDisabled();
});

test("(d) creates a macvlan network on a parent link; Docker's refusal is shown as it says it", async ({
  page,
}) => {
  addVethPair(MV_PARENT);
  await openMap(page);
  await openCreateDialog(page);
  await page.getByTestId("net-name").fill(MACVLAN);
  await page.getByTestId("net-driver").selectOption("macvlan");
  await page.getByTestId("subnet-0").fill("10.153.0.0/24");
  await page.getByTestId("gateway-0").fill("10.153.0.1");
  await page.getByTestId("opt-macvlan-mode").selectOption("bridge");
  await labelAsTest(page);

  // A parent the host does not have: only Docker can tell, and its words reach the dialog.
  await page.getByTestId("opt-parent").fill("nl-e2e-nope0");
  await expect(page.getByTestId("problem")).toHaveCount(0);
  await page.getByTestId("create-network-submit").click();
  await expect(page.getByTestId("dialog-error")).toContainText("nl-e2e-nope0");
  expect(networkNames()).not.toContain(MACVLAN);

  await page.getByTestId("opt-parent").fill(MV_PARENT);
  await expect(page.getByTestId("dialog-error")).toHaveCount(0);
  await expect(page.getByTestId("docker-command")).toContainText(
    `--opt parent=${MV_PARENT} --opt macvlan_mode=bridge`,
  );
  await page.getByTestId("create-network-submit").click();
  await expect(page.getByTestId("create-network-dialog")).toHaveCount(0);
  await expect(graphNetwork(page, MACVLAN)).toHaveAttribute("data-driver", "macvlan");

  const net = inspectNetworkFull(MACVLAN);
  expect(net.Driver).toBe("macvlan");
  expect(net.Options).toMatchObject({ parent: MV_PARENT, macvlan_mode: "bridge" });
  expect(net.IPAM.Config).toEqual([{ Subnet: "10.153.0.0/24", Gateway: "10.153.0.1" }]);
  dockerQuietly(["network", "rm", MACVLAN]);
  removeLink(MV_PARENT);
});

test.describe("connect by drag, disconnect, remove", () => {
  test.describe.configure({ mode: "serial" });

  test.beforeAll(() => {
    dockerQuietly(["rm", "-f", CTR], ["network", "rm", NET]);
    docker("network", "create", ...LABEL, "--subnet", "10.154.0.0/24", NET);
    docker("run", "-d", ...LABEL, "--name", CTR, "--network", "lab-mynet", IMAGE);
  });
  test.afterAll(() => dockerQuietly(["rm", "-f", CTR], ["network", "rm", NET]));

  test("(e) dropping a container's box on a network's hub connects it", async ({ page }) => {
    await openMap(page);
    const sandboxId = inspectContainer(CTR).NetworkSettings.SandboxID;
    const box = page.locator(`[data-testid="graph-sandbox"][data-id="${sandboxId}"] rect.box`);
    const hub = graphNetwork(page, NET).locator("path.hub");
    const [from, to] = await settledBoxes(box, hub);

    await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
    await page.mouse.down();
    await page.mouse.move(to!.x + to!.width / 2, to!.y + to!.height / 2, { steps: 20 });
    await expect(graphNetwork(page, NET)).toHaveAttribute("data-drop-target", "true");
    await page.mouse.up();

    const dialog = page.getByTestId("connect-dialog");
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId("connect-container")).toHaveText(CTR);
    await expect(page.getByTestId("connect-network")).toContainText(NET);
    // An address outside the subnet is refused before Docker is asked.
    await page.getByTestId("connect-ipv4").fill("10.9.0.5");
    await expect(dialog.getByTestId("problem")).toContainText("outside nl-e2e-net's subnet");
    await expect(page.getByTestId("connect-submit")).toBeDisabled();
    await page.getByTestId("connect-ipv4").fill("10.154.0.50");
    await page.getByTestId("connect-aliases").fill("e2e-alias, e2e-other");
    await page.getByTestId("connect-submit").click();
    await expect(dialog).toHaveCount(0);

    await expect(
      page.locator('[data-testid="graph-endpoint"][data-ip="10.154.0.50/24"]'),
    ).toHaveCount(1);
    await expect(
      page.getByTestId("endpoint-label").filter({ hasText: "10.154.0.50/24" }),
    ).toHaveCount(1);
    await expect(page.getByTestId("side-panel")).toHaveAttribute("data-kind", "endpoint");
    const endpoint = inspectContainer(CTR).NetworkSettings.Networks[NET];
    expect(endpoint?.IPAddress).toBe("10.154.0.50");
    expect(endpoint?.Aliases).toEqual(expect.arrayContaining(["e2e-alias", "e2e-other"]));
    // Still on lab-mynet: connecting adds an endpoint, it moves nothing.
    expect(inspectContainer(CTR).NetworkSettings.Networks["lab-mynet"]).toBeDefined();
  });

  test("(f) disconnects it from the endpoint panel, after confirming", async ({ page }) => {
    expect(inspectContainer(CTR).NetworkSettings.Networks[NET]).toBeDefined();
    await openMap(page);
    const endpoint = page.locator('[data-testid="graph-endpoint"][data-ip="10.154.0.50/24"]');
    await endpoint.click();
    const panel = page.getByTestId("side-panel");
    await expect(panel).toHaveAttribute("data-kind", "endpoint");
    await expect(page.getByTestId("disconnect-force")).not.toBeChecked();
    await page.getByTestId("disconnect").click();
    await expect(panel).toContainText(`Disconnect ${CTR} from ${NET}?`);
    await page.getByTestId("confirm-disconnect").click();

    await expect(endpoint).toHaveCount(0);
    await expect(panel).toHaveAttribute("data-kind", "container");
    expect(inspectContainer(CTR).NetworkSettings.Networks[NET]).toBeUndefined();
  });

  test("(g) removes the network from its panel", async ({ page }) => {
    await openMap(page);
    await page.locator(`[data-testid="network-row"][data-name="${NET}"]`).click();
    const panel = page.getByTestId("side-panel");
    await expect(panel).toContainText(NET);
    await page.getByTestId("remove-network").click();
    await page.getByTestId("confirm-remove").click();
    await expect(graphNetwork(page, NET)).toHaveCount(0);
    await expect(panel).toHaveCount(0);
    expect(networkNames()).not.toContain(NET);
  });
});

test("what cannot be changed says why: in-use and predefined networks, container: mode", async ({
  page,
}) => {
  await openMap(page);
  await page.locator('[data-testid="network-row"][data-name="lab-mynet"]').click();
  await expect(page.getByTestId("remove-network")).toBeDisabled();
  const reason = page.getByTestId("remove-network-reason");
  for (const name of ["web", "db", "api"]) await expect(reason).toContainText(name);
  await expect(reason).toContainText("disconnect them first");

  await page.locator('[data-testid="network-row"][data-name="bridge"]').click();
  await expect(page.getByTestId("remove-network")).toHaveCount(0);
  await expect(page.getByTestId("remove-network-reason")).toContainText("predefined");

  await page.locator('[data-testid="container-row"][data-name="web-sidecar"]').click();
  await expect(page.getByTestId("connect-open")).toHaveCount(0);
  await expect(page.getByTestId("connect-blocked")).toContainText("Connect web instead");
  // …and offers to connect the owner of the stack instead.
  await page.getByTestId("connect-owner").click();
  await expect(page.getByTestId("connect-dialog")).toBeVisible();
  await expect(page.getByTestId("connect-container")).toHaveText("web");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("connect-dialog")).toHaveCount(0);
  // Esc closed only the dialog, not the details behind it.
  await expect(page.getByTestId("side-panel")).toHaveAttribute("data-kind", "container");
});

test("(h) prune lists the unused networks first and removes what was confirmed", async ({
  page,
}) => {
  dockerQuietly(["network", "rm", UNUSED]);
  docker("network", "create", ...LABEL, "--subnet", "10.155.0.0/24", UNUSED);
  await openMap(page);
  await expect(graphNetwork(page, UNUSED)).toHaveCount(1);
  await page.getByTestId("prune-open").click();
  const dialog = page.getByTestId("prune-dialog");
  await expect(dialog).toBeVisible();
  const ours = page.locator(`[data-testid="prune-item"][data-name="${UNUSED}"]`);
  await expect(ours).toHaveCount(1);
  // The lab's networks are all in use, and the predefined ones are never listed.
  const listed = await page
    .getByTestId("prune-item")
    .evaluateAll((items) => items.map((i) => i.getAttribute("data-name")));
  for (const name of ["bridge", "host", "none", "lab-mynet", "lab-backend"]) {
    expect(listed).not.toContain(name);
  }
  expect(networkNames()).toContain(UNUSED);
  // Only ours goes: anything else a parallel test has left unused for a moment is kept.
  for (const item of await page.getByTestId("prune-item").all()) {
    if ((await item.getAttribute("data-name")) !== UNUSED) {
      await item.getByTestId("prune-item-check").uncheck();
    }
  }
  await page.getByTestId("prune-confirm").click();
  await expect(page.locator(`[data-testid="prune-removed"][data-name="${UNUSED}"]`)).toHaveCount(1);
  await expect(page.getByTestId("prune-removed")).toHaveCount(1);
  expect(networkNames()).not.toContain(UNUSED);
  await expect(graphNetwork(page, UNUSED)).toHaveCount(0);
  await page.getByTestId("prune-close").click();
  await expect(dialog).toHaveCount(0);
});

test("a container Docker could not start is shown at once, with Docker's reason", async ({
  page,
}) => {
  addVethPair(IV_PARENT);
  docker("network", "create", ...LABEL, "-d", "ipvlan", "-o", `parent=${IV_PARENT}`, IPVLAN);
  await openMap(page);
  await expect(page.getByTestId("toggle-stopped")).not.toBeChecked();
  let started = true;
  try {
    docker("run", "-d", ...LABEL, "--name", FAILING, "--network", IPVLAN, IMAGE);
  } catch {
    started = false;
  }
  if (started) {
    // A kernel with ipvlan starts it: make the start fail another real way, a host port that the
    // lab's web already holds, so the test still proves what the page shows.
    dockerQuietly(["rm", "-f", FAILING]);
    dockerQuietly(["run", "-d", ...LABEL, "--name", FAILING, "-p", "8080:80", IMAGE]);
  }

  const id = docker("inspect", "-f", "{{.Id}}", FAILING);
  const error = docker("inspect", "-f", "{{.State.Error}}", FAILING);
  expect(error).not.toBe("");
  const notice = page.getByTestId("failed-notice");
  await expect(notice).toContainText(FAILING);
  await expect(notice).toContainText(error);
  await expect(
    page.locator(`[data-testid="graph-sandbox"][data-id="stopped:${id}"][data-failed="true"]`),
  ).toHaveCount(1);
  await expect(
    page.locator(`[data-testid="container-row"][data-name="${FAILING}"][data-failed="true"]`),
  ).toHaveCount(1);
  await notice.getByTestId("failed-container").filter({ hasText: FAILING }).click();
  await expect(page.getByTestId("container-error")).toContainText(error);

  dockerQuietly(["rm", "-f", FAILING], ["network", "rm", IPVLAN]);
  removeLink(IV_PARENT);
});
