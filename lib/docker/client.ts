import "server-only";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Docker from "dockerode";
import { env } from "@/lib/env";
import type { EngineSetting } from "./engine-list";
import { LOCAL_ENGINE_ID } from "@/lib/topology/types";
import { translateEngineError } from "./errors";

const DEFAULT_SOCKET = "/var/run/docker.sock";

/** An engine Netlens speaks to: its id (the configured name) and where it is. */
export type EngineRef = { id: string; url: string };

const settings: EngineSetting[] = env.NETLENS_ENGINES ?? [
  { name: LOCAL_ENGINE_ID, url: env.DOCKER_HOST ?? `unix://${DEFAULT_SOCKET}` },
];

/** Every configured engine, in the configured order; the first is the default one. */
export const engines: EngineRef[] = settings.map((s) => ({ id: s.name, url: s.url }));
export const defaultEngineId = (engines[0] as EngineRef).id;

export function isEngineId(id: string): boolean {
  return engines.some((e) => e.id === id);
}

/** Where an engine is, as a user would write it: unix:///var/run/docker.sock, tcp://host:2375. */
export function engineEndpoint(engineId: string = defaultEngineId): string {
  return engineRef(engineId).url;
}

function engineRef(engineId: string): EngineRef {
  const ref = engines.find((e) => e.id === engineId);
  if (!ref) throw new Error(`unknown engine ${engineId}`);
  return ref;
}

/** TLS material as DOCKER_CERT_PATH holds it, when the engine has any. */
function tlsMaterial(engineId: string): { ca: Buffer; cert: Buffer; key: Buffer } | null {
  const dir =
    env.NETLENS_ENGINES === undefined
      ? env.DOCKER_CERT_PATH
      : join(env.NETLENS_CERTS_DIR, engineId);
  if (!dir || !existsSync(join(dir, "ca.pem"))) return null;
  const read = (f: string) => readFileSync(join(dir, f));
  return { ca: read("ca.pem"), cert: read("cert.pem"), key: read("key.pem") };
}

function connectionOptions(engineId: string, timeout: number | undefined): Docker.DockerOptions {
  const url = new URL(engineRef(engineId).url);
  if (url.protocol === "unix:") return { socketPath: url.pathname, timeout };
  const tls = tlsMaterial(engineId);
  const secure = url.protocol === "https:" || tls !== null;
  return {
    host: url.hostname,
    port: Number(url.port || (secure ? 2376 : 2375)),
    protocol: secure ? "https" : "http",
    ...(tls ?? {}),
    timeout,
  };
}

const clients = new Map<string, Docker>();
const streamingClients = new Map<string, Docker>();

/** The dockerode client of one engine for request/response calls, built on first use. */
export function docker(engineId: string = defaultEngineId): Docker {
  let client = clients.get(engineId);
  if (!client) {
    client = new Docker(connectionOptions(engineId, env.NETLENS_DOCKER_TIMEOUT_MS));
    clients.set(engineId, client);
  }
  return client;
}

/** For long-lived streams (events): quiet for minutes, so no inactivity timeout. */
export function streamingDocker(engineId: string = defaultEngineId): Docker {
  let client = streamingClients.get(engineId);
  if (!client) {
    client = new Docker(connectionOptions(engineId, undefined));
    streamingClients.set(engineId, client);
  }
  return client;
}

/** Run an Engine call on one engine, turning dockerode's failures into our engine errors. */
export async function engineCall<T>(
  call: (d: Docker) => Promise<T>,
  engineId: string = defaultEngineId,
): Promise<T> {
  try {
    return await call(docker(engineId));
  } catch (err) {
    throw translateEngineError(err, engineEndpoint(engineId));
  }
}
