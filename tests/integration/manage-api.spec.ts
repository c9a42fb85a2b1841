import { expect, test, type APIRequestContext } from "@playwright/test";
import {
  docker,
  dockerQuietly,
  inspectContainer,
  inspectNetwork,
  networkNames,
} from "../support/docker-cli";

// The mutation API against the real engine: a table of bad inputs (each must get the right
// status and a message naming the problem, and change nothing), then the good paths, each
// verified with the docker CLI rather than through our own API.
test.describe.configure({ mode: "serial" });

const IMAGE = process.env.NETLENS_TEST_IMAGE ?? "netlens-busybox:latest";
const NET = "nl-t-api-net";
const CTR = "nl-t-api-c";
const LABELS = { "netlens.test": "1" };
const json = { "Content-Type": "application/json" };

function cleanup() {
  dockerQuietly(["rm", "-f", CTR], ["network", "rm", NET], ["network", "rm", "nl-t-api-unused"]);
}
test.beforeAll(cleanup);
test.afterAll(cleanup);

const ownNetworks = () => networkNames("nl-t-api");

type Case = {
  what: string;
  method?: "POST" | "DELETE" | "GET";
  path: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  status: number;
  says: RegExp;
};

const spec = (over: Record<string, unknown>) => ({
  name: NET,
  driver: "bridge",
  labels: LABELS,
  ...over,
});
const subnet = (config: Record<string, unknown>) => spec({ ipam: { config: [config] } });

const badInputs: Case[] = [
  {
    what: "octet over 255",
    path: "/api/networks",
    body: subnet({ subnet: "300.1.1.0/24" }),
    status: 400,
    says: /ipam\.config\.0\.subnet|ipam\.config\[0\]\.subnet: "300\.1\.1\.0" is not an IPv4 or IPv6 address/,
  },
  {
    what: "/33 prefix",
    path: "/api/networks",
    body: subnet({ subnet: "10.80.0.0/33" }),
    status: 400,
    says: /ipam\.config\[0\]\.subnet: \/33 is not a valid IPv4 prefix length/,
  },
  {
    what: "/129 IPv6 prefix",
    path: "/api/networks",
    body: spec({ ipv6: true, ipam: { config: [{ subnet: "fd00:80::/129" }] } }),
    status: 400,
    says: /\/129 is not a valid IPv6 prefix length/,
  },
  {
    what: "gateway outside subnet",
    path: "/api/networks",
    body: subnet({ subnet: "10.80.0.0/24", gateway: "10.9.0.1" }),
    status: 400,
    says: /ipam\.config\[0\]\.gateway: 10\.9\.0\.1 is outside subnet 10\.80\.0\.0\/24/,
  },
  {
    what: "ip range outside subnet",
    path: "/api/networks",
    body: subnet({ subnet: "10.80.0.0/24", ipRange: "10.81.0.0/25" }),
    status: 400,
    says: /ipam\.config\[0\]\.ipRange: 10\.81\.0\.0\/25 is not inside/,
  },
  {
    what: "empty name",
    path: "/api/networks",
    body: spec({ name: "" }),
    status: 400,
    says: /^name: is required/,
  },
  {
    what: "10,000-character name",
    path: "/api/networks",
    body: spec({ name: "n".repeat(10_000) }),
    status: 400,
    says: /^name: must be at most 128 characters/,
  },
  {
    what: "control characters in the name",
    path: "/api/networks",
    body: spec({ name: "nl\u0000x" }),
    status: 400,
    says: /^name: must not contain control characters/,
  },
  {
    what: "space in the name",
    path: "/api/networks",
    body: spec({ name: "nl x" }),
    status: 400,
    says: /^name: must start with a letter or digit/,
  },
  {
    what: "unknown key",
    path: "/api/networks",
    body: spec({ privileged: true }),
    status: 400,
    says: /privileged/,
  },
  {
    what: "__proto__ key",
    path: "/api/networks",
    raw: `{"name":"${NET}","driver":"bridge","__proto__":{"polluted":true}}`,
    status: 400,
    says: /__proto__/,
  },
  {
    what: "wrong type",
    path: "/api/networks",
    body: spec({ internal: "yes" }),
    status: 400,
    says: /^internal: /,
  },
  {
    what: "a JSON string, not an object",
    path: "/api/networks",
    raw: '""',
    status: 400,
    says: /^body: .*expected object/i,
  },
  {
    what: "broken JSON",
    path: "/api/networks",
    raw: "{",
    status: 400,
    says: /body: not valid JSON/,
  },
  {
    what: "overlap with an existing network",
    path: "/api/networks",
    body: subnet({ subnet: "172.20.5.0/24" }),
    status: 409,
    says: /overlaps network "lab-mynet" \(172\.20\.0\.0\/16\)/,
  },
  {
    what: "duplicate name",
    path: "/api/networks",
    body: spec({ name: "lab-mynet" }),
    status: 409,
    says: /a network named "lab-mynet" already exists/,
  },
  {
    what: "predefined name",
    path: "/api/networks",
    body: spec({ name: "bridge" }),
    status: 403,
    says: /predefined networks/,
  },
  {
    what: "two IPv4 subnets on bridge",
    path: "/api/networks",
    body: spec({ ipam: { config: [{ subnet: "10.82.0.0/24" }, { subnet: "10.83.0.0/24" }] } }),
    status: 400,
    says: /at most one IPv4 and one IPv6 subnet/,
  },
  {
    what: "unknown driver",
    path: "/api/networks",
    body: spec({ driver: "nosuchdriver" }),
    status: 400,
    says: /^driver: this engine has no network driver "nosuchdriver" \(it offers .*bridge.*macvlan/,
  },
  {
    what: "overlay without swarm",
    path: "/api/networks",
    body: spec({ driver: "overlay" }),
    status: 400,
    says: /^driver: overlay networks need swarm mode/,
  },
  {
    what: "body over the size limit",
    path: "/api/networks",
    body: spec({ labels: { big: "x".repeat(70_000) } }),
    status: 413,
    says: /over 64 KiB/,
  },
  {
    what: "JSON sent as text/plain",
    path: "/api/networks",
    raw: JSON.stringify(spec({})),
    headers: { "Content-Type": "text/plain" },
    status: 415,
    says: /application\/json/,
  },
  {
    what: "form-encoded body",
    path: "/api/networks",
    raw: "name=x",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    status: 415,
    says: /application\/json/,
  },
  { what: "GET on create", method: "GET", path: "/api/networks", status: 405, says: /use POST/ },
  {
    what: "GET on prune",
    method: "GET",
    path: "/api/networks/prune",
    status: 405,
    says: /use POST/,
  },
  {
    what: "GET on connect",
    method: "GET",
    path: "/api/networks/lab-mynet/connect",
    status: 405,
    says: /use POST/,
  },
  {
    what: "remove a predefined network",
    method: "DELETE",
    path: "/api/networks/bridge",
    status: 403,
    says: /bridge is one of Docker's predefined networks/,
  },
  {
    what: "remove a network in use",
    method: "DELETE",
    path: "/api/networks/lab-mynet",
    status: 409,
    says: /Network lab-mynet is in use by .*web.*: disconnect them first/,
  },
  {
    what: "remove a missing network",
    method: "DELETE",
    path: "/api/networks/nl-t-api-missing",
    status: 404,
    says: /not found/,
  },
  {
    what: "double connect",
    path: "/api/networks/lab-mynet/connect",
    body: { containerId: "web" },
    status: 409,
    says: /Docker: .*already exists in network|already attached|already exists/,
  },
  {
    what: "connect a container: mode container",
    path: "/api/networks/lab-backend/connect",
    body: { containerId: "web-sidecar" },
    status: 409,
    says: /web-sidecar shares the network stack of web .* connect web instead/,
  },
  {
    what: "connect a host-mode container",
    path: "/api/networks/lab-backend/connect",
    body: { containerId: "hostnet" },
    status: 409,
    says: /host's network stack/,
  },
  {
    what: "static IP outside the subnet",
    path: "/api/networks/lab-backend/connect",
    body: { containerId: "legacy", ipv4Address: "10.99.0.5" },
    status: 400,
    says: /ipv4Address: 10\.99\.0\.5 is outside the subnets of lab-backend \(172\.21\.0\.0\/24\)/,
  },
  {
    what: "IPv6 given as ipv4Address",
    path: "/api/networks/lab-backend/connect",
    body: { containerId: "legacy", ipv4Address: "fd00::5" },
    status: 400,
    says: /^ipv4Address: must be an IPv4 address/,
  },
  {
    what: "bad alias",
    path: "/api/networks/lab-backend/connect",
    body: { containerId: "legacy", aliases: ["bad alias"] },
    status: 400,
    says: /^aliases\.0: must be a DNS name/,
  },
  {
    what: "connect to a missing network",
    path: "/api/networks/nl-t-api-missing/connect",
    body: { containerId: "legacy" },
    status: 404,
    says: /not found/,
  },
  {
    what: "connect a missing container",
    path: "/api/networks/lab-backend/connect",
    body: { containerId: "nl-t-api-missing" },
    status: 404,
    says: /No such container/i,
  },
  {
    what: "disconnect what is not connected",
    path: "/api/networks/lab-backend/disconnect",
    body: { containerId: "legacy" },
    status: 409,
    says: /is not connected to network/,
  },
  {
    what: "prune without dryRun",
    path: "/api/networks/prune",
    body: {},
    status: 400,
    says: /^dryRun: /,
  },
];

async function send(request: APIRequestContext, c: Case) {
  const method = c.method ?? "POST";
  const headers = c.headers ?? (c.body !== undefined || c.raw !== undefined ? json : {});
  // A Buffer, so the bytes go as they are (a string would be JSON-encoded again).
  const text = c.raw ?? (c.body === undefined ? undefined : JSON.stringify(c.body));
  const data = text === undefined ? undefined : Buffer.from(text);
  return request.fetch(c.path, { method, headers, ...(data !== undefined ? { data } : {}) });
}

for (const c of badInputs) {
  test(`${c.what} → ${c.status}`, async ({ request }) => {
    const before = ownNetworks();
    const webNetworks = Object.keys(inspectContainer("legacy").NetworkSettings.Networks).sort();
    const res = await send(request, c);
    expect(res.status()).toBe(c.status);
    const body = await res.json();
    expect(Object.keys(body)).toEqual(["error"]);
    expect(body.error.message).toMatch(c.says);
    // Nothing changed on the engine.
    expect(ownNetworks()).toEqual(before);
    expect(Object.keys(inspectContainer("legacy").NetworkSettings.Networks).sort()).toEqual(
      webNetworks,
    );
  });
}

test("create → 201 in the topology's shape, as docker network inspect has it", async ({
  request,
}) => {
  const res = await request.post("/api/networks", {
    headers: json,
    data: JSON.stringify(
      spec({
        internal: true,
        ipv6: true,
        ipam: {
          config: [
            { subnet: "10.84.0.0/24", gateway: "10.84.0.1", ipRange: "10.84.0.128/25" },
            { subnet: "fd00:84::/64", gateway: "fd00:84::1" },
          ],
        },
        options: { "com.docker.network.bridge.enable_icc": "false" },
      }),
    ),
  });
  expect(res.status()).toBe(201);
  const created = await res.json();
  const truth = inspectNetwork(NET);
  expect(created).toMatchObject({
    id: truth.Id,
    name: NET,
    driver: "bridge",
    internal: true,
    ipv6: true,
    labels: LABELS,
  });
  expect(truth.Internal).toBe(true);
  expect(truth.IPAM.Config).toEqual([
    { Subnet: "10.84.0.0/24", Gateway: "10.84.0.1", IPRange: "10.84.0.128/25" },
    { Subnet: "fd00:84::/64", Gateway: "fd00:84::1" },
  ]);
  expect(truth.Options["com.docker.network.bridge.enable_icc"]).toBe("false");
});

test("connect with alias and static IP → docker inspect shows them; disconnect → gone", async ({
  request,
}) => {
  docker("run", "-d", "--label", "netlens.test=1", "--name", CTR, "--network", "lab-mynet", IMAGE);
  const res = await request.post(`/api/networks/${NET}/connect`, {
    headers: json,
    data: JSON.stringify({ containerId: CTR, aliases: ["api-alias"], ipv4Address: "10.84.0.200" }),
  });
  expect(res.status()).toBe(200);
  const ep = inspectContainer(CTR).NetworkSettings.Networks[NET];
  expect(ep?.IPAddress).toBe("10.84.0.200");
  expect(ep?.Aliases).toContain("api-alias");

  const again = await request.post(`/api/networks/${NET}/connect`, {
    headers: json,
    data: JSON.stringify({ containerId: CTR }),
  });
  expect(again.status()).toBe(409);

  const busy = await request.delete(`/api/networks/${NET}`);
  expect(busy.status()).toBe(409);
  expect((await busy.json()).error.message).toBe(
    `Network ${NET} is in use by ${CTR}: disconnect them first.`,
  );

  const off = await request.post(`/api/networks/${NET}/disconnect`, {
    headers: json,
    data: JSON.stringify({ containerId: CTR, force: true }),
  });
  expect(off.status()).toBe(200);
  expect(inspectContainer(CTR).NetworkSettings.Networks[NET]).toBeUndefined();
});

test("remove → 204 and docker no longer has it", async ({ request }) => {
  const res = await request.delete(`/api/networks/${NET}`);
  expect(res.status()).toBe(204);
  expect(ownNetworks()).not.toContain(NET);
});

test("prune: the preview lists exactly the unused networks; removal takes only those", async ({
  request,
}) => {
  const unusedId = docker("network", "create", "--label", "netlens.test=1", "nl-t-api-unused");
  const preview = await request.post("/api/networks/prune", {
    headers: json,
    data: JSON.stringify({ dryRun: true }),
  });
  expect(preview.status()).toBe(200);
  const listed = (await preview.json()) as { networks: { id: string; name: string }[] };
  expect(listed.networks).toContainEqual({ id: unusedId, name: "nl-t-api-unused" });
  for (const used of ["bridge", "host", "none", "lab-mynet", "lab-backend"]) {
    expect(listed.networks.map((n) => n.name)).not.toContain(used);
  }
  expect(ownNetworks()).toContain("nl-t-api-unused");

  const done = await request.post("/api/networks/prune", {
    headers: json,
    data: JSON.stringify({ dryRun: false, networkIds: [unusedId] }),
  });
  expect(done.status()).toBe(200);
  expect(await done.json()).toEqual({
    dryRun: false,
    networks: [{ id: unusedId, name: "nl-t-api-unused" }],
    failed: [],
  });
  expect(ownNetworks()).not.toContain("nl-t-api-unused");
});
