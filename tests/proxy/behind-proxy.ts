import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  endpointOf,
  startDockerApiProxy,
  type DockerApiProxy,
  type ProxyProfile,
  type ProxyRecord,
} from "../../scripts/docker-api-proxy";
import { startServer } from "../support/spawn-server";

// A production server of a test's own (`next start`, own port and data directory) whose only way
// to an engine is the default-deny proxy in front of it.

/**
 * A standalone build to run instead of `next start` (e.g. the image's /app, copied out with
 * `docker cp`): these specs without a `next build` of the working tree.
 */
const STANDALONE = process.env.NETLENS_TEST_STANDALONE;

export type BehindProxy = {
  url: string;
  proxy: DockerApiProxy;
  dataDir: string;
  stop(): Promise<void>;
};

/**
 * Start `profile`'s proxy in front of each engine (name → unix socket of the engine), then the
 * server. One engine: DOCKER_HOST; several: NETLENS_ENGINES. The proxies share one recording.
 */
export async function startBehindProxy(
  profile: ProxyProfile,
  port: number,
  upstreams: Record<string, string> = { local: "/var/run/docker.sock" },
): Promise<BehindProxy> {
  const records: ProxyRecord[] = [];
  const proxies: DockerApiProxy[] = [];
  for (const [name, socketPath] of Object.entries(upstreams)) {
    proxies.push(
      await startDockerApiProxy({
        profile,
        listen: { socketPath: join(tmpdir(), `netlens-proxy-${port}-${name}.sock`) },
        upstream: { socketPath },
        onRecord: (r) => records.push(r),
      }),
    );
  }
  const names = Object.keys(upstreams);
  const dataDir = `/tmp/netlens-test-data-proxy-${port}`;
  rmSync(dataDir, { recursive: true, force: true });
  const engineEnv =
    names.length === 1
      ? { DOCKER_HOST: proxies[0]?.url }
      : { NETLENS_ENGINES: names.map((n, i) => `${n}=${proxies[i]?.url}`).join(",") };
  const server = await startServer(
    port,
    { ...engineEnv, NETLENS_DATA_DIR: dataDir, ...(STANDALONE ? { HOSTNAME: "127.0.0.1" } : {}) },
    STANDALONE ? { command: ["node", join(STANDALONE, "server.js")] } : {},
  );
  return {
    url: server.url,
    dataDir,
    proxy: {
      url: proxies.map((p) => p.url).join(","),
      records,
      close: async () => void (await Promise.all(proxies.map((p) => p.close()))),
    },
    stop: async () => {
      await server.stop();
      await Promise.all(proxies.map((p) => p.close()));
    },
  };
}

/** Every distinct "METHOD /path" asked, sorted; `allowed` picks the forwarded or refused ones. */
export function asked(records: ProxyRecord[], allowed?: boolean): string[] {
  const picked = records.filter((r) => allowed === undefined || r.allowed === allowed);
  return [...new Set(picked.map(endpointOf))].sort();
}

/** Where each full-profile spec leaves what it recorded, for tests/proxy/endpoints.spec.ts. */
export const RECORDINGS_DIR = join(tmpdir(), "netlens-engine-endpoints");

export function saveRecording(name: string, records: ProxyRecord[]): void {
  mkdirSync(RECORDINGS_DIR, { recursive: true });
  writeFileSync(join(RECORDINGS_DIR, `${name}.json`), JSON.stringify(records, null, 1));
}

export function forgetRecording(name: string): void {
  rmSync(join(RECORDINGS_DIR, `${name}.json`), { force: true });
}

export function loadRecording(name: string): ProxyRecord[] {
  return JSON.parse(readFileSync(join(RECORDINGS_DIR, `${name}.json`), "utf8")) as ProxyRecord[];
}
