import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { networkNames } from "../support/docker-cli";
import { rawRequest } from "../support/raw-http";
import { bearer, TEST_BASE_URL, TEST_PORT, TEST_TOKENS } from "../support/server";
import { startServer } from "../support/spawn-server";
import { SseClient } from "../support/sse-client";

// Hostile requests against the running servers: each must be refused with the right status and
// a plain message, never a 500, and `docker network ls` must show that nothing changed.
const NET = "nl-t-hostile";
const createBody = JSON.stringify({ name: NET, driver: "bridge", labels: { "netlens.test": "1" } });
const HOST = `127.0.0.1:${TEST_PORT}`;
const admin = bearer("admin");
const json = { "Content-Type": "application/json", Host: HOST, ...admin };
const networks = () => networkNames(NET);

type Case = {
  what: string;
  method?: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  status: number;
  says: RegExp;
};

const cases: Case[] = [
  {
    what: "foreign Host on the page",
    path: "/",
    headers: { Host: "rebind.example" },
    status: 403,
    says: /Host "rebind\.example" is not allowed/,
  },
  {
    what: "foreign Host on the API",
    path: "/api/topology",
    headers: { Host: "rebind.example:3210" },
    status: 403,
    says: /not allowed/,
  },
  {
    what: "foreign Host on the stream",
    path: "/api/topology/stream",
    headers: { Host: "rebind.example" },
    status: 403,
    says: /not allowed/,
  },
  {
    what: "foreign Host on health",
    path: "/api/health",
    headers: { Host: "rebind.example" },
    status: 403,
    says: /not allowed/,
  },
  {
    what: "foreign Host on a mutation",
    method: "POST",
    path: "/api/networks",
    headers: { ...json, Host: "rebind.example" },
    body: createBody,
    status: 403,
    says: /not allowed/,
  },
  {
    what: "x-middleware-subrequest does not skip the Host check",
    path: "/api/topology",
    headers: {
      Host: "rebind.example",
      "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
    },
    status: 403,
    says: /not allowed/,
  },
  {
    what: "x-middleware-subrequest does not skip the origin check",
    method: "POST",
    path: "/api/networks",
    headers: {
      ...json,
      Origin: "https://evil.example",
      "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy",
    },
    body: createBody,
    status: 403,
    says: /evil\.example/,
  },
  {
    what: "Origin https://evil.example",
    method: "POST",
    path: "/api/networks",
    headers: { ...json, Origin: "https://evil.example" },
    body: createBody,
    status: 403,
    says: /Refused a request from https:\/\/evil\.example/,
  },
  {
    what: "Origin: null",
    method: "POST",
    path: "/api/networks",
    headers: { ...json, Origin: "null" },
    body: createBody,
    status: 403,
    says: /Origin: null/,
  },
  {
    what: "Sec-Fetch-Site: cross-site",
    method: "POST",
    path: "/api/networks",
    headers: { ...json, "Sec-Fetch-Site": "cross-site" },
    body: createBody,
    status: 403,
    says: /cross-site/,
  },
  {
    what: "cross-site DELETE",
    method: "DELETE",
    path: "/api/networks/lab-backend",
    headers: { Host: HOST, "Sec-Fetch-Site": "cross-site", ...admin },
    status: 403,
    says: /cross-site/,
  },
  {
    what: "cross-site connect",
    method: "POST",
    path: "/api/networks/lab-backend/connect",
    headers: { ...json, Origin: "https://evil.example" },
    body: JSON.stringify({ containerId: "legacy" }),
    status: 403,
    says: /evil\.example/,
  },
  {
    what: "no token on the API",
    path: "/api/topology",
    headers: { Host: HOST },
    status: 401,
    says: /Log in first/,
  },
  {
    what: "no token on the stream",
    path: "/api/topology/stream",
    headers: { Host: HOST },
    status: 401,
    says: /Log in first/,
  },
  {
    what: "no token on a change",
    method: "POST",
    path: "/api/networks",
    headers: { Host: HOST, "Content-Type": "application/json" },
    body: createBody,
    status: 401,
    says: /Log in first/,
  },
  {
    what: "wrong token of the same length",
    path: "/api/topology",
    headers: { Host: HOST, Authorization: `Bearer ${"x".repeat(TEST_TOKENS.admin.length)}` },
    status: 401,
    says: /Log in first/,
  },
  {
    what: "wrong token of another length",
    method: "POST",
    path: "/api/networks",
    headers: { Host: HOST, "Content-Type": "application/json", Authorization: "Bearer short" },
    body: createBody,
    status: 401,
    says: /Log in first/,
  },
  {
    what: "a forged session cookie",
    path: "/api/topology",
    headers: { Host: HOST, Cookie: "netlens_session=admin.99999999999999.forged" },
    status: 401,
    says: /Log in first/,
  },
  {
    what: "viewer attempting connect",
    method: "POST",
    path: "/api/networks/lab-backend/connect",
    headers: { Host: HOST, "Content-Type": "application/json", ...bearer("viewer") },
    body: JSON.stringify({ containerId: "legacy" }),
    status: 403,
    says: /Your role \(viewer\) may not do this: it needs operator/,
  },
  {
    what: "operator attempting create",
    method: "POST",
    path: "/api/networks",
    headers: { Host: HOST, "Content-Type": "application/json", ...bearer("operator") },
    body: createBody,
    status: 403,
    says: /Your role \(operator\) may not do this: it needs admin/,
  },
  {
    what: "operator attempting prune",
    method: "POST",
    path: "/api/networks/prune",
    headers: { Host: HOST, "Content-Type": "application/json", ...bearer("operator") },
    body: JSON.stringify({ dryRun: false }),
    status: 403,
    says: /needs admin/,
  },
  {
    what: "JSON sent as text/plain",
    method: "POST",
    path: "/api/networks",
    headers: { Host: HOST, "Content-Type": "text/plain", ...admin },
    body: createBody,
    status: 415,
    says: /application\/json/,
  },
  {
    what: "oversized body",
    method: "POST",
    path: "/api/networks",
    headers: json,
    body: JSON.stringify({ name: NET, driver: "bridge", labels: { x: "y".repeat(100_000) } }),
    status: 413,
    says: /over 64 KiB/,
  },
];

for (const c of cases) {
  test(`${c.what} → ${c.status}`, async () => {
    const before = networks();
    const res = await rawRequest(TEST_BASE_URL, c);
    expect(res.status).toBe(c.status);
    expect(JSON.parse(res.body).error.message).toMatch(c.says);
    expect(networks()).toEqual(before);
  });
}

test("every page and API answer carries the security headers, with a fresh CSP nonce", async () => {
  const a = await rawRequest(TEST_BASE_URL, { path: "/login", headers: { Host: HOST } });
  const b = await rawRequest(TEST_BASE_URL, { path: "/login", headers: { Host: HOST } });
  const csp = String(a.headers["content-security-policy"]);
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(b.headers["content-security-policy"]).not.toBe(csp);
  const api = await rawRequest(TEST_BASE_URL, { path: "/api/health", headers: { Host: HOST } });
  const page = await rawRequest(TEST_BASE_URL, { path: "/", headers: { Host: HOST, ...admin } });
  expect(page.status).toBe(200);
  for (const res of [a, api]) {
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
  }
});

test("the server listens on 127.0.0.1 only", () => {
  const listening = execFileSync("ss", ["-ltnH", `sport = :${TEST_PORT}`], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.split(/\s+/)[3]);
  expect(listening).toEqual([`127.0.0.1:${TEST_PORT}`]);
});

test("read-only mode refuses every change, for everyone", async () => {
  const server = await startServer(3296, { NETLENS_READONLY: "1" });
  try {
    const host = { Host: "127.0.0.1:3296", ...admin };
    const h = { ...host, "Content-Type": "application/json" };
    const before = networks();
    for (const c of [
      { method: "POST", path: "/api/networks", headers: h, body: createBody },
      { method: "DELETE", path: "/api/networks/lab-backend", headers: host },
      {
        method: "POST",
        path: "/api/networks/prune",
        headers: h,
        body: JSON.stringify({ dryRun: false }),
      },
      {
        method: "POST",
        path: "/api/networks/lab-backend/connect",
        headers: h,
        body: JSON.stringify({ containerId: "legacy" }),
      },
      {
        method: "POST",
        path: "/api/networks/lab-mynet/disconnect",
        headers: h,
        body: JSON.stringify({ containerId: "web" }),
      },
    ]) {
      const res = await rawRequest(server.url, c);
      expect(res.status, c.path).toBe(403);
      expect(JSON.parse(res.body).error.message).toMatch(/read-only \(NETLENS_READONLY=1\)/);
    }
    expect(networks()).toEqual(before);
    // Reading still works.
    expect((await rawRequest(server.url, { path: "/api/topology", headers: host })).status).toBe(
      200,
    );
  } finally {
    await server.stop();
  }
});

test("a burst of changes is cut off with 429", async () => {
  const server = await startServer(3295, { NETLENS_MUTATIONS_PER_MINUTE: "5" });
  try {
    const h = { Host: "127.0.0.1:3295", "Content-Type": "application/json", ...admin };
    const before = networks();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      // A name Docker reserves: allowed requests are refused (403), never carried out.
      const res = await rawRequest(server.url, {
        method: "POST",
        path: "/api/networks",
        headers: h,
        body: JSON.stringify({ name: "bridge", driver: "bridge" }),
      });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(4);
    expect(statuses.slice(0, 5)).toEqual([403, 403, 403, 403, 403]);
    expect(networks()).toEqual(before);
  } finally {
    await server.stop();
  }
});

test("without a session the page sends you to log in; a token becomes an HttpOnly, SameSite=Strict cookie", async () => {
  const page = await rawRequest(TEST_BASE_URL, { path: "/", headers: { Host: HOST } });
  expect(page.status).toBe(307);
  expect(page.headers.location).toBe("/login");

  const login = (token: string) =>
    rawRequest(TEST_BASE_URL, {
      method: "POST",
      path: "/api/session",
      headers: { Host: HOST, "Content-Type": "application/json" },
      body: JSON.stringify({ token }),
    });
  const wrong = await login("not-the-token-at-all");
  expect(wrong.status).toBe(401);
  expect(wrong.headers["set-cookie"]).toBeUndefined();

  const right = await login(TEST_TOKENS.viewer);
  expect(right.status).toBe(200);
  const cookie = String(right.headers["set-cookie"]);
  expect(cookie).toMatch(/^netlens_session=viewer\./);
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=strict/i);
  const session = cookie.split(";")[0] as string;
  const me = await rawRequest(TEST_BASE_URL, {
    path: "/api/session",
    headers: { Host: HOST, Cookie: session },
  });
  expect(JSON.parse(me.body)).toEqual({ role: "viewer" });
});

test("one session may hold only so many live streams", async () => {
  const server = await startServer(3292, { NETLENS_STREAMS_PER_SESSION: "3" });
  try {
    const open = await Promise.all([1, 2, 3].map(() => SseClient.open(server.url)));
    await expect(SseClient.open(server.url)).rejects.toThrow(/stream answered 429/);
    // Another session is not held back by this one's.
    const other = await SseClient.open(server.url, bearer("admin"));
    await other.close();
    await open[0]?.close();
    await expect
      .poll(async () => {
        try {
          await (await SseClient.open(server.url)).close();
          return "opened";
        } catch {
          return "refused";
        }
      })
      .toBe("opened");
    await Promise.all(open.slice(1).map((c) => c.close()));
  } finally {
    await server.stop();
  }
});
