import "server-only";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { EngineRequestError, EngineUnreachableError } from "@/lib/docker/errors";

// One error shape for every route: {error:{code,message}}, the HTTP status taken from the code.
const statusOf = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  // A moment before the retained history: the message says how far back it goes.
  gone: 410,
  // The probe's image is not on the engine, and Netlens never pulls: the message says how to.
  "probe-image-missing": 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  engine_error: 502,
  engine_unreachable: 503,
} as const;

export type ErrorCode = keyof typeof statusOf;
export type ErrorBody = { error: { code: ErrorCode; message: string } };

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const codeOfRefusal: Record<EngineRequestError["kind"], ErrorCode> = {
  invalid: "bad_request",
  not_found: "not_found",
  conflict: "conflict",
  forbidden: "forbidden",
  engine: "engine_error",
};

function describeZodError(err: ZodError): string {
  return err.issues
    .map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`)
    .join("; ");
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) return new ApiError("bad_request", describeZodError(err));
  if (err instanceof EngineUnreachableError) return new ApiError("engine_unreachable", err.message);
  if (err instanceof EngineRequestError) {
    return new ApiError(codeOfRefusal[err.kind], `Docker: ${err.message}`);
  }
  console.error("[netlens] unexpected error", err);
  return new ApiError(
    "internal_error",
    "Netlens hit an unexpected error; the server log has details.",
  );
}

export function errorResponse(err: unknown): NextResponse<ErrorBody> {
  const { code, message } = toApiError(err);
  return NextResponse.json({ error: { code, message } }, { status: statusOf[code] });
}

/** Wrap a route handler so every failure leaves as the one error shape, never as a crash. */
export function handle<Args extends unknown[]>(
  fn: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await fn(...args);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** For routes that only change things: a GET gets a clear 405, not a page or a silent success. */
export function methodNotAllowed(): Promise<Response> {
  return Promise.resolve(
    errorResponse(
      new ApiError("method_not_allowed", "This route changes things: use POST with a JSON body."),
    ),
  );
}
