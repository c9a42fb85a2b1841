// At server start: refuse a data directory written by a newer Netlens; make sure an admin token
// exists (generated into the data directory when none is configured) and print a ready login
// URL, as Jupyter does; remove probe helpers a killed server left behind; start the live feed,
// so history is recorded from the start.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // A data directory written by a newer Netlens: stop before anything writes to it.
  const { refuseNewerData } = await import("@/lib/store/data-files");
  refuseNewerData();
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
  // History records from the start, not from the first page view.
  const { env } = await import("@/lib/env");
  if (env.NETLENS_HISTORY === "on") {
    const { engineFeed } = await import("@/lib/live/engine-feed");
    void engineFeed().start();
  }
}
