// At server start: make sure an admin token exists (generated into the data directory when none
// is configured) and print a ready login URL, as Jupyter does; remove probe helpers a killed
// server left behind.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { adminToken } = await import("@/lib/security/auth");
  const host = process.env.HOST ?? "127.0.0.1";
  const port = process.env.PORT ?? "3000";
  const shown = host.includes(":") ? `[${host}]` : host;
  console.log(`Netlens: log in at http://${shown}:${port}/login?token=${adminToken()}`);
  const { sweepProbes } = await import("@/lib/docker/probe");
  // The engine may be down at start: the helpers remove themselves when their sleep ends anyway.
  sweepProbes().then(
    (n) => n > 0 && console.log(`Netlens: removed ${n} probe helper(s) left by an earlier run`),
    () => {},
  );
}
