import { spawnSync } from "node:child_process";
import { expect, test, type APIRequestContext } from "@playwright/test";
import type { Topology } from "@/lib/topology/types";
import { bearer, TEST_BASE_URL } from "../support/server";

// GET /api/topology?format=…: the lab as files, filtered as the page asks. Other test files add
// their own nl-t-* containers and networks meanwhile: assertions look at the lab's only.
const lab = (names: string[]) => names.filter((n) => !n.startsWith("nl-t-")).sort();

async function exportJson(request: APIRequestContext, query: string) {
  const t = (await (await request.get(`/api/topology?format=json${query}`)).json()) as Topology;
  return {
    containers: lab(t.containers.map((c) => c.name)),
    networks: lab(t.networks.map((n) => n.name)),
  };
}

test("without format the answer is as ever", async ({ request }) => {
  const res = await request.get("/api/topology");
  expect(res.headers()["content-type"]).toBe("application/json");
  expect(res.headers()["content-disposition"]).toBeUndefined();
  const names = ((await res.json()) as Topology).containers.map((c) => c.name);
  expect(names).toContain("batch");
});

test("DOT: a Graphviz file that dot renders", async ({ request }) => {
  const res = await request.get("/api/topology?format=dot");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("text/vnd.graphviz; charset=utf-8");
  expect(res.headers()["content-disposition"]).toMatch(
    /^attachment; filename="netlens-\d{8}-\d{4}\.dot"$/,
  );
  const dot = await res.text();
  expect(dot).toContain('[label="web, web-sidecar"');
  expect(dot).toContain('[label="host network namespace"');
  const rendered = spawnSync("dot", ["-Tsvg"], { input: dot, encoding: "utf8" });
  expect(rendered.stderr).toBe("");
  expect(rendered.status).toBe(0);
});

test("Mermaid and JSON", async ({ request }) => {
  const mermaid = await request.get("/api/topology?format=mermaid&group=project");
  expect(mermaid.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  expect(mermaid.headers()["content-disposition"]).toMatch(/filename="netlens-[\d-]+\.mmd"/);
  expect(await mermaid.text()).toMatch(/^flowchart LR\n/);
  const json = await request.get("/api/topology?format=json");
  expect(json.headers()["content-type"]).toBe("application/json; charset=utf-8");
  expect(json.headers()["content-disposition"]).toMatch(/filename="netlens-[\d-]+\.json"/);
});

test("filters: stopped, driver, engine, search", async ({ request }) => {
  // Stopped containers are left out unless asked for, as on the map.
  expect((await exportJson(request, "")).containers).not.toContain("batch");
  expect((await exportJson(request, "&stopped=1")).containers).toContain("batch");
  expect(await exportJson(request, "&driver=macvlan")).toEqual({
    containers: ["mv1"],
    networks: ["lab-macvlan"],
  });
  expect((await exportJson(request, "&driver=bridge,null")).networks).toEqual([
    "bridge",
    "lab-backend",
    "lab-mynet",
    "none",
  ]);
  expect((await exportJson(request, "&engine=local")).networks).toContain("lab-mynet");
  expect(await exportJson(request, "&q=sidecar")).toEqual({
    containers: ["web", "web-sidecar"],
    networks: ["lab-mynet"],
  });
  const dot = await (await request.get("/api/topology?format=dot&q=isolated")).text();
  expect(dot).toContain('label="isolated\\n');
  expect(dot).not.toContain('label="web\\n');
});

test("a bad value is refused, naming the field", async ({ request }) => {
  for (const [query, field] of [
    ["format=xml", "format"],
    ["format=dot&stopped=yes", "stopped"],
    ["format=dot&group=team", "group"],
    ["format=dot&engine=nowhere", "engine"],
  ]) {
    const res = await request.get(`/api/topology?${query}`);
    expect(res.status(), query).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message.startsWith(`${field}:`), body.error.message).toBe(true);
  }
});

test("a viewer may export; nobody else", async () => {
  const url = `${TEST_BASE_URL}/api/topology?format=dot`;
  expect((await fetch(url, { headers: bearer("viewer") })).status).toBe(200);
  const anonymous = await fetch(url);
  expect(anonymous.status).toBe(401);
  expect(((await anonymous.json()) as { error: { message: string } }).error.message).toMatch(
    /Log in first/,
  );
});
