// The scripts' own way to the Engine API: raw requests over the socket (no CLI process start in
// what is timed or repeated thousands of times), a few at a time.
import { request } from "node:http";

/** The socket of DOCKER_HOST, or the local one. */
export const engineSocket = () =>
  (process.env.DOCKER_HOST ?? "unix:///var/run/docker.sock").replace(/^unix:\/\//, "");

/** One Engine API call; a 4xx/5xx rejects with Docker's answer. */
export function engineRequest<T = unknown>(
  socketPath: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        socketPath,
        method,
        path,
        headers: payload ? { "Content-Type": "application/json" } : {},
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c));
        res.on("end", () => {
          if ((res.statusCode ?? 500) >= 400)
            reject(new Error(`${method} ${path}: ${res.statusCode} ${text.trim()}`));
          else resolve((text ? JSON.parse(text) : null) as T);
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** `fn` over `items`, `width` at a time. */
export async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}
