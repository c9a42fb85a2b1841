"use client";

import { useEffect, useState } from "react";
import { mutate } from "@/lib/client/api-client";
import { loginPath, RETURN_PARAM, safeReturnPath } from "@/lib/security/return-path";

/** The page a shared link asked for before the login got in the way; home otherwise. */
function returnPath(): string {
  return safeReturnPath(new URL(window.location.href).searchParams.get(RETURN_PARAM));
}

/**
 * Exchanges a token for a session cookie, once: from the login URL Netlens printed at start
 * (`/login?token=…`, taken off the address bar at once) or typed in.
 */
export function LoginForm() {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function exchange(value: string) {
    return mutate("POST", "/api/session", { token: value }).then(
      () => window.location.replace(returnPath()),
      (err: unknown) => {
        setError(err instanceof Error ? err.message : String(err));
        setBusy(false);
      },
    );
  }

  function logIn(value: string) {
    setBusy(true);
    setError(null);
    void exchange(value);
  }

  useEffect(() => {
    const fromUrl = new URL(window.location.href).searchParams.get("token");
    if (!fromUrl) return;
    // Off the address bar (and history) before anything else happens; where to go next stays.
    window.history.replaceState(null, "", loginPath(returnPath()));
    void exchange(fromUrl);
  }, []);

  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <form
        className="w-full max-w-sm space-y-4 rounded-lg border border-slate-700 bg-slate-900 p-6"
        onSubmit={(e) => {
          e.preventDefault();
          void logIn(token);
        }}
      >
        <h1 className="text-lg font-semibold">Log in to Netlens</h1>
        <p className="text-sm text-slate-400">
          Open the login URL Netlens printed when it started, or paste a token (admin, operator or
          viewer).
        </p>
        <input
          data-testid="login-token"
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          className="w-full rounded border border-slate-600 bg-slate-950 px-3 py-2 font-mono text-sm"
          placeholder="token"
          aria-label="Token"
        />
        {error && (
          <p data-testid="login-error" className="text-sm text-rose-300">
            {error}
          </p>
        )}
        <button
          data-testid="login-submit"
          type="submit"
          disabled={busy || token.length === 0}
          className="w-full rounded bg-sky-600 px-3 py-2 text-sm font-medium text-white disabled:opacity-50"
        >
          {busy ? "Logging in…" : "Log in"}
        </button>
      </form>
    </main>
  );
}
