import "server-only";
import { z } from "zod";
import { parseEngineList } from "./docker/engine-list";

// The one place process.env is read and validated; everything else imports `env`.
const schema = z.object({
  DOCKER_HOST: z
    .string()
    .regex(
      /^(unix:\/\/\/|tcp:\/\/|http:\/\/)/,
      "DOCKER_HOST must start with unix:///, tcp:// or http://",
    )
    .optional(),
  /**
   * Several engines as name=url pairs, comma-separated (unix:///…, tcp://host:port, https://…).
   * Unset: the one engine of DOCKER_HOST or the local socket, named "local".
   */
  NETLENS_ENGINES: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s?.trim()) return undefined;
      const engines = parseEngineList(s);
      if (typeof engines === "string") {
        ctx.addIssue({ code: "custom", message: engines });
        return z.NEVER;
      }
      return engines;
    }),
  /**
   * TLS material per engine: <dir>/<engine name>/{ca,cert,key}.pem, as in DOCKER_CERT_PATH. A tcp://
   * engine with such a directory is spoken to over TLS.
   */
  NETLENS_CERTS_DIR: z.string().min(1).default("./certs"),
  /** TLS material for DOCKER_HOST, as the docker CLI reads it. */
  DOCKER_CERT_PATH: z.string().min(1).optional(),
  // An engine that accepts the connection but never answers must not hang a request forever.
  NETLENS_DOCKER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Host names besides loopback that the server answers to (comma-separated), e.g. behind a proxy. */
  NETLENS_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
  /** "1" refuses every change, for everyone. */
  NETLENS_READONLY: z
    .enum(["", "0", "1", "true", "false"])
    .default("")
    .transform((v) => v === "1" || v === "true"),
  /** Tokens per role; with no admin token one is generated into NETLENS_DATA_DIR at first start. */
  NETLENS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  NETLENS_OPERATOR_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  NETLENS_VIEWER_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  NETLENS_DATA_DIR: z.string().min(1).default("./data"),
  /** Live streams one session (cookie or token) may hold open at once before 429. */
  NETLENS_STREAMS_PER_SESSION: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Changes accepted per minute (all clients together) before 429. */
  NETLENS_MUTATIONS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  /** The image a reachability probe runs in the source's namespace; never pulled by Netlens. */
  NETLENS_PROBE_IMAGE: z.string().min(1).default("busybox:latest"),
  /** A probe's hard time limit, helper container included. */
  NETLENS_PROBE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(60_000).default(10_000),
  /** Probes running at once (all clients together) before 429. */
  NETLENS_PROBES_AT_ONCE: z.coerce.number().int().min(1).max(50).default(3),
  /** "off" records no history (and the history routes answer 404); for the benchmark's baseline. */
  NETLENS_HISTORY: z.enum(["on", "off"]).default("on"),
  /** Days of history kept (fractions allowed). */
  NETLENS_HISTORY_DAYS: z.coerce.number().positive().max(3_650).default(7),
  /** Size history.db may reach before the oldest history is pruned (fractions allowed, e.g. 0.1). */
  NETLENS_HISTORY_MAX_MB: z.coerce.number().min(0.05).max(1_000_000).default(256),
});

function parseEnv() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${issues}`);
  }
  return parsed.data;
}

export const env = parseEnv();
