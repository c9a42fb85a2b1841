import { expect, test } from "@playwright/test";
import type { Topology } from "@/lib/topology/types";
import { bearer } from "../support/server";
import { swarmLabUp } from "../support/swarm-lab";
import {
  asked,
  forgetRecording,
  saveRecording,
  startBehindProxy,
  type BehindProxy,
} from "./behind-proxy";

// A Swarm manager asks for more (nodes, services, tasks): the two-node lab (up while this
// project runs: it depends on the swarm project, before the lab's teardown), each engine behind
// its own full-profile proxy. What they forwarded is kept for endpoints.spec.ts.
test.setTimeout(120_000);

const PORT = 3503;
let s: BehindProxy;

test.beforeAll(async () => {
  // Found up when the swarm project ran before; brought up (a minute or two) when run alone.
  test.setTimeout(240_000);
  forgetRecording("full-swarm");
  const lab = await swarmLabUp();
  const socket = (url: string) => url.replace(/^unix:\/\//, "");
  s = await startBehindProxy("full", PORT, {
    node1: socket(lab.node1),
    node2: socket(lab.node2),
  });
});
test.afterAll(async () => s?.stop());

test("the cluster's map through the proxy: services and their tasks, nothing refused", async ({
  request,
}) => {
  await expect
    .poll(
      async () => {
        const res = await request.get(`${s.url}/api/topology`, { headers: bearer("viewer") });
        const t = (await res.json()) as Topology;
        return t.services?.length ?? 0;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  expect(asked(s.proxy.records, false)).toEqual([]);
  saveRecording("full-swarm", s.proxy.records);
});
