import { describe, expect, it } from "vitest";
import type { HistoryGap } from "../history/types";
import {
  bucketTicks,
  changesUntil,
  changesAfter,
  formatMoment,
  fromLocalInput,
  gapSpans,
  positionOf,
  stepMoment,
  timeAt,
  timelineDomain,
  toLocalInput,
} from "./history-timeline";

const T0 = Date.parse("2026-03-01T12:00:00.000Z");
const MIN = 60_000;
const domain = { from: T0, to: T0 + 100 * MIN };

describe("timelineDomain", () => {
  it("runs from the oldest retained moment to now", () => {
    expect(timelineDomain(T0, T0 + 10 * MIN)).toEqual({ from: T0, to: T0 + 10 * MIN });
  });

  it("is cut to the range chosen, when that is later than the oldest", () => {
    const now = T0 + 10 * 3_600_000;
    expect(timelineDomain(T0, now, "1h")).toEqual({ from: now - 3_600_000, to: now });
    expect(timelineDomain(now - MIN, now, "24h")).toEqual({ from: now - MIN, to: now });
  });

  it("still has a width with nothing recorded, or only this second", () => {
    expect(timelineDomain(null, T0)).toEqual({ from: T0 - MIN, to: T0 });
    expect(timelineDomain(T0, T0)).toEqual({ from: T0 - 1000, to: T0 });
  });
});

describe("positionOf / timeAt", () => {
  it("are each other's inverse, clamped to the range", () => {
    expect(positionOf(T0 + 25 * MIN, domain)).toBe(0.25);
    expect(timeAt(0.25, domain)).toBe(T0 + 25 * MIN);
    expect(positionOf(T0 - MIN, domain)).toBe(0);
    expect(timeAt(1.5, domain)).toBe(domain.to);
  });
});

describe("bucketTicks", () => {
  it("gives one tick per change while they are apart", () => {
    const ticks = bucketTicks([T0 + 10 * MIN, T0 + 50 * MIN, T0 + 90 * MIN], domain, 100);
    expect(ticks.map((t) => t.count)).toEqual([1, 1, 1]);
    expect(ticks.map((t) => t.position)).toEqual([0.1, 0.5, 0.9]);
  });

  it("counts changes that share a slice in one tick, placed at their middle", () => {
    const times = [T0 + 50 * MIN + 1000, T0 + 10 * MIN, T0 + 50 * MIN + 3000, T0 + 50 * MIN + 2000];
    const ticks = bucketTicks(times, domain, 100);
    expect(ticks).toHaveLength(2);
    expect(ticks[1]).toEqual({
      position: positionOf(T0 + 50 * MIN + 2000, domain),
      count: 3,
      first: T0 + 50 * MIN + 1000,
      last: T0 + 50 * MIN + 3000,
    });
  });

  it("bounds the ticks by the slices, however many changes", () => {
    const times = Array.from({ length: 10_000 }, (_, i) => T0 + i * 600);
    const ticks = bucketTicks(times, domain, 50);
    expect(ticks).toHaveLength(50);
    expect(ticks.reduce((sum, t) => sum + t.count, 0)).toBe(10_000);
  });

  it("leaves out changes outside the range; the range's end belongs to the last slice", () => {
    const ticks = bucketTicks([T0 - 1, domain.to, domain.to + 1], domain, 10);
    expect(ticks).toEqual([{ position: 1, count: 1, first: domain.to, last: domain.to }]);
  });
});

describe("gapSpans", () => {
  const iso = (ms: number) => new Date(ms).toISOString();
  const gaps: HistoryGap[] = [
    {
      from: iso(T0 - 10 * MIN),
      until: iso(T0 + 20 * MIN),
      engineId: null,
      reason: "not-running",
      message: null,
    },
    {
      from: iso(T0 + 80 * MIN),
      until: null,
      engineId: "local",
      reason: "engine-down",
      message: "connect ENOENT /var/run/docker.sock",
    },
    {
      from: iso(T0 - 50 * MIN),
      until: iso(T0 - 40 * MIN),
      engineId: null,
      reason: "not-running",
      message: null,
    },
  ];

  it("shades each gap in the range, clipped to it, one still going on until now, with why", () => {
    const spans = gapSpans(gaps, domain, domain.to);
    expect(spans).toHaveLength(2);
    expect(spans[0]).toMatchObject({ left: 0, width: 0.2, reason: "not-running" });
    expect(spans[0]!.title).toMatch(/^Netlens was not running \(/);
    expect(spans[1]).toMatchObject({ left: 0.8, reason: "engine-down" });
    expect(spans[1]!.width).toBeCloseTo(0.2);
    expect(spans[1]!.title).toMatch(
      /^Engine local unreachable \(.* – now\): connect ENOENT \/var\/run\/docker.sock$/,
    );
  });
});

describe("stepMoment", () => {
  const times = [T0 + 10 * MIN, T0 + 20 * MIN, T0 + 30 * MIN];

  it("steps back one change at a time, to just before it", () => {
    expect(stepMoment(times, null, -1, domain)).toBe(T0 + 30 * MIN - 1);
    expect(stepMoment(times, T0 + 30 * MIN - 1, -1, domain)).toBe(T0 + 20 * MIN - 1);
    expect(stepMoment(times, T0 + 25 * MIN, -1, domain)).toBe(T0 + 20 * MIN - 1);
    expect(stepMoment(times, T0 + 10 * MIN - 1, -1, domain)).toBe(domain.from);
  });

  it("steps forward one change at a time, then to live", () => {
    expect(stepMoment(times, domain.from, 1, domain)).toBe(T0 + 10 * MIN - 1);
    expect(stepMoment(times, T0 + 10 * MIN - 1, 1, domain)).toBe(T0 + 20 * MIN - 1);
    expect(stepMoment(times, T0 + 30 * MIN - 1, 1, domain)).toBeNull();
    expect(stepMoment(times, null, 1, domain)).toBeNull();
  });
});

describe("changesAfter", () => {
  it("counts the changes a moment leaves out", () => {
    const times = [1, 2, 2, 5];
    expect(changesAfter(times, 0)).toBe(4);
    expect(changesAfter(times, 2)).toBe(1);
    expect(changesAfter(times, 5)).toBe(0);
  });
});

describe("formatMoment", () => {
  const now = new Date(2026, 2, 1, 18, 0, 0).getTime();

  it("is the clock today, with the day otherwise, and the year in another year", () => {
    expect(formatMoment(new Date(2026, 2, 1, 14, 2, 3).getTime(), now)).toBe("14:02:03");
    expect(formatMoment(new Date(2026, 1, 27, 9, 5, 0).getTime(), now)).toBe("27 Feb 09:05:00");
    expect(formatMoment(new Date(2025, 11, 31, 23, 59, 59).getTime(), now)).toBe(
      "31 Dec 2025 23:59:59",
    );
  });
});

describe("toLocalInput / fromLocalInput", () => {
  it("round-trip a moment to the second, in local time", () => {
    const time = new Date(2026, 2, 1, 14, 2, 3).getTime();
    expect(toLocalInput(time)).toBe("2026-03-01T14:02:03");
    expect(fromLocalInput("2026-03-01T14:02:03")).toBe(time);
    expect(fromLocalInput("2026-03-01T14:02")).toBe(time - 3000);
  });

  it("reads nothing from an empty or impossible value", () => {
    for (const text of ["", "yesterday", "2026-02-30T10:00", "2026-03-01 14:02"]) {
      expect(fromLocalInput(text)).toBeNull();
    }
  });
});

describe("changesUntil", () => {
  const at = (min: number) => new Date(T0 + min * MIN).toISOString();

  it("compares up to the moment shown, when it is not before since", () => {
    expect(changesUntil(at(1), at(5), at(9))).toBe(at(5));
    expect(changesUntil(at(5), at(5), at(9))).toBe(at(5));
    expect(changesUntil(at(6), at(5), at(9))).toBeNull();
  });

  it("live, up to the live topology's time, or since itself when nothing came after it", () => {
    expect(changesUntil(at(1), null, at(9))).toBe(at(9));
    expect(changesUntil(at(9), null, at(2))).toBe(at(9));
    expect(changesUntil(at(1), null, null)).toBeNull();
    expect(changesUntil(null, null, at(9))).toBeNull();
  });
});
