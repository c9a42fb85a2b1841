import type { SWRConfiguration } from "swr";

// The one fetcher every SWR hook shares, so every failure reaches the UI in the API's own words.

/** The error body every Netlens API route answers with. */
export type ApiErrorBody = { error: { code: string; message: string } };

export class ApiError extends Error {
  readonly code: string;
  /** HTTP status; 0 when no response arrived at all (the Netlens server itself is down). */
  readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
  }
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { code?: unknown }).code === "string" &&
    typeof (error as { message?: unknown }).message === "string"
  );
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, cache: "no-store" });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ApiError("network_error", `Netlens API unreachable (${url}): ${reason}`, 0);
  }
}

/** The response's JSON body (undefined when empty), or the API's error as an ApiError. */
async function readBody(url: string, response: Response): Promise<unknown> {
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // A proxy or the framework's own error page can answer in HTML; report the status instead.
  }

  if (!response.ok) {
    if (isApiErrorBody(body)) {
      throw new ApiError(body.error.code, body.error.message, response.status);
    }
    throw new ApiError(
      "http_error",
      `${url} answered HTTP ${response.status} ${response.statusText}`.trim(),
      response.status,
    );
  }
  return body;
}

/** GET a JSON resource; throws ApiError carrying the API's {code,message} and the HTTP status. */
export async function fetchJson<T>(url: string): Promise<T> {
  const response = await send(url, { headers: { accept: "application/json" } });
  const body = await readBody(url, response);
  if (body === undefined) {
    throw new ApiError("bad_response", `${url} answered without a JSON body`, response.status);
  }
  // The API's types are the contract; validating it again here would duplicate the server's job.
  return body as T;
}

/**
 * A JSON mutation (POST or DELETE). Resolves to the response's JSON body, or undefined for an
 * empty one (204); throws ApiError with the API's {code,message} and the HTTP status.
 */
export async function mutate<T = undefined>(
  method: "POST" | "DELETE",
  url: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await send(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // The API's types are the contract; validating it again here would duplicate the server's job.
  return (await readBody(url, response)) as T;
}

const RETRY_STEP_MS = 3000;

/**
 * SWR pauses `refreshInterval` polling while a key holds an error, and its default retry backs off
 * exponentially (to minutes). A restarted engine should reappear within seconds, so retry at a
 * steady, slightly slower pace instead.
 */
export const steadyErrorRetry: SWRConfiguration["onErrorRetry"] = (
  error: ApiError,
  _key,
  _config,
  revalidate,
  { retryCount },
) => {
  // A missing resource will not come back by asking again.
  if (error.status === 404) return;
  const delay = Math.min(RETRY_STEP_MS * retryCount, 10_000);
  setTimeout(() => void revalidate({ retryCount }), delay);
};
