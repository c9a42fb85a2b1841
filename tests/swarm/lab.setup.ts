import { test as setup } from "@playwright/test";
import { swarmLabUp } from "../support/swarm-lab";

// The two-node lab (two engines of its own, in their own namespaces) for every swarm test; the
// shared engine is never part of a swarm.
setup("the two-node swarm lab is up", async () => {
  setup.setTimeout(180_000);
  await swarmLabUp();
});
