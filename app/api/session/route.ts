// POST /api/session — exchange a token for a session cookie; GET — who am I; DELETE — log out.
import { NextResponse } from "next/server";
import { z } from "zod";
import { readJson } from "@/lib/api/body";
import { ApiError } from "@/lib/api/errors";
import { login, read, requireRole } from "@/lib/api/guard";
import { newSession, roleForToken, SESSION_COOKIE } from "@/lib/security/auth";

export const dynamic = "force-dynamic";

const loginSchema = z.strictObject({ token: z.string().min(1, "is required").max(512) });

/** Secure when the page was reached over TLS (directly or through a proxy that says so). */
function secure(req: Request): boolean {
  return new URL(req.url).protocol === "https:" || req.headers.get("x-forwarded-proto") === "https";
}

export const POST = login(async (req: Request) => {
  const { token } = await readJson(req, loginSchema);
  const role = roleForToken(token);
  if (!role) throw new ApiError("unauthorized", "That token is not valid.");
  const session = newSession(role);
  const res = NextResponse.json({ role });
  res.cookies.set(SESSION_COOKIE, session.value, {
    httpOnly: true,
    sameSite: "strict",
    secure: secure(req),
    path: "/",
    maxAge: session.maxAge,
  });
  return res;
});

export const GET = read(async (req: Request) => NextResponse.json({ role: requireRole(req) }));

export const DELETE = login(async () => {
  const res = new NextResponse(null, { status: 204 });
  res.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "strict", path: "/", maxAge: 0 });
  return res;
});
