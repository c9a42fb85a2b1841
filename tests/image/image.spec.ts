import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { docker, dockerQuietly } from "../support/docker-cli";
import { rawRequest } from "../support/raw-http";
import { bearer, TEST_SERVER_ENV } from "../support/server";

// The container image as ops teams run it: built here (scripts/build-image.sh, on the local
// stand-in for node:20-bookworm-slim; layers cached between runs), started with the socket
// mounted and its group added, a read-only root and a data volume. It must answer, run as
// non-root, draw the lab in Chromium, keep its data across a re-create, refuse a data
// directory from a newer Netlens, and serve a viewer behind the proxy it ships (compose.yaml).
test.describe.configure({ mode: "serial" });
// Each page logs in with the container's own token (from its log), not the test servers'.
test.use({ extraHTTPHeaders: {} });

const IMAGE = "netlens:test";
const P = "nl-t-img";
const APP = `${P}-app`;
const VOLUME = `${P}-data`;
const PORT = 3504;
const VIEWER_PORT = 3505;
const URL = `http://127.0.0.1:${PORT}`;
const LABEL = ["--label", "netlens.test=1"];
const SOCKET = "/var/run/docker.sock";
const SOCKET_GID = String(statSync(SOCKET).gid);

function cleanup() {
  // -v: the anonymous /data volume of a container run without one goes with it.
  dockerQuietly(
    ["rm", "-f", "-v", APP, `${P}-newer`, `${P}-proxy`, `${P}-viewer`],
    ["volume", "rm", VOLUME],
    ["volume", "rm", `${P}-newer`],
    ["network", "rm", `${P}-net`],
  );
}

test.beforeAll(() => {
  // Cold (base image and every layer) on a busy 2-core machine takes minutes; warm, seconds.
  test.setTimeout(30 * 60_000);
  cleanup();
  const reuse = process.env.NETLENS_IMAGE_REUSE === "1";
  if (reuse && spawnSync("docker", ["image", "inspect", IMAGE]).status === 0) return;
  const build = spawnSync("bash", ["scripts/build-image.sh", ...LABEL], {
    env: { ...process.env, NETLENS_IMAGE: IMAGE },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (build.status !== 0) {
    throw new Error(
      `scripts/build-image.sh failed:\n${build.stderr.split("\n").slice(-40).join("\n")}`,
    );
  }
  console.log(build.stderr.trim().split("\n").pop());
});
test.afterAll(() => {
  cleanup();
  // The build stages stay tagged as the next build's cache (netlens-cache:*), as does the base.
  dockerQuietly(["rmi", IMAGE]);
});

/** The README's one-line `docker run`, with the test's label, port and a quick health check. */
function runNetlens(name: string, volume: string, port: number, ...extra: string[]): void {
  docker(
    ...["run", "-d", "--name", name, ...LABEL, "--dns", "127.0.0.1"],
    ...["--read-only", "--tmpfs", "/tmp", "--group-add", SOCKET_GID],
    ...["-v", `${SOCKET}:${SOCKET}`, "-v", `${volume}:/data`, "-p", `127.0.0.1:${port}:3000`],
    ...[
      "--health-interval",
      "2s",
      "-e",
      `NETLENS_PROBE_IMAGE=${TEST_SERVER_ENV.NETLENS_PROBE_IMAGE}`,
    ],
    ...extra,
    IMAGE,
  );
}

async function healthy(url: string): Promise<{ engine: { reachable: boolean } }> {
  let body: { engine: { reachable: boolean } } | null = null;
  await expect
    .poll(
      async () => {
        const res = await fetch(`${url}/api/health`).catch(() => null);
        body = res?.ok ? ((await res.json()) as { engine: { reachable: boolean } }) : null;
        return body !== null;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return body!;
}

/** The admin token the container generated, from the login URL it printed. */
async function printedToken(name: string): Promise<string> {
  let token = "";
  await expect
    .poll(() => {
      const log = spawnSync("docker", ["logs", name], { encoding: "utf8" });
      token = /log in at http:\/\/\S+\/login\?token=(\S+)/.exec(log.stdout + log.stderr)?.[1] ?? "";
      return token;
    })
    .not.toBe("");
  return token;
}

async function showsTheLab(page: Page): Promise<void> {
  await expect(page.getByTestId("topology-graph")).toBeVisible({ timeout: 30_000 });
  for (const name of ["lab-mynet", "lab-backend", "bridge"]) {
    await expect(
      page.locator(`[data-testid="graph-network"][data-name="${name}"]`).first(),
    ).toBeVisible();
  }
}

test("starts as a non-root user on a read-only root, healthy, Host allow-list enforced", async () => {
  docker("volume", "create", ...LABEL, VOLUME);
  runNetlens(APP, VOLUME, PORT);
  expect((await healthy(URL)).engine.reachable).toBe(true);
  expect(docker("exec", APP, "id", "-u")).toBe("10001");
  expect(docker("exec", APP, "id", "-G").split(" ")).toContain(SOCKET_GID);
  expect(docker("inspect", "-f", "{{.HostConfig.ReadonlyRootfs}}", APP)).toBe("true");
  expect(spawnSync("docker", ["exec", APP, "touch", "/app/server.js"]).status).not.toBe(0);
  await expect
    .poll(() => docker("inspect", "-f", "{{.State.Health.Status}}", APP), { timeout: 30_000 })
    .toBe("healthy");
  // Listening on 0.0.0.0 inside, yet a foreign Host (DNS rebinding) is still refused.
  const foreign = await rawRequest(URL, { path: "/", headers: { Host: "rebind.example" } });
  expect(foreign.status).toBe(403);
});

test("serves the lab's map in Chromium, logged in through the URL it printed", async ({ page }) => {
  const token = await printedToken(APP);
  await page.goto(`${URL}/login?token=${token}`);
  await expect(page).toHaveURL(`${URL}/`);
  await showsTheLab(page);
});

test("the data volume outlives the container: token, session and audit log", async ({
  browser,
  request,
}) => {
  const token = await printedToken(APP);
  const login = await browser.newContext();
  const before = await login.newPage();
  await before.goto(`${URL}/login?token=${token}`);
  await expect(before).toHaveURL(`${URL}/`);
  const session = await login.storageState();
  await login.close();
  // An attempt to change the engine (a bad one: nothing changes) goes to the audit log.
  const attempt = await request.post(`${URL}/api/networks`, {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    data: JSON.stringify({ name: "", driver: "bridge" }),
  });
  expect(attempt.status()).toBe(400);

  docker("rm", "-f", APP);
  runNetlens(APP, VOLUME, PORT);
  await healthy(URL);
  expect(await printedToken(APP)).toBe(token);
  const audit = await request.get(`${URL}/api/audit`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const { entries } = (await audit.json()) as { entries: { status: number }[] };
  expect(entries.map((e) => e.status)).toEqual([400]);
  // The session cookie signed before the re-create is still good: the key is on the volume.
  const again = await browser.newContext({ storageState: session });
  const page = await again.newPage();
  await page.goto(URL);
  await expect(page).toHaveURL(`${URL}/`);
  await showsTheLab(page);
  await again.close();
});

test("a data directory written by a newer Netlens: refuses to start, changes nothing", () => {
  const volume = `${P}-newer`;
  docker("volume", "create", ...LABEL, volume);
  // As a newer build would leave it: audit.db at a schema version this build does not know.
  docker(
    ...["run", "--rm", ...LABEL, "-v", `${volume}:/data`, "--entrypoint", "node", IMAGE, "-e"],
    `const D = require("/app/node_modules/libsql"); const db = new D("/data/audit.db");
     db.exec("CREATE TABLE audit (id INTEGER PRIMARY KEY)"); db.exec("PRAGMA user_version = 99"); db.close();`,
  );
  const files = () =>
    docker(
      "run",
      "--rm",
      ...LABEL,
      "-v",
      `${volume}:/data`,
      "--entrypoint",
      "sh",
      IMAGE,
      "-c",
      "cd /data && ls -A && sha256sum audit.db",
    );
  const before = files();
  const run = spawnSync(
    "docker",
    [
      ...["run", "--name", `${P}-newer`, ...LABEL, "--dns", "127.0.0.1", "--read-only"],
      ...["--tmpfs", "/tmp", "--group-add", SOCKET_GID, "-v", `${SOCKET}:${SOCKET}`],
      ...["-v", `${volume}:/data`, IMAGE],
    ],
    { encoding: "utf8", timeout: 60_000 },
  );
  expect(run.status).toBe(1);
  expect(run.stdout + run.stderr).toContain(
    "Netlens: refusing to start. /data/audit.db has schema version 99, but this Netlens knows versions up to 1",
  );
  expect(files()).toBe(before);
});

test("a viewer behind the read-only proxy it ships: the map, and changes refused in its words", async ({
  browser,
  request,
}) => {
  docker("network", "create", ...LABEL, `${P}-net`);
  docker(
    ...["run", "-d", "--name", `${P}-proxy`, ...LABEL, "--network", `${P}-net`, "--read-only"],
    ...["--group-add", SOCKET_GID, "-v", `${SOCKET}:${SOCKET}`, "--no-healthcheck", IMAGE],
    ...["node", "docker-api-proxy.mjs", "--profile", "read-only", "--verbose"],
  );
  docker(
    ...["run", "-d", "--name", `${P}-viewer`, ...LABEL, "--network", `${P}-net`, "--read-only"],
    ...["--tmpfs", "/tmp", "-e", `DOCKER_HOST=tcp://${P}-proxy:2375`],
    ...["-e", `NETLENS_TOKEN=${TEST_SERVER_ENV.NETLENS_TOKEN}`],
    ...["-p", `127.0.0.1:${VIEWER_PORT}:3000`, IMAGE],
  );
  const url = `http://127.0.0.1:${VIEWER_PORT}`;
  expect((await healthy(url)).engine.reachable).toBe(true);
  const refused = await request.post(`${url}/api/networks`, {
    headers: { ...bearer("admin"), "Content-Type": "application/json" },
    data: JSON.stringify({ name: `${P}-never`, driver: "bridge" }),
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
    "docker-api-proxy (read-only profile) refused POST /networks/create",
  );

  const context = await browser.newContext({ extraHTTPHeaders: bearer("admin") });
  const page = await context.newPage();
  await page.goto(url);
  await showsTheLab(page);
  await expect(page.getByTestId("changes-off")).toBeVisible();
  await expect(page.getByTestId("new-network")).toBeDisabled();
  await context.close();

  const log = docker("logs", `${P}-proxy`).split("\n");
  expect(log).toContain("allow GET /events");
  expect(log).toContain("DENY  POST /networks/create");
  for (const line of log.filter((l) => l.startsWith("DENY")))
    expect(line).toMatch(/^DENY {2}POST /);
});
