import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { dockerQuietly, networkNames } from "../support/docker-cli";
import { bearer } from "../support/server";
import { startServer } from "../support/spawn-server";

// The audit log on a server of its own (its own data directory): every change attempt is kept
// with who, what, on what and how it ended, and is still there after a restart.
const DATA = "/tmp/netlens-test-data-audit";
const PORT = 3293;
const NET = "nl-t-audit-net";
const json = { "Content-Type": "application/json" };

test.beforeAll(() => {
  rmSync(DATA, { recursive: true, force: true });
  dockerQuietly(["network", "rm", NET]);
});
test.afterAll(() => {
  dockerQuietly(["network", "rm", NET]);
  rmSync(DATA, { recursive: true, force: true });
});

type Entry = {
  role: string;
  operation: string;
  target: string;
  params: string;
  status: number;
  outcome: string;
  message: string | null;
};

test("changes and refusals are recorded, readable by admins only, and survive a restart", async ({
  request,
}) => {
  let server = await startServer(PORT, { NETLENS_DATA_DIR: DATA });
  try {
    const create = await request.post(`${server.url}/api/networks`, {
      headers: { ...json, ...bearer("admin") },
      data: Buffer.from(
        JSON.stringify({ name: NET, driver: "bridge", labels: { "netlens.test": "1" } }),
      ),
    });
    expect(create.status()).toBe(201);
    expect(networkNames("nl-t-audit")).toContain(NET);
    const refused = await request.post(`${server.url}/api/networks/${NET}/connect`, {
      headers: { ...json, ...bearer("viewer") },
      data: Buffer.from(JSON.stringify({ containerId: "legacy" })),
    });
    expect(refused.status()).toBe(403);
    const overlap = await request.post(`${server.url}/api/networks`, {
      headers: { ...json, ...bearer("admin") },
      data: Buffer.from(
        JSON.stringify({
          name: `${NET}-2`,
          driver: "bridge",
          ipam: { config: [{ subnet: "172.20.1.0/24" }] },
        }),
      ),
    });
    expect(overlap.status()).toBe(409);

    expect(
      (await request.get(`${server.url}/api/audit`, { headers: bearer("viewer") })).status(),
    ).toBe(403);
  } finally {
    await server.stop();
  }

  server = await startServer(PORT, { NETLENS_DATA_DIR: DATA });
  try {
    const res = await request.get(`${server.url}/api/audit`, { headers: bearer("admin") });
    expect(res.status()).toBe(200);
    const { entries } = (await res.json()) as { entries: Entry[] };
    expect(entries.map((e) => [e.role, e.operation, e.target, e.outcome, e.status])).toEqual([
      ["admin", "create network", `${NET}-2`, "refused", 409],
      ["viewer", "connect", NET, "refused", 403],
      ["admin", "create network", NET, "done", 201],
    ]);
    expect(entries[0]?.message).toMatch(/overlaps network "lab-mynet"/);
    expect(entries[2]?.params).toContain(`"name":"${NET}"`);

    const filtered = await request.get(`${server.url}/api/audit?outcome=done&q=${NET}`, {
      headers: bearer("admin"),
    });
    expect(((await filtered.json()) as { entries: Entry[] }).entries).toHaveLength(1);
  } finally {
    await server.stop();
  }
});

test("a log written by the old SQLite dependency (better-sqlite3) opens and grows on libsql", async ({
  request,
}) => {
  const data = `${DATA}-old`;
  rmSync(data, { recursive: true, force: true });
  mkdirSync(data, { recursive: true });
  // Written by the audit log's own code on better-sqlite3 12, before the switch.
  copyFileSync("tests/fixtures/audit-better-sqlite3.db", `${data}/audit.db`);
  const server = await startServer(PORT, { NETLENS_DATA_DIR: data });
  try {
    const refused = await request.post(`${server.url}/api/networks/${NET}/connect`, {
      headers: { ...json, ...bearer("viewer") },
      data: Buffer.from(JSON.stringify({ containerId: "legacy" })),
    });
    expect(refused.status()).toBe(403);
    const res = await request.get(`${server.url}/api/audit`, { headers: bearer("admin") });
    const { entries } = (await res.json()) as { entries: Entry[] };
    expect(entries.map((e) => [e.role, e.operation, e.target, e.outcome, e.status])).toEqual([
      ["viewer", "connect", NET, "refused", 403],
      ["operator", "connect", "nl-old-net", "refused", 409],
      ["admin", "create", "nl-old-net", "done", 201],
    ]);
    expect(entries[1]?.message).toContain("already exists in network nl-old-net");
  } finally {
    await server.stop();
    rmSync(data, { recursive: true, force: true });
  }
});
