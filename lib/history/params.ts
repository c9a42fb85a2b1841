// The history routes' query parameters, checked before anything is read: a malformed or future
// time, a bad limit → a 400 naming the parameter (a ZodError, which lib/api/errors maps). Pure.
import { z } from "zod";

/** A clock a little ahead of the server's (a browser's) is not "the future". */
export const FUTURE_SLACK_MS = 5_000;
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1_000;

// ISO-8601 date-time with a zone, as Date#toISOString writes it; seconds and fraction optional.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A moment as epoch milliseconds; "now" for the present. */
export function timeParam(now: () => number) {
  return z.string().transform((s, ctx) => {
    const t = s === "now" ? now() : ISO_TIME.test(s) ? Date.parse(s) : NaN;
    if (Number.isNaN(t)) {
      ctx.addIssue({
        code: "custom",
        message: `"${s.slice(0, 40)}" is not an ISO-8601 time with a zone (e.g. 2026-05-01T14:02:03Z)`,
      });
      return z.NEVER;
    }
    if (t > now() + FUTURE_SLACK_MS) {
      ctx.addIssue({ code: "custom", message: `${s} is in the future` });
      return z.NEVER;
    }
    // Within the slack: the present, so nothing answered now can change later.
    return Math.min(t, now());
  });
}

const limitParam = z
  .string()
  .regex(/^\d+$/, "must be a whole number")
  .transform(Number)
  .pipe(z.number().min(1, "must be at least 1").max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`));

const windowShape = (now: () => number) => ({
  since: timeParam(now).optional(),
  until: timeParam(now).optional(),
});

const inOrder = (q: { since?: number; until?: number }) =>
  q.since === undefined || q.until === undefined || q.since <= q.until;
const notAfterUntil = { message: "must not be after until", path: ["since"] };

/** GET /api/history: since, until, limit, order, cursor. */
export function historyQuerySchema(now: () => number = Date.now) {
  return z
    .object({
      ...windowShape(now),
      limit: limitParam.optional(),
      order: z.enum(["asc", "desc"]).optional(),
      cursor: z.string().max(200, "is not one this server gave out").optional(),
    })
    .refine(inOrder, notAfterUntil);
}

/** GET /api/history/export: since, until. */
export function exportQuerySchema(now: () => number = Date.now) {
  return z.object(windowShape(now)).refine(inOrder, notAfterUntil);
}

/** GET /api/topology/diff: from and to, both required. */
export function diffQuerySchema(now: () => number = Date.now) {
  return z.object({ from: timeParam(now), to: timeParam(now) });
}

/** `?at=` of GET /api/topology. */
export function atParam(value: string, now: () => number = Date.now): number {
  return z.object({ at: timeParam(now) }).parse({ at: value }).at;
}

/** A request's query as a plain object (the last value of a repeated parameter wins). */
export function queryOf(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams);
}
