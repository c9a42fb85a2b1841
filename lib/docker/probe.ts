import "server-only";
import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import type Docker from "dockerode";
import { engineCall, engines } from "./client";
import { EngineRequestError } from "./errors";

// A short-lived helper container in another container's namespace (`--network container:<x>`, the
// netshoot recipe) or the host's, that runs a few commands and is removed whatever happens.

export const PROBE_LABEL = "netlens.probe";

export type ProbeNamespace = { kind: "container"; id: string } | { kind: "host" };
export type StepResult = { exitCode: number | null; output: string; ms: number };

export async function imageExists(image: string, engineId: string): Promise<boolean> {
  try {
    await engineCall((d) => d.getImage(image).inspect(), engineId);
    return true;
  } catch (err) {
    if (err instanceof EngineRequestError && err.statusCode === 404) return false;
    throw err;
  }
}

/**
 * Run `steps` (argument vectors, never shell lines) in parallel inside a helper container joined to
 * `namespace`. The helper sleeps no longer than `limitMs` and removes itself on exit, so even a
 * server killed mid-probe leaves nothing behind for long; normally it is removed at once here.
 */
export async function runInNamespace(
  engineId: string,
  namespace: ProbeNamespace,
  image: string,
  steps: (string[] | null)[],
  limitMs: number,
  signal: AbortSignal,
): Promise<(StepResult | null)[]> {
  const call = <T>(c: (d: Docker) => Promise<T>) => engineCall(c, engineId);
  const container = await call((d) =>
    d.createContainer({
      // Named for what it is: it shows on the map, in the namespace it probes, while it runs.
      name: `netlens-probe-${randomBytes(4).toString("hex")}`,
      Image: image,
      // Overrides whatever the image runs: the helper only waits for our commands.
      Entrypoint: ["sleep"],
      // A little longer than the limit, so it outlives the last command it may have to run.
      Cmd: [String(Math.ceil(limitMs / 1000) + 2)],
      Labels: { [PROBE_LABEL]: "1" },
      NetworkDisabled: false,
      HostConfig: {
        NetworkMode: namespace.kind === "host" ? "host" : `container:${namespace.id}`,
        AutoRemove: true,
        Memory: 64 * 1024 * 1024,
        PidsLimit: 64,
      },
    }),
  );
  try {
    await call(() => container.start());
    const deadline = Date.now() + limitMs;
    return await Promise.all(
      steps.map((cmd) => (cmd ? execStep(container, cmd, deadline, signal, call) : null)),
    );
  } finally {
    await call(() => container.remove({ force: true })).catch(() => {
      // Already gone (AutoRemove raced us) or the engine is down: the sleep ends it anyway.
    });
  }
}

async function execStep(
  container: Docker.Container,
  cmd: string[],
  deadline: number,
  signal: AbortSignal,
  call: <T>(c: (d: Docker) => Promise<T>) => Promise<T>,
): Promise<StepResult> {
  const started = performance.now();
  const exec = await call(() =>
    container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, AttachStdin: false }),
  );
  const stream = await call(() => exec.start({ hijack: true, stdin: false }));
  let output = "";
  const sink = new PassThrough();
  sink.on("data", (chunk: Buffer) => {
    if (output.length < 16_384) output += chunk.toString("utf8");
  });
  container.modem.demuxStream(stream, sink, sink);
  const finished = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
    const stop = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener("abort", stop, { once: true });
    stream.on("end", () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", stop);
      resolve(true);
    });
    stream.on("error", () => resolve(false));
  });
  const ms = performance.now() - started;
  if (!finished) {
    stream.destroy();
    return { exitCode: null, output, ms };
  }
  const info = await call(() => exec.inspect());
  return { exitCode: info.ExitCode ?? null, output, ms };
}

/** Remove every helper left by an earlier server (killed mid-probe) on every engine: at start. */
export async function sweepProbes(): Promise<number> {
  const counts = await Promise.all(
    engines.map(async ({ id }) => {
      const stale = await engineCall(
        (d) => d.listContainers({ all: true, filters: { label: [`${PROBE_LABEL}=1`] } }),
        id,
      ).catch(() => []);
      await Promise.all(
        stale.map((c) =>
          engineCall((d) => d.getContainer(c.Id).remove({ force: true }), id).catch(
            () => undefined,
          ),
        ),
      );
      return stale.length;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}
