import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { env } from "@/lib/env";
import { ROLES, type Role } from "./roles";

// Tokens never leave this module as such: only their SHA-256 digests are kept and compared, in
// constant time and at a fixed length, so neither timing nor length tells a guess how close it was.

const ADMIN_TOKEN_FILE = "admin-token";
const SESSION_KEY_FILE = "session-key";
export const SESSION_COOKIE = "netlens_session";
const SESSION_HOURS = 12;

const digest = (s: string) => createHash("sha256").update(s).digest();

/** A secret kept in the data directory (0600), made on first use. */
function secretFile(name: string, make: () => string): string {
  const dir = env.NETLENS_DATA_DIR;
  const file = join(dir, name);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, make() + "\n", { mode: 0o600, flag: "wx" });
  }
  chmodSync(file, 0o600);
  return readFileSync(file, "utf8").trim();
}

let loaded: { digests: [Role, Buffer][]; sessionKey: Buffer; adminToken: string } | null = null;

function load() {
  if (loaded) return loaded;
  const adminToken =
    env.NETLENS_TOKEN ?? secretFile(ADMIN_TOKEN_FILE, () => randomBytes(24).toString("base64url"));
  const tokens: [Role, string | undefined][] = [
    ["admin", adminToken],
    ["operator", env.NETLENS_OPERATOR_TOKEN],
    ["viewer", env.NETLENS_VIEWER_TOKEN],
  ];
  loaded = {
    digests: tokens
      .filter((t): t is [Role, string] => !!t[1])
      .map(([role, t]) => [role, digest(t)]),
    sessionKey: Buffer.from(
      secretFile(SESSION_KEY_FILE, () => randomBytes(32).toString("base64url")),
    ),
    adminToken,
  };
  return loaded;
}

/** The admin token, for the login URL printed at start. */
export function adminToken(): string {
  return load().adminToken;
}

export function roleForToken(token: string): Role | null {
  const d = digest(token);
  let found: Role | null = null;
  // Compare with every role's token, not stopping at a match, so the time does not say which.
  for (const [role, expected] of load().digests)
    if (timingSafeEqual(d, expected) && !found) found = role;
  return found;
}

function sign(payload: string): string {
  return createHmac("sha256", load().sessionKey).update(payload).digest("base64url");
}

/** A session cookie value: role and expiry, signed with the data directory's key. */
export function newSession(role: Role, now = Date.now()): { value: string; maxAge: number } {
  const payload = `${role}.${now + SESSION_HOURS * 3_600_000}`;
  return { value: `${payload}.${sign(payload)}`, maxAge: SESSION_HOURS * 3600 };
}

export function roleForSession(value: string, now = Date.now()): Role | null {
  const [role, expires, mac] = value.split(".");
  if (!role || !expires || !mac || !(ROLES as readonly string[]).includes(role)) return null;
  const expected = Buffer.from(sign(`${role}.${expires}`));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Number(expires) > now ? (role as Role) : null;
}

/** The caller's role from `Authorization: Bearer` or the session cookie; null when neither holds. */
export function roleOf(headers: Headers): Role | null {
  const auth = headers.get("authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) return roleForToken(auth.slice(7).trim());
  const cookie = headers
    .get("cookie")
    ?.split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return cookie
    ? roleForSession(decodeURIComponent(cookie.slice(SESSION_COOKIE.length + 1)))
    : null;
}

/** Who holds a stream, for the per-session cap: the session cookie or the token, hashed. */
export function sessionKey(headers: Headers): string {
  const auth = headers.get("authorization") ?? "";
  const cookie = headers.get("cookie")?.match(new RegExp(`${SESSION_COOKIE}=([^;]+)`))?.[1] ?? "";
  return digest(`${auth}|${cookie}`).toString("base64url");
}
