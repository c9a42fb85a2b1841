import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

/**
 * A second dockerd of the test's own — own socket, data-root, exec-root, pidfile, its own default
 * bridge, no iptables — so a test can kill and restart an engine without touching the shared one.
 * (Not `--bridge none`: a dockerd started so deletes the host's docker0, the shared engine's.)
 */
export class PrivateEngine {
  readonly dir: string;
  readonly socket: string;
  private pid: number | null = null;

  private readonly bridge: string;

  /** `bridgeCidr`: the address of its default bridge, e.g. "10.240.0.1/24" — apart from the lab's. */
  constructor(
    name: string,
    private readonly bridgeCidr: string,
    /** More dockerd flags, e.g. a TLS listener beside the socket. */
    private readonly extraArgs: string[] = [],
  ) {
    this.dir = `/tmp/netlens-${name}`;
    this.socket = join(this.dir, "docker.sock");
    // Interface names are at most 15 characters.
    this.bridge = `nl-${name}`.slice(0, 15);
  }

  get host() {
    return `unix://${this.socket}`;
  }

  cli(...args: string[]): string {
    // Its stderr is in the error thrown, not on the test's output (start() polls until it answers).
    return execFileSync("docker", ["-H", this.host, ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
  }

  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    // A killed dockerd leaves its pid file behind, and a new one refuses to start over it; the
    // containerd it started may linger as an unreaped zombie that still "owns" its pid file.
    rmSync(join(this.dir, "docker.pid"), { force: true });
    rmSync(join(this.dir, "exec", "containerd", "containerd.pid"), { force: true });
    if (!interfaceExists(this.bridge)) {
      ip("link", "add", this.bridge, "type", "bridge");
      ip("addr", "add", this.bridgeCidr, "dev", this.bridge);
      ip("link", "set", this.bridge, "up");
    }
    const log = openSync(join(this.dir, "dockerd.log"), "a");
    const child = spawn(
      "dockerd",
      [
        "--host",
        this.host,
        "--data-root",
        join(this.dir, "data"),
        "--exec-root",
        join(this.dir, "exec"),
        "--pidfile",
        join(this.dir, "docker.pid"),
        "--bridge",
        this.bridge,
        "--iptables=false",
        "--ip-masq=false",
        ...this.extraArgs,
      ],
      { detached: true, stdio: ["ignore", log, log] },
    );
    child.unref();
    this.pid = child.pid ?? null;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        this.cli("version", "--format", "{{.Server.Version}}");
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    throw new Error(`private dockerd did not answer; see ${join(this.dir, "dockerd.log")}`);
  }

  /** SIGKILL, as a crash would: dockerd and the containerd it started. */
  kill(): number[] {
    const containerdPid = join(this.dir, "exec", "containerd", "containerd.pid");
    const pids = [
      this.pid,
      existsSync(containerdPid) ? Number(readFileSync(containerdPid, "utf8")) : null,
    ];
    const killed: number[] = [];
    for (const pid of pids) {
      if (!pid) continue;
      try {
        process.kill(pid, "SIGKILL");
        killed.push(pid);
      } catch {
        // already gone
      }
    }
    this.pid = null;
    return killed;
  }

  /** Kill it and remove everything it kept, its networks' bridges included. */
  async destroy(): Promise<void> {
    try {
      // Its containers first: killing dockerd leaves their shims and processes running.
      const ids = this.cli("ps", "-aq").split("\n").filter(Boolean);
      if (ids.length) this.cli("rm", "-f", ...ids);
      this.cli("network", "prune", "-f");
    } catch {
      // not running: its bridges are removed below by name
    }
    const pids = this.kill();
    // Its mounts and files are busy until the processes are really gone.
    for (let i = 0; i < 40 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
    try {
      execFileSync("umount", ["-R", join(this.dir, "data")], { stdio: "ignore" });
    } catch {
      // nothing mounted
    }
    rmSync(this.dir, { recursive: true, force: true });
    if (interfaceExists(this.bridge)) ip("link", "del", this.bridge);
  }
}

function ip(...args: string[]) {
  execFileSync("ip", args, { stdio: "ignore" });
}

function interfaceExists(name: string): boolean {
  return existsSync(`/sys/class/net/${name}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
