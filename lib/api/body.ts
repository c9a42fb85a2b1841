import "server-only";
import type { z } from "zod";
import { ApiError } from "./errors";

/** Large enough for any network spec, small enough that a request cannot tie up memory. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * The JSON body of a mutation, parsed with `schema`: 415 unless it says application/json (a
 * cross-site form cannot send that without a preflight), 413 past the size limit, 400 for broken
 * JSON or a field the schema refuses (the message names the field).
 */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(
      "unsupported_media_type",
      `Send the body as application/json (got ${type || "no Content-Type"}).`,
    );
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > BODY_LIMIT_BYTES) throw tooLarge();
  const text = await readLimited(req);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError("bad_request", "body: not valid JSON");
  }
  return schema.parse(json);
}

function tooLarge() {
  return new ApiError("payload_too_large", `The body is over ${BODY_LIMIT_BYTES / 1024} KiB.`);
}

async function readLimited(req: Request): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > BODY_LIMIT_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
