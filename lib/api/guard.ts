import "server-only";
import { env } from "@/lib/env";
import { crossSiteProblem, hostProblem } from "@/lib/security/request-checks";
import { createRateLimiter } from "@/lib/security/rate-limit";
import { ApiError, handle } from "./errors";

// Checked in every handler, not only in the proxy: a proxy can be skipped (CVE-2025-29927).
const mutations = createRateLimiter(env.NETLENS_MUTATIONS_PER_MINUTE);

export function checkHost(req: Request): void {
  const problem = hostProblem(req.headers.get("host"), env.NETLENS_ALLOWED_HOSTS);
  if (problem) throw new ApiError("forbidden", problem);
}

/**
 * A route handler that changes the engine: Host allowed, not cross-site, not in read-only mode,
 * within the rate limit — in that order, before the body is even read.
 */
export function mutation<Args extends [Request, ...unknown[]]>(
  fn: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return handle(async (...args: Args) => {
    const [req] = args;
    checkHost(req);
    const crossSite = crossSiteProblem(req.headers);
    if (crossSite) throw new ApiError("forbidden", crossSite);
    if (env.NETLENS_READONLY) {
      throw new ApiError(
        "forbidden",
        "Netlens runs read-only (NETLENS_READONLY=1): no changes are accepted.",
      );
    }
    if (!mutations.take()) {
      throw new ApiError("rate_limited", "Too many changes at once: wait a moment and try again.");
    }
    return fn(...args);
  });
}

/** A route handler that only reads: the Host check, then the handler. */
export function read<Args extends [Request, ...unknown[]]>(
  fn: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return handle(async (...args: Args) => {
    checkHost(args[0]);
    return fn(...args);
  });
}
