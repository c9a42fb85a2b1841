import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { atParam, diffQuerySchema, FUTURE_SLACK_MS, historyQuerySchema } from "./params";

const NOW = Date.parse("2026-05-01T12:00:00Z");
const now = () => NOW;
const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ZodError) return err.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw err;
  }
  throw new Error("no error");
};

describe("time parameters", () => {
  it("takes ISO-8601 with a zone, and now", () => {
    expect(atParam("2026-05-01T11:00:00Z", now)).toBe(NOW - 3_600_000);
    expect(atParam("2026-05-01T13:00:00.5+02:00", now)).toBe(NOW - 3_600_000 + 500);
    expect(atParam("2026-05-01T11:00Z", now)).toBe(NOW - 3_600_000);
    expect(atParam("now", now)).toBe(NOW);
  });

  it("refuses what is not such a time, naming the parameter", () => {
    for (const bad of [
      "yesterday",
      "",
      "2026-05-01",
      "2026-05-01T11:00:00",
      "1714560000000",
      "2026-13-45T99:00:00Z",
    ]) {
      expect(problem(() => atParam(bad, now))[0], bad).toMatch(/^at: .*not an ISO-8601 time/);
    }
  });

  it("refuses the future, but not a clock a few seconds ahead (taken as now)", () => {
    expect(problem(() => atParam("2099-01-01T00:00:00Z", now))).toEqual([
      "at: 2099-01-01T00:00:00Z is in the future",
    ]);
    const slightlyAhead = new Date(NOW + FUTURE_SLACK_MS - 1).toISOString();
    expect(atParam(slightlyAhead, now)).toBe(NOW);
  });
});

describe("GET /api/history's query", () => {
  const parse = (q: Record<string, string>) => historyQuerySchema(now).parse(q);

  it("has defaults left to the caller and ignores other parameters", () => {
    expect(parse({ other: "x" })).toEqual({});
    expect(parse({ limit: "1000", since: "2026-05-01T10:00:00Z" })).toEqual({
      limit: 1000,
      since: NOW - 7_200_000,
    });
  });

  it("refuses a bad limit", () => {
    expect(problem(() => parse({ limit: "-1" }))).toEqual(["limit: must be a whole number"]);
    expect(problem(() => parse({ limit: "0" }))).toEqual(["limit: must be at least 1"]);
    expect(problem(() => parse({ limit: "1001" }))).toEqual(["limit: must be at most 1000"]);
    expect(problem(() => parse({ limit: "ten" }))).toEqual(["limit: must be a whole number"]);
  });

  it("refuses since after until", () => {
    expect(
      problem(() => parse({ since: "2026-05-01T11:00:00Z", until: "2026-05-01T10:00:00Z" })),
    ).toEqual(["since: must not be after until"]);
  });
});

describe("GET /api/topology/diff's query", () => {
  it("needs both moments", () => {
    expect(problem(() => diffQuerySchema(now).parse({ from: "2026-05-01T11:00:00Z" }))).toEqual([
      "to: Invalid input: expected string, received undefined",
    ]);
  });
});
