import { spawn, type ChildProcess } from "node:child_process";
import { openSync } from "node:fs";
import { TEST_SERVER_ENV } from "./server";

/** A second production server with its own environment, e.g. pointed at an engine that is not there. */
export async function startServer(
  port: number,
  /** Added to the test servers' environment; undefined removes a variable. */
  env: Record<string, string | undefined>,
  /** How it is started (default `next start` on 127.0.0.1:port), and where it is asked for health. */
  how: { command?: string[]; host?: string } = {},
): Promise<{ url: string; stop: () => Promise<void>; log: string }> {
  const host = how.host ?? "127.0.0.1";
  const [program = "npx", ...args] = how.command ?? [
    "next",
    "start",
    "-H",
    host,
    "-p",
    String(port),
  ];
  // Its output is kept, so a test can check it logged no unhandled rejection.
  const log = `/tmp/netlens-test-server-${port}.log`;
  const out = openSync(log, "w");
  const child: ChildProcess = spawn(
    how.command ? program : "npx",
    how.command ? args : [program, ...args],
    {
      env: Object.fromEntries(
        Object.entries({
          ...process.env,
          NEXT_TELEMETRY_DISABLED: "1",
          ...TEST_SERVER_ENV,
          // Its own data directory unless told: two servers on one would share one history.
          NETLENS_DATA_DIR: `/tmp/netlens-test-data-${port}`,
          PORT: String(port),
          ...env,
        }).filter(([, v]) => v !== undefined),
        // Next's types make NODE_ENV required; the child sets its own.
      ) as NodeJS.ProcessEnv,
      stdio: ["ignore", out, out],
      detached: true,
    },
  );
  const url = `http://${host}:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Resolves once it is gone, so the same port can be used again at once.
  const stop = async () => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await exited;
    }
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return { url, stop, log };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`server on port ${port} did not start within 30 s`);
}
