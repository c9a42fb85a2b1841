// The history timeline's arithmetic: its time range, ticks bucketed by density, gaps as shaded
// spans, stepping from change to change, and moments in words. Pure: times are epoch ms.
import type { HistoryChange, HistoryExport, HistoryGap } from "../history/types";
import { formatClock } from "./format";

export type TimeDomain = { from: number; to: number };

/** What the timeline keeps of a change: a tick, and its words on hover. */
export type TimelineChange = { id: number; at: number; summary: string };

export type TimelineData = {
  /** Oldest first. */
  changes: TimelineChange[];
  gaps: HistoryGap[];
  /** How far back history goes (epoch ms); null while nothing is recorded. */
  oldest: number | null;
  /** The range held more changes than were read: only the latest are here. */
  truncated: boolean;
};

export function timelineChange(change: HistoryChange): TimelineChange {
  return { id: change.id, at: Date.parse(change.at), summary: change.summary };
}

/** An exported file's timeline: its window, its changes and gaps. */
export function fileTimeline(file: HistoryExport): TimelineData {
  return {
    changes: file.changes.map(timelineChange),
    gaps: file.gaps,
    oldest: Date.parse(file.from),
    truncated: false,
  };
}

/** One tick: the changes in a slice of the range, `position` 0..1 along it. */
export type TimelineTick = {
  position: number;
  count: number;
  /** The first and last change in it (epoch ms). */
  first: number;
  last: number;
};

export type GapSpan = {
  left: number;
  width: number;
  reason: HistoryGap["reason"];
  title: string;
};

/** How far back the timeline reaches; `all` is every retained moment. */
export const TIMELINE_RANGES = [
  { id: "15m", label: "15 min", ms: 15 * 60_000 },
  { id: "1h", label: "1 hour", ms: 3_600_000 },
  { id: "6h", label: "6 hours", ms: 6 * 3_600_000 },
  { id: "24h", label: "24 hours", ms: 24 * 3_600_000 },
  { id: "all", label: "all", ms: Infinity },
] as const;
export type TimelineRange = (typeof TIMELINE_RANGES)[number]["id"];

/** With nothing recorded yet, the range still has a width to draw. */
const EMPTY_SPAN_MS = 60_000;

/** From the oldest retained moment (or `range` back, if later) to `now`. */
export function timelineDomain(
  oldest: number | null,
  now: number,
  range: TimelineRange = "all",
): TimeDomain {
  const back = TIMELINE_RANGES.find((r) => r.id === range)?.ms ?? Infinity;
  const start = Math.max(oldest ?? now - EMPTY_SPAN_MS, now - back);
  return { from: Math.min(start, now - 1000), to: now };
}

const span = (d: TimeDomain) => Math.max(1, d.to - d.from);

export function positionOf(time: number, domain: TimeDomain): number {
  return Math.min(1, Math.max(0, (time - domain.from) / span(domain)));
}

export function timeAt(position: number, domain: TimeDomain): number {
  return Math.round(domain.from + Math.min(1, Math.max(0, position)) * span(domain));
}

/**
 * One tick per change while they are far enough apart; closer than a slice (1/`slices` of the
 * range), they share a tick that counts them. `times` need not be sorted; those outside are left out.
 */
export function bucketTicks(
  times: readonly number[],
  domain: TimeDomain,
  slices: number,
): TimelineTick[] {
  const n = Math.max(1, Math.floor(slices));
  const buckets = new Map<number, TimelineTick>();
  for (const time of times) {
    if (time < domain.from || time > domain.to) continue;
    const index = Math.min(n - 1, Math.floor(positionOf(time, domain) * n));
    const tick = buckets.get(index);
    if (tick) {
      tick.count++;
      tick.first = Math.min(tick.first, time);
      tick.last = Math.max(tick.last, time);
    } else {
      buckets.set(index, { position: 0, count: 1, first: time, last: time });
    }
  }
  return [...buckets.values()]
    .map((tick) => ({ ...tick, position: positionOf((tick.first + tick.last) / 2, domain) }))
    .sort((a, b) => a.position - b.position);
}

/** A gap in words: why history has nothing for it. */
export function gapTitle(gap: HistoryGap, now: number): string {
  const end = gap.until === null ? "now" : formatMoment(Date.parse(gap.until), now);
  const when = `${formatMoment(Date.parse(gap.from), now)} – ${end}`;
  if (gap.reason === "not-running") return `Netlens was not running (${when})`;
  const engine = gap.engineId ? `Engine ${gap.engineId}` : "The engine";
  return `${engine} unreachable (${when})${gap.message ? `: ${gap.message}` : ""}`;
}

/** The gaps overlapping the range, clipped to it; one still going on lasts until `now`. */
export function gapSpans(gaps: readonly HistoryGap[], domain: TimeDomain, now: number): GapSpan[] {
  const spans: GapSpan[] = [];
  for (const gap of gaps) {
    const from = Date.parse(gap.from);
    const until = gap.until === null ? now : Date.parse(gap.until);
    if (!Number.isFinite(from) || !Number.isFinite(until)) continue;
    if (until < domain.from || from > domain.to) continue;
    const left = positionOf(from, domain);
    spans.push({
      left,
      width: positionOf(until, domain) - left,
      reason: gap.reason,
      title: gapTitle(gap, now),
    });
  }
  return spans;
}

/**
 * The next moment a step (an arrow key) goes to: left, the moment just before the latest change
 * still shown (so each step takes one change away); right, the moment just before the next change
 * after the one after, and past the last change, live (null). `current` null is live; `times` sorted.
 */
export function stepMoment(
  times: readonly number[],
  current: number | null,
  direction: -1 | 1,
  domain: TimeDomain,
): number | null {
  if (direction === -1) {
    const shown = current ?? Infinity;
    const latest = times.findLast((t) => t <= shown && t - 1 >= domain.from);
    return latest === undefined ? domain.from : latest - 1;
  }
  if (current === null) return null;
  const next = times.find((t) => t - 1 > current);
  return next === undefined ? null : next - 1;
}

/** How many of `times` (sorted) happened after `moment`: what the past view leaves out. */
export function changesAfter(times: readonly number[], moment: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((times[mid] ?? 0) <= moment) low = mid + 1;
    else high = mid;
  }
  return times.length - low;
}

/**
 * Until when changes-since compares: the moment shown, or live, the live topology's time — and
 * `since` itself when nothing arrived after it (nothing changed). Null when a past moment shown
 * is before `since`: there is nothing "since" to show.
 */
export function changesUntil(
  since: string | null,
  shown: string | null,
  liveAsOf: string | null,
): string | null {
  if (since === null) return null;
  if (shown !== null) return Date.parse(shown) >= Date.parse(since) ? shown : null;
  if (liveAsOf === null) return null;
  return Date.parse(liveAsOf) > Date.parse(since) ? liveAsOf : since;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "14:02:03" today, "3 Mar 14:02:03" another day, "3 Mar 2025 14:02:03" another year (local). */
export function formatMoment(time: number, now: number): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return "an unreadable time";
  const clock = formatClock(date.toISOString());
  const today = new Date(now);
  if (date.toDateString() === today.toDateString()) return clock;
  const day = `${date.getDate()} ${MONTHS[date.getMonth()]}`;
  return date.getFullYear() === today.getFullYear()
    ? `${day} ${clock}`
    : `${day} ${date.getFullYear()} ${clock}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A moment as `<input type="datetime-local" step="1">` shows it: local, to the second. */
export function toLocalInput(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** What a datetime-local input holds, as epoch ms; null when empty or unreadable. */
export function fromLocalInput(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((p) => Number(p ?? 0));
  const date = new Date(year!, month! - 1, day!, hour!, minute!, second!);
  return date.getMonth() === month! - 1 && date.getDate() === day! ? date.getTime() : null;
}
