// At server start: make sure an admin token exists (generated into the data directory when none
// is configured) and print a ready login URL, as Jupyter does.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { adminToken } = await import("@/lib/security/auth");
  const host = process.env.HOST ?? "127.0.0.1";
  const port = process.env.PORT ?? "3000";
  const shown = host.includes(":") ? `[${host}]` : host;
  console.log(`Netlens: log in at http://${shown}:${port}/login?token=${adminToken()}`);
}
