import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { engines } from "@/lib/docker/client";
import { env } from "@/lib/env";
import { roleOf } from "@/lib/security/auth";
import { createRateLimiter } from "@/lib/security/rate-limit";
import { crossSiteProblem, hostProblem } from "@/lib/security/request-checks";
import { allows, type Role } from "@/lib/security/roles";
import { recordAudit } from "@/lib/audit/audit-log";
import { ApiError, handle } from "./errors";

// Checked in every handler, not only in the proxy: a proxy can be skipped (CVE-2025-29927).
const mutations = createRateLimiter(env.NETLENS_MUTATIONS_PER_MINUTE);
const logins = createRateLimiter(10);

export function checkHost(req: Request): void {
  const problem = hostProblem(req.headers.get("host"), env.NETLENS_ALLOWED_HOSTS);
  if (problem) throw new ApiError("forbidden", problem);
}

/** The caller's role; 401 without a valid token or session. */
export function requireRole(req: Request, needed: Role = "viewer"): Role {
  const role = roleOf(req.headers);
  if (!role) {
    throw new ApiError(
      "unauthorized",
      "Log in first: open the login URL Netlens printed at start, or send Authorization: Bearer <token>.",
    );
  }
  if (!allows(role, needed)) {
    throw new ApiError("forbidden", `Your role (${role}) may not do this: it needs ${needed}.`);
  }
  return role;
}

/** Host allowed, not cross-site: what any request that changes state must pass. */
function checkOrigin(req: Request): void {
  checkHost(req);
  const crossSite = crossSiteProblem(req.headers);
  if (crossSite) throw new ApiError("forbidden", crossSite);
}

/** The first bytes of a body, for the audit log (the handler reads its own copy). */
async function peekBody(req: Request, max = 4096): Promise<string> {
  if (!req.body) return "";
  const reader = req.clone().body?.getReader();
  if (!reader) return "";
  let text = "";
  const decoder = new TextDecoder();
  while (text.length < max) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  // Not awaited: a tee'd branch's cancel settles only once the handler's branch is done too.
  void reader.cancel().catch(() => {});
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The engine a change went to, once the handler has worked it out, for its audit entry. */
const auditNotes = new AsyncLocalStorage<{ engineId: string | null }>();

/** Name `engineId` in the audit entry of the change being handled (when there are several). */
export function auditEngine(engineId: string): void {
  const note = auditNotes.getStore();
  if (note) note.engineId = engineId;
}

/** What a change was aimed at: the network in the path, the name a create asked for, a probe's pair. */
function targetOf(req: Request, params: string): string {
  const rest = new URL(req.url).pathname.match(/^\/api\/networks\/([^/]+)/)?.[1];
  if (rest && rest !== "prune") return decodeURIComponent(rest);
  try {
    const body = JSON.parse(params) as { name?: unknown; from?: unknown; to?: unknown };
    if (typeof body.from === "string" && typeof body.to === "string") {
      return `${body.from} → ${body.to}`;
    }
    return typeof body.name === "string" ? body.name : "";
  } catch {
    return "";
  }
}

/** "lab-net on node2": with several engines, which one matters as much as what. */
function withEngine(target: string, engineId: string | null): string {
  if (!engineId || engines.length < 2) return target;
  return target ? `${target} on ${engineId}` : `on ${engineId}`;
}

/**
 * A route handler that changes the engine: Host allowed, not cross-site, a role that may, not in
 * read-only mode, within the rate limit — in that order, before the body is even read. Every
 * attempt, refused or not, goes to the audit log with its outcome.
 */
export function mutation<Args extends [Request, ...unknown[]]>(
  needed: Role,
  operation: string,
  fn: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  const guarded = handle(async (...args: Args) => {
    const [req] = args;
    checkOrigin(req);
    requireRole(req, needed);
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
  return async (...args: Args) => {
    const [req] = args;
    const params = await peekBody(req).catch(() => "");
    const note: { engineId: string | null } = { engineId: null };
    const res = await auditNotes.run(note, () => guarded(...args));
    let message: string | null = null;
    if (res.status >= 400) {
      message = await res
        .clone()
        .json()
        .then((b: { error?: { message?: string } }) => b.error?.message ?? null)
        .catch(() => null);
    }
    try {
      recordAudit({
        at: new Date().toISOString(),
        role: roleOf(req.headers) ?? "anonymous",
        operation,
        target: withEngine(targetOf(req, params), note.engineId),
        params,
        status: res.status,
        message,
      });
    } catch (err) {
      console.error("[netlens] could not write the audit log", err);
    }
    return res;
  };
}

/** A route handler that only reads: Host allowed and a logged-in caller (any role, or `needed`). */
export function read<Args extends [Request, ...unknown[]]>(
  fn: (...args: Args) => Promise<Response>,
  needed: Role = "viewer",
): (...args: Args) => Promise<Response> {
  return handle(async (...args: Args) => {
    checkHost(args[0]);
    requireRole(args[0], needed);
    return fn(...args);
  });
}

/** For the login route: origin checks and a rate limit on attempts, no role yet. */
export function login<Args extends [Request, ...unknown[]]>(
  fn: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return handle(async (...args: Args) => {
    checkOrigin(args[0]);
    if (!logins.take())
      throw new ApiError("rate_limited", "Too many login attempts: wait a minute.");
    return fn(...args);
  });
}
