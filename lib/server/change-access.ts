import "server-only";
import { changeRefusal } from "@/lib/docker/change-check";
import { engines } from "@/lib/docker/client";
import { env } from "@/lib/env";

// Why no change can be made at all, for the page to say so up front instead of offering
// controls that can only fail: NETLENS_READONLY, or every engine refusing changes (a read-only
// socket proxy). Asked once a minute at most; an engine that does not answer in time counts as
// accepting (the change itself then says what went wrong).

const FRESH_MS = 60_000;
const ANSWER_MS = 2_000;

let cached: { at: number; reason: Promise<string | null> } | null = null;

async function askEngines(): Promise<string | null> {
  const answers = await Promise.all(
    engines.map((e) =>
      Promise.race([
        changeRefusal(e.id),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), ANSWER_MS)),
      ]),
    ),
  );
  if (answers.some((a) => a === null)) return null;
  const [first] = answers;
  return `The Docker engine refuses changes (a read-only socket proxy?): ${first}`;
}

/** The reason changes are unavailable to everyone, or null when they may be made. */
export function changesUnavailable(now = Date.now()): Promise<string | null> {
  if (env.NETLENS_READONLY) {
    return Promise.resolve("Netlens runs read-only (NETLENS_READONLY=1): no changes are accepted.");
  }
  if (!cached || now - cached.at > FRESH_MS) cached = { at: now, reason: askEngines() };
  return cached.reason;
}
