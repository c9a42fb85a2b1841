// Engine failures in the vocabulary of the rest of the app, so nothing above lib/docker/
// needs to know how dockerode reports them.

export class EngineUnreachableError extends Error {
  constructor(
    readonly endpoint: string,
    cause: string,
  ) {
    super(`Docker engine unreachable at ${endpoint}: ${cause}`);
    this.name = "EngineUnreachableError";
  }
}

/** The engine answered with an HTTP error; `message` is Docker's own words. */
export class EngineRequestError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = "EngineRequestError";
  }
}

type DockerodeError = Error & {
  statusCode?: number;
  code?: string;
  json?: { message?: string } | null;
  reason?: string;
};

const UNREACHABLE_CODES = new Set([
  "ENOENT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EACCES",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "ABORT_ERR",
]);

export function translateEngineError(err: unknown, endpoint: string): Error {
  if (!(err instanceof Error)) return new Error(String(err));
  const e = err as DockerodeError;
  if (typeof e.statusCode === "number" && e.statusCode > 0) {
    const message = e.json?.message ?? e.reason ?? e.message;
    return new EngineRequestError(e.statusCode, message.trim());
  }
  if (
    (e.code && UNREACHABLE_CODES.has(e.code)) ||
    e.name === "TimeoutError" ||
    /timeout/i.test(e.message)
  ) {
    return new EngineUnreachableError(endpoint, describeCause(e));
  }
  return err;
}

function describeCause(e: DockerodeError): string {
  switch (e.code) {
    case "ENOENT":
      return "no socket there (is dockerd running?)";
    case "ECONNREFUSED":
      return "connection refused (is dockerd running?)";
    case "ABORT_ERR":
      return "no answer in time";
    case "EACCES":
      return "permission denied on the socket (run as root or join the docker group)";
    default:
      return e.message;
  }
}
