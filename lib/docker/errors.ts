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

/** What a refusal from Docker means, whatever HTTP status Docker chose for it. */
export type RefusalKind = "invalid" | "not_found" | "conflict" | "forbidden" | "engine";

// Docker's statuses do not say what went wrong (a pool overlap is a 403, an address outside the
// subnet a 500): its messages do.
const REFUSALS: [RegExp, RefusalKind][] = [
  [/pre-?defined/i, "forbidden"],
  // A worker asked for cluster state or a swarm-scope change: the request is fine, the node is not.
  [/not a swarm manager|not part of a swarm/i, "conflict"],
  [
    /overlaps|already exists|has active endpoints|already attached|sharing network namespace|is not connected to network/i,
    "conflict",
  ],
  [
    /invalid address|does not belong to any of this network|doesn't support multiple subnets|invalid|plugin .* not found/i,
    "invalid",
  ],
];

function refusalKind(statusCode: number, message: string): RefusalKind {
  for (const [pattern, kind] of REFUSALS) if (pattern.test(message)) return kind;
  if (statusCode === 404) return "not_found";
  if (statusCode === 409) return "conflict";
  if (statusCode === 400) return "invalid";
  if (statusCode === 403) return "forbidden";
  return "engine";
}

/** The engine answered with an HTTP error; `message` is Docker's own words. */
export class EngineRequestError extends Error {
  readonly kind: RefusalKind;

  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = "EngineRequestError";
    this.kind = refusalKind(statusCode, message);
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
