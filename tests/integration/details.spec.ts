import { expect, test } from "@playwright/test";
import { inspectContainer, inspectNetwork } from "../support/docker-cli";

test("GET /api/networks/[id] gives the network, its endpoints by container name, and Docker's inspect", async ({
  request,
}) => {
  const truth = inspectNetwork("lab-mynet");
  for (const ref of [truth.Id, "lab-mynet", truth.Id.slice(0, 12)]) {
    const res = await request.get(`/api/networks/${ref}`);
    expect(res.status(), ref).toBe(200);
    const body = await res.json();
    expect(body.network.id).toBe(truth.Id);
    expect(body.inspect.Id).toBe(truth.Id);
    const names = body.endpoints.map((e: { containerName: string }) => e.containerName).sort();
    expect(names).toEqual(
      Object.values(truth.Containers)
        .map((c) => c.Name)
        .sort(),
    );
  }
});

test("GET /api/containers/[id] gives the sidecar its owner's sandbox and endpoints", async ({
  request,
}) => {
  const web = inspectContainer("web");
  const res = await request.get("/api/containers/web-sidecar");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.sandbox.id).toBe(web.NetworkSettings.SandboxID);
  expect(body.endpoints.map((e: { id: string }) => e.id)).toEqual(
    Object.values(web.NetworkSettings.Networks).map((n) => n.EndpointID),
  );
  // Only the network-related part of inspect leaves the server: no environment variables.
  expect(body.inspect.HostConfig.NetworkMode).toBe(`container:${web.Id}`);
  expect(body.inspect.Config.Env).toBeUndefined();
});

const errorCases = [
  {
    path: "/api/networks/no-such-network-xyz",
    status: 404,
    code: "not_found",
    says: /no-such-network-xyz/,
  },
  {
    path: "/api/containers/no-such-container-xyz",
    status: 404,
    code: "not_found",
    says: /no-such-container-xyz/,
  },
  { path: "/api/networks/%3Cscript%3E", status: 400, code: "bad_request", says: /^id: / },
  { path: `/api/containers/${"a".repeat(300)}`, status: 400, code: "bad_request", says: /^id: / },
  { path: "/api/containers/..%2Fetc", status: 400, code: "bad_request", says: /^id: / },
];

for (const c of errorCases) {
  test(`${c.path.slice(0, 60)} → ${c.status}`, async ({ request }) => {
    const res = await request.get(c.path);
    expect(res.status()).toBe(c.status);
    const body = await res.json();
    expect(body).toEqual({ error: { code: c.code, message: expect.stringMatching(c.says) } });
  });
}

test("GET /api/health reports the engine and its version", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.engine).toMatchObject({
    reachable: true,
    apiVersion: expect.stringMatching(/^1\.\d+$/),
  });
});
