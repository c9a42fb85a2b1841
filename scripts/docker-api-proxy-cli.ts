import { parseArgs } from "node:util";
import { endpointOf, startDockerApiProxy, type ProxyProfile } from "./docker-api-proxy";

// The default-deny Docker API proxy as a program: in the image as docker-api-proxy.mjs (the
// compose recipe's socket proxy), here as `npx tsx scripts/docker-api-proxy-cli.ts`.
//   --profile full|read-only        (default full)
//   --listen tcp://0.0.0.0:2375 | unix:///run/netlens/docker.sock
//   --upstream unix:///var/run/docker.sock
// Every refusal is logged; with --verbose, every forwarded request too.

const USAGE =
  "usage: docker-api-proxy [--profile full|read-only] [--listen tcp://host:port|unix:///path] [--upstream unix:///path|tcp://host:port] [--verbose]";

function where(url: string): { socketPath: string } | { host: string; port: number } {
  if (url.startsWith("unix://")) return { socketPath: url.slice("unix://".length) };
  const parsed = new URL(url);
  if (parsed.protocol !== "tcp:" || !parsed.port)
    throw new Error(`not unix:// or tcp://host:port: ${url}`);
  return { host: parsed.hostname, port: Number(parsed.port) };
}

async function main() {
  const { values } = parseArgs({
    options: {
      profile: { type: "string", default: "full" },
      listen: { type: "string", default: "tcp://0.0.0.0:2375" },
      upstream: { type: "string", default: "unix:///var/run/docker.sock" },
      verbose: { type: "boolean", default: false },
    },
  });
  if (values.profile !== "full" && values.profile !== "read-only") throw new Error(USAGE);
  const profile: ProxyProfile = values.profile;
  const proxy = await startDockerApiProxy({
    profile,
    listen: where(values.listen),
    upstream: where(values.upstream),
    onRecord: (r) => {
      if (!r.allowed || values.verbose) {
        console.log(`${r.allowed ? "allow" : "DENY "} ${endpointOf(r)}`);
      }
    },
  });
  console.log(`docker-api-proxy: ${profile} profile, ${values.upstream} at ${proxy.url}`);
  const stop = () => void proxy.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err: unknown) => {
  console.error(`docker-api-proxy: ${err instanceof Error ? err.message : String(err)}`);
  console.error(USAGE);
  process.exit(2);
});
