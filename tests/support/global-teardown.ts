import { execFileSync } from "node:child_process";

export default function globalTeardown() {
  execFileSync("bash", ["scripts/remove-test-resources.sh"], { stdio: "inherit" });
  execFileSync("bash", ["scripts/lab.sh", "down"], { stdio: "inherit" });
}
