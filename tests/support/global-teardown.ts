import { execFileSync } from "node:child_process";

export default function globalTeardown() {
  if (process.env.NETLENS_KEEP_ENGINE === "1") return;
  execFileSync("bash", ["scripts/remove-test-resources.sh"], { stdio: "inherit" });
  execFileSync("bash", ["scripts/lab.sh", "down"], { stdio: "inherit" });
}
