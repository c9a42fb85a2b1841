import { expect, test as teardown } from "@playwright/test";
import { swarmLabClean, swarmLabDown } from "../support/swarm-lab";

teardown("the swarm lab is removed and leaves nothing behind", () => {
  teardown.setTimeout(120_000);
  swarmLabDown();
  expect(swarmLabClean()).toEqual([]);
});
