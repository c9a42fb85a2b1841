import "server-only";
import Docker from "dockerode";
import { env } from "@/lib/env";
import { translateEngineError } from "./errors";

const DEFAULT_SOCKET = "/var/run/docker.sock";

/** Where the engine is, as a user would write it: unix:///var/run/docker.sock, tcp://host:2375. */
export const engineEndpoint = env.DOCKER_HOST ?? `unix://${DEFAULT_SOCKET}`;

function connectionOptions(timeout: number | undefined): Docker.DockerOptions {
  const url = new URL(engineEndpoint);
  if (url.protocol === "unix:") return { socketPath: url.pathname, timeout };
  return { host: url.hostname, port: Number(url.port || 2375), protocol: "http", timeout };
}

let client: Docker | undefined;
let streamingClient: Docker | undefined;

/** The one dockerode client for request/response calls, built on first use. */
export function docker(): Docker {
  client ??= new Docker(connectionOptions(env.NETLENS_DOCKER_TIMEOUT_MS));
  return client;
}

/** For long-lived streams (events): quiet for minutes, so no inactivity timeout. */
export function streamingDocker(): Docker {
  streamingClient ??= new Docker(connectionOptions(undefined));
  return streamingClient;
}

/** Run an Engine call, turning dockerode's failures into our engine errors. */
export async function engineCall<T>(call: (d: Docker) => Promise<T>): Promise<T> {
  try {
    return await call(docker());
  } catch (err) {
    throw translateEngineError(err, engineEndpoint);
  }
}
