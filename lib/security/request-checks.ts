// Browser-origin defences, as pure functions of a request's headers: shared by the proxy (which
// answers before anything else runs) and by every handler (which must not rely on the proxy:
// CVE-2025-29927 skipped middleware with one header).

const LOOPBACK_NAMES = new Set(["localhost", "ip6-localhost", "ip6-loopback"]);

function hostname(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(1, h.indexOf("]"));
  const colon = h.lastIndexOf(":");
  return colon >= 0 ? h.slice(0, colon) : h;
}

function isLoopback(name: string): boolean {
  return (
    LOOPBACK_NAMES.has(name) ||
    name.endsWith(".localhost") ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) ||
    name === "::1"
  );
}

/**
 * A Host that is a loopback name or address, or one the operator listed: anything else may be a
 * DNS-rebinding page that resolved its own name to this machine.
 */
export function hostProblem(host: string | null, allowed: readonly string[]): string | null {
  if (!host) return "The request has no Host header.";
  const name = hostname(host);
  if (isLoopback(name) || allowed.includes(name)) return null;
  return `Host "${host}" is not allowed: Netlens answers only on loopback names and NETLENS_ALLOWED_HOSTS.`;
}

/**
 * A change may only come from Netlens's own pages or from a non-browser client: a page on another
 * site must not steer the Docker socket through a visitor's browser.
 */
export function crossSiteProblem(headers: Headers): string | null {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") {
    return `Refused a ${site} request: changes are accepted only from Netlens's own pages.`;
  }
  const origin = headers.get("origin");
  if (origin === null) return null;
  if (origin === "null") return "Refused a request with Origin: null (a sandboxed or file page).";
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return `Refused a request with an unreadable Origin (${origin}).`;
  }
  if (originHost.toLowerCase() !== (headers.get("host") ?? "").toLowerCase()) {
    return `Refused a request from ${origin}: changes are accepted only from Netlens's own pages.`;
  }
  return null;
}
