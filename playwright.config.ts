import { defineConfig } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "./tests/support/chromium";
import { bearer, TEST_BASE_URL, TEST_PORT, TEST_SERVER_ENV } from "./tests/support/server";

// Integration (API against the real engine) and e2e (real Chromium) share one production server.
const BROWSER = { browserName: "chromium" as const, viewport: { width: 1600, height: 1000 } };
/** E2E tests that change the shared engine while a page watches. */
const LIVE_SPECS = [
  "**/live.spec.ts",
  "**/engine-fault.spec.ts",
  "**/manage.spec.ts",
  "**/reach.spec.ts",
  "**/grouping.spec.ts",
  "**/history.spec.ts",
  "**/readability.spec.ts",
];
/** A few hundred containers of its own: alone, so no other spec's map is that big meanwhile. */
const BIG_SPECS = ["**/big-map.spec.ts"];
/** Integration tests that start probe helpers on the shared engine. */
const PROBE_SPECS = ["**/reachability.spec.ts"];
export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  globalSetup: "./tests/support/global-setup.ts",
  globalTeardown: "./tests/support/global-teardown.ts",
  use: {
    baseURL: TEST_BASE_URL,
    // Every request (API and page alike) is the admin's unless a test says otherwise.
    extraHTTPHeaders: bearer("admin"),
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
  // The projects run one after another: each test reads or changes the one shared engine, and
  // the e2e pages count what is drawn, so nothing that changes the engine runs beside them.
  projects: [
    { name: "integration", testDir: "tests/integration", testIgnore: PROBE_SPECS },
    // Probes start helper containers inside other containers' namespaces: alone, after the rest.
    {
      name: "integration-probe",
      testDir: "tests/integration",
      testMatch: PROBE_SPECS,
      dependencies: ["integration"],
    },
    {
      name: "e2e",
      testDir: "e2e",
      testIgnore: [...LIVE_SPECS, ...BIG_SPECS],
      use: BROWSER,
      dependencies: ["integration-probe"],
    },
    {
      name: "e2e-live",
      testDir: "e2e",
      testMatch: LIVE_SPECS,
      use: BROWSER,
      dependencies: ["e2e"],
    },
    {
      name: "e2e-big",
      testDir: "e2e",
      testMatch: BIG_SPECS,
      use: BROWSER,
      dependencies: ["e2e-live"],
    },
    // Swarm and many engines: a two-node lab of its own (two engines in their own namespaces),
    // never the shared engine; each spec starts a server following the lab's engines.
    {
      name: "swarm-setup",
      testDir: "tests/swarm",
      testMatch: "**/lab.setup.ts",
      teardown: "swarm-teardown",
      dependencies: ["e2e-big"],
    },
    {
      name: "swarm",
      testDir: "tests/swarm",
      testMatch: "**/*.spec.ts",
      use: BROWSER,
      // One spec at a time: each scales, drains or kills parts of the one lab.
      workers: 1,
      dependencies: ["swarm-setup"],
    },
    { name: "swarm-teardown", testDir: "tests/swarm", testMatch: "**/lab.teardown.ts" },
    // Least privilege: servers of their own whose only way to an engine is a default-deny Docker
    // API proxy (scripts/docker-api-proxy.ts). After the swarm specs, so the swarm lab is still
    // up for the manager's endpoints (its teardown waits for every project after swarm-setup).
    {
      name: "proxy",
      testDir: "tests/proxy",
      testMatch: "**/*-profile.spec.ts",
      use: BROWSER,
      dependencies: ["swarm"],
    },
    // What the proxy specs recorded = the allow-list = docs/engine-endpoints.md and the README.
    {
      name: "proxy-endpoints",
      testDir: "tests/proxy",
      testMatch: "**/endpoints.spec.ts",
      dependencies: ["proxy"],
    },
    // The container image: built (layers cached between runs), run against the shared engine.
    { name: "image", testDir: "tests/image", use: BROWSER, dependencies: ["proxy"] },
  ],
  webServer: {
    command: `npx next start -H 127.0.0.1 -p ${TEST_PORT}`,
    url: `${TEST_BASE_URL}/api/health`,
    // Locally, a server already on the test port (e.g. `next dev -p 3210`) is reused; CI always starts one.
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    env: { NEXT_TELEMETRY_DISABLED: "1", ...TEST_SERVER_ENV },
  },
});
