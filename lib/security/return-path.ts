// Where the login page sends the browser afterwards: the page a logged-out visitor asked for (a
// shared link), and never anywhere off this site.

/** The query parameter of /login that names the page to return to. */
export const RETURN_PARAM = "next";

const ORIGIN = "http://netlens.invalid";

/**
 * `next` as a same-origin path (with its query and hash), or "/" for anything else: another
 * origin, a protocol-relative `//host`, a backslash some browsers read as a slash, a scheme,
 * or the login page itself.
 */
export function safeReturnPath(next: string | null | undefined): string {
  if (!next?.startsWith("/") || [...next].some((ch) => ch === "\\" || ch < " ")) return "/";
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== ORIGIN || url.pathname.startsWith("/login")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The login page's address for a visitor who asked for `path` (its query included). */
export function loginPath(path: string): string {
  const back = safeReturnPath(path);
  return back === "/" ? "/login" : `/login?${new URLSearchParams({ [RETURN_PARAM]: back })}`;
}
