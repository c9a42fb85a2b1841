import { execFileSync } from "node:child_process";

// The lab is the scenario set every integration and e2e test reads; tests that change the engine
// create their own resources labelled netlens.test=1 and remove them. Leftovers of a killed run go first.
// NETLENS_KEEP_ENGINE=1 (development only: two people testing against one engine) leaves both alone.
export default function globalSetup() {
  if (process.env.NETLENS_KEEP_ENGINE === "1") return;
  execFileSync("bash", ["scripts/remove-test-resources.sh"], { stdio: "inherit" });
  execFileSync("bash", ["scripts/lab.sh", "up"], { stdio: "inherit" });
}
