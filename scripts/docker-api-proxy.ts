import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import { connect, type Socket } from "node:net";
import { chmodSync, rmSync } from "node:fs";

// A default-deny Docker Engine API proxy: it forwards only the (method, path) pairs of a profile
// and answers everything else 403 with a JSON message that names the refusal, as Docker's own
// errors look, so Netlens shows it in Docker's words. It records every request it is asked, with
// the path normalised to the rule that matched. Used by the least-privilege tests (tests/proxy/)
// and, bundled into the image as docker-api-proxy.mjs, as the compose recipe's socket proxy.

export type ProxyProfile = "full" | "read-only";

export type ProxyRule = {
  method: "GET" | "HEAD" | "POST" | "DELETE";
  /** `{id}` is one path segment; `{name}` may hold slashes (image names: ghcr.io/x/y:tag). */
  path: string;
  /** What Netlens uses it for, as the generated docs list it. */
  use: string;
};

/**
 * Everything Netlens asks of the Engine, and nothing more: the tests in tests/proxy/ fail when
 * Netlens asks for anything else, and when anything here is never asked for.
 */
export const FULL_RULES: readonly ProxyRule[] = [
  { method: "GET", path: "/_ping", use: "is a quiet event stream still alive" },
  { method: "GET", path: "/version", use: "engine version (health, header)" },
  { method: "GET", path: "/info", use: "engine facts, drivers, swarm state" },
  { method: "GET", path: "/events", use: "the live map (container, network, daemon events)" },
  { method: "GET", path: "/plugins", use: "network driver plugins (New network form)" },
  { method: "GET", path: "/networks", use: "the map" },
  { method: "GET", path: "/networks/{id}", use: "network details, members" },
  { method: "GET", path: "/containers/json", use: "the map" },
  { method: "GET", path: "/containers/{id}/json", use: "container details, the map" },
  { method: "GET", path: "/nodes", use: "swarm nodes (managers only)" },
  { method: "GET", path: "/services", use: "swarm services (managers only)" },
  { method: "GET", path: "/tasks", use: "swarm tasks (managers only)" },
  { method: "POST", path: "/networks/create", use: "create a network" },
  { method: "POST", path: "/networks/{id}/connect", use: "connect a container" },
  { method: "POST", path: "/networks/{id}/disconnect", use: "disconnect a container" },
  { method: "DELETE", path: "/networks/{id}", use: "remove, prune (one network at a time)" },
  { method: "GET", path: "/images/{name}/json", use: "probe: is the probe image there" },
  { method: "POST", path: "/containers/create", use: "probe: its helper container" },
  { method: "POST", path: "/containers/{id}/start", use: "probe: start the helper" },
  { method: "POST", path: "/containers/{id}/exec", use: "probe: a check in the helper" },
  { method: "POST", path: "/exec/{id}/start", use: "probe: run it (attached, hijacked)" },
  { method: "GET", path: "/exec/{id}/json", use: "probe: its exit code" },
  { method: "DELETE", path: "/containers/{id}", use: "probe: remove the helper" },
];

/** read-only: the reads of the full profile (GET and HEAD), the event stream included. */
export function profileRules(profile: ProxyProfile): readonly ProxyRule[] {
  return profile === "full" ? FULL_RULES : FULL_RULES.filter((r) => r.method === "GET");
}

export type ProxyRecord = { method: string; path: string; allowed: boolean };

/** "METHOD /path" — one line of the recorded list. */
export const endpointOf = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

const ruleRegex = (path: string) =>
  new RegExp(
    `^${path
      .split(/(\{id\}|\{name\})/)
      .map((part) =>
        part === "{id}"
          ? "[^/]+"
          : part === "{name}"
            ? ".+"
            : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
      )
      .join("")}$`,
  );

const COMPILED = FULL_RULES.map((rule) => ({ rule, regex: ruleRegex(rule.path) }));

/** The API path without its version prefix and query: /v1.41/networks?x=1 → /networks. */
function apiPath(url: string): string {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, "http://engine").pathname);
  } catch {
    return "/{undecodable}";
  }
  return path.replace(/^\/v\d+(\.\d+)?(?=\/)/, "");
}

/** `.` or `..` left after decoding (%2E%2E): the engine might resolve them elsewhere. */
const dotSegments = (path: string) => path.split("/").some((seg) => seg === "." || seg === "..");

/** A path as the recording keeps it: the rule's pattern, else ids and names replaced by {id}. */
export function normalize(method: string, url: string): string {
  const path = apiPath(url);
  if (dotSegments(path)) return path;
  const known = COMPILED.find((c) => c.rule.method === method && c.regex.test(path));
  if (known) return known.rule.path;
  const words = new Set(["json", "create", "prune", "start", "stop", "exec", "logs", "kill"]);
  return path
    .split("/")
    .map((seg, i, all) => (i >= 2 && all[1] && !words.has(seg) ? "{id}" : seg))
    .join("/");
}

export type DockerApiProxy = {
  /** Where Netlens should point: unix:///… or tcp://host:port. */
  url: string;
  records: ProxyRecord[];
  close(): Promise<void>;
};

type Listen = { socketPath: string } | { host: string; port: number };
type Upstream = { socketPath: string } | { host: string; port: number };

export type ProxyOptions = {
  listen: Listen;
  upstream?: Upstream;
  profile: ProxyProfile;
  /** Called for every request, after it is recorded (the CLI logs it). */
  onRecord?: (r: ProxyRecord) => void;
};

function refusal(profile: ProxyProfile, method: string, path: string): string {
  return `docker-api-proxy (${profile} profile) refused ${method} ${path}: not on its allow-list`;
}

/** The request line and headers again, for a hijacked request forwarded byte for byte. */
function rawHead(req: IncomingMessage): string {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  }
  return `${lines.join("\r\n")}\r\n\r\n`;
}

export async function startDockerApiProxy(options: ProxyOptions): Promise<DockerApiProxy> {
  const upstream = options.upstream ?? { socketPath: "/var/run/docker.sock" };
  const allowed = profileRules(options.profile).map((r) => ({ ...r, regex: ruleRegex(r.path) }));
  const records: ProxyRecord[] = [];
  const sockets = new Set<Socket>();

  /** Record the request; the refusal message when it is not allowed. */
  const check = (req: IncomingMessage): string | null => {
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    const path = apiPath(url);
    const ok = !dotSegments(path) && allowed.some((r) => r.method === method && r.regex.test(path));
    const record = { method, path: normalize(method, url), allowed: ok };
    records.push(record);
    options.onRecord?.(record);
    return ok ? null : refusal(options.profile, method, record.path);
  };

  const server: Server = createServer((req, res) => {
    const refused = check(req);
    if (refused) {
      req.resume();
      res.writeHead(403, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ message: refused }));
      return;
    }
    const forward = httpRequest(
      { ...upstream, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        // Streams (events, logs) pass through as they come.
        res.flushHeaders();
        answer.pipe(res);
      },
    );
    forward.on("error", (err) => {
      if (!res.headersSent) res.writeHead(502, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ message: `docker-api-proxy: the engine failed: ${err.message}` }));
    });
    // The client went away (an event stream closed): so does the request to the engine.
    res.on("close", () => forward.destroy());
    req.pipe(forward);
  });

  // Attach and exec start ask to hijack the connection (Connection: Upgrade): once allowed, the
  // bytes pass through both ways untouched.
  server.on("upgrade", (req: IncomingMessage, client: Socket, head: Buffer) => {
    const refused = check(req);
    if (refused) {
      const body = JSON.stringify({ message: refused });
      client.end(
        `HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    const opened = () => {
      engine.write(rawHead(req));
      if (head.length) engine.write(head);
      engine.pipe(client);
      client.pipe(engine);
    };
    const engine =
      "socketPath" in upstream
        ? connect(upstream.socketPath, opened)
        : connect(upstream.port, upstream.host, opened);
    const closeBoth = () => {
      engine.destroy();
      client.destroy();
    };
    engine.on("error", closeBoth);
    client.on("error", closeBoth);
    engine.on("close", () => client.end());
    client.on("close", () => engine.end());
  });

  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  const listen = options.listen;
  if ("socketPath" in listen) rmSync(listen.socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    if ("socketPath" in listen) server.listen(listen.socketPath, resolve);
    else server.listen(listen.port, listen.host, resolve);
  });
  if ("socketPath" in listen) chmodSync(listen.socketPath, 0o660);

  return {
    url:
      "socketPath" in listen
        ? `unix://${listen.socketPath}`
        : `tcp://${listen.host}:${listen.port}`,
    records,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
