// The network boundary in front of every route: refuse a foreign Host (DNS rebinding) before
// anything runs, and set the security headers with a fresh CSP nonce for Next's own scripts.
// API handlers check the Host themselves (lib/api/guard.ts): a proxy is not a security boundary alone.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { hostProblem } from "@/lib/security/request-checks";

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // React and d3 set styles through the CSSOM, which CSP does not govern; inline style
    // attributes in server-rendered markup still need this.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join("; ");
}

export function proxy(req: NextRequest) {
  const problem = hostProblem(req.headers.get("host"), env.NETLENS_ALLOWED_HOSTS);
  if (problem) {
    return NextResponse.json({ error: { code: "forbidden", message: problem } }, { status: 403 });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(req.headers);
  // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  res.headers.set("X-Content-Type-Options", "nosniff");
  res.headers.set("Referrer-Policy", "no-referrer");
  res.headers.set("X-Frame-Options", "SAMEORIGIN");
  return res;
}

// Not the API: every handler checks the Host itself (lib/api/guard.ts), JSON needs no CSP, and
// its static headers come from next.config.js — the proxy's per-request cost stays off the API.
export const config = {
  matcher: "/((?!_next/static|_next/image|api/).*)",
};
