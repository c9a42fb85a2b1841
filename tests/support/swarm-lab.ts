import { execFileSync, spawn, spawnSync } from "node:child_process";

/**
 * The two-node Swarm lab of scripts/swarm-lab.sh: two dockerd engines of its own, each in its own
 * network namespace (node1 the manager, node2 the worker), never the shared engine.
 */
const SCRIPT = "scripts/swarm-lab.sh";

export type SwarmNode = "node1" | "node2";
export type SwarmLab = {
  /** The NETLENS_ENGINES value: "node1=unix:///…,node2=unix:///…". */
  engines: string;
  node1: string;
  node2: string;
};

/** The engines are 20.10 (API 1.41); the docker CLI here is newer. */
const CLI_ENV = { ...process.env, DOCKER_API_VERSION: process.env.DOCKER_API_VERSION ?? "1.41" };

/** Bring the lab up (or find it up, or repair it); its progress is shown only when it fails. */
export async function swarmLabUp(): Promise<SwarmLab> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn("bash", [SCRIPT, "up"], { stdio: ["ignore", "ignore", "pipe"] });
    let progress = "";
    child.stderr?.on("data", (chunk: Buffer) => (progress += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${SCRIPT} up failed (${signal ?? code}):\n${progress}`)),
    );
  });
  return swarmLabEnv();
}

let where: SwarmLab | null = null;

/** Where the lab's engines are (whether or not they are up). */
export function swarmLabEnv(): SwarmLab {
  if (where) return where;
  const line = execFileSync("bash", [SCRIPT, "env"], { encoding: "utf8" }).trim();
  const engines = line.replace(/^NETLENS_ENGINES=/, "");
  const hosts = Object.fromEntries(
    engines.split(",").map((pair) => {
      const at = pair.indexOf("=");
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
  if (!hosts.node1 || !hosts.node2) throw new Error(`unexpected ${SCRIPT} env output: ${line}`);
  where = { engines, node1: hosts.node1, node2: hosts.node2 };
  return where;
}

/** Remove the whole lab: engines, namespaces, links, mounts, cgroups, state. */
export function swarmLabDown(): void {
  execFileSync("bash", [SCRIPT, "down"], { stdio: ["ignore", "ignore", "inherit"] });
}

/** What of the lab is left (namespaces, links, mounts, processes, cgroups, state dir); [] when clean. */
export function swarmLabClean(): string[] {
  const result = spawnSync("bash", [SCRIPT, "check-clean"], { encoding: "utf8" });
  const left = result.stderr
    .split("\n")
    .filter((l) => l.startsWith("[swarm-lab] left: "))
    .map((l) => l.slice("[swarm-lab] left: ".length));
  if (result.status !== 0 && left.length === 0) {
    throw new Error(`${SCRIPT} check-clean failed: ${result.stderr || result.error}`);
  }
  return left;
}

/** `docker -H <node> …`, synchronously: its trimmed stdout; throws on failure. */
export function swarmCli(node: SwarmNode, ...args: string[]): string {
  return execFileSync("docker", ["-H", swarmLabEnv()[node], ...args], {
    encoding: "utf8",
    env: CLI_ENV,
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

/** SIGKILL one node's dockerd (as a crash would), or start it again on its data. */
export function swarmEngine(action: "kill" | "start", node: SwarmNode): void {
  execFileSync("bash", [SCRIPT, `${action}-engine`, node], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}
