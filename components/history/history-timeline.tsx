"use client";

// The timeline under the map: a tick per change (bucketed when they crowd), gaps shaded, and a
// slider over it — drag, click or use the arrow keys to show the map as it was.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import {
  TIMELINE_RANGES,
  bucketTicks,
  formatMoment,
  gapSpans,
  positionOf,
  stepMoment,
  timeAt,
  timelineDomain,
  type TimeDomain,
  type TimelineData,
  type TimelineRange,
  type TimelineTick,
} from "@/lib/graph/history-timeline";
import { useHistoryClock } from "@/lib/client/use-history-clock";
import { ChangesSinceControl } from "./changes-since-control";

/** One tick slice per this many pixels of track: closer changes share a tick. */
const PX_PER_SLICE = 4;
/** Dropped this close to the end (pixels), the slider means live. */
const LIVE_SNAP_PX = 3;
const PAGE_STEP = 0.1;

type Props = {
  data: TimelineData | undefined;
  /** An imported file's window instead of "the oldest retained moment to now". */
  fixedDomain: TimeDomain | null;
  /** The moment shown (epoch ms); null for live (a file: its end). */
  value: number | null;
  onChange(value: number | null): void;
  since: number | null;
  onSinceChange(since: number | null): void;
  /** Why the timeline has nothing to show (the API's words). */
  error: string | null;
};

function tickTitle(tick: TimelineTick, data: TimelineData, now: number): string {
  if (tick.count === 1) {
    const change = data.changes.find((c) => c.at === tick.first);
    return `${formatMoment(tick.first, now)} · ${change?.summary ?? "a change"}`;
  }
  return `${tick.count} changes, ${formatMoment(tick.first, now)} – ${formatMoment(tick.last, now)}`;
}

/** The moment under a pointer on the track. */
function pointerTime(event: PointerEvent<HTMLElement>, domain: TimeDomain): number | null {
  const box = event.currentTarget.getBoundingClientRect();
  if (event.clientX >= box.right - LIVE_SNAP_PX) return null;
  return timeAt((event.clientX - box.left) / Math.max(1, box.width), domain);
}

/** A moment inside `domain`; its end (or beyond) is live, null. */
function clampTo(domain: TimeDomain, next: number | null): number | null {
  return next === null || next >= domain.to ? null : Math.max(domain.from, next);
}

/** Where the thumb is while dragged, on the range as it was when the drag began. */
type Drag = { value: number | null; domain: TimeDomain };

export function HistoryTimeline(props: Props) {
  const now = useHistoryClock();
  // The range's end is the browser's now: drawn once the page runs in the browser.
  if (now === null) {
    return (
      <section
        data-testid="timeline"
        aria-label="History"
        className="h-[41px] border-t border-slate-800 bg-slate-900/60"
      />
    );
  }
  return <Timeline {...props} now={now} />;
}

function Timeline({
  data,
  fixedDomain,
  value,
  onChange,
  since,
  onSinceChange,
  error,
  now,
}: Props & { now: number }) {
  const [drag, setDrag] = useState<Drag | null>(null);
  const [range, setRange] = useState<TimelineRange>("all");
  const [width, setWidth] = useState(800);
  const trackRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const track = trackRef.current;
    if (!track) return;
    const observer = new ResizeObserver((entries) => {
      const box = entries.at(-1)?.contentRect;
      if (box) setWidth(box.width);
    });
    observer.observe(track);
    return () => observer.disconnect();
  }, []);

  // The range stands still while dragged: its end moving on would move the moment under the pointer.
  const domain = drag?.domain ?? fixedDomain ?? timelineDomain(data?.oldest ?? null, now, range);
  const times = useMemo(() => data?.changes.map((c) => c.at) ?? [], [data]);
  const ticks = useMemo(
    () => bucketTicks(times, domain, width / PX_PER_SLICE),
    // The domain's ends are numbers: a new object for the same range is no reason to re-bucket.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [times, domain.from, domain.to, width],
  );
  const maxCount = Math.max(1, ...ticks.map((t) => t.count));
  const gaps = data ? gapSpans(data.gaps, domain, now) : [];
  // While dragged, the thumb follows the pointer; the map follows when it is let go.
  const current = drag ? drag.value : value;
  const shown = current ?? domain.to;
  const live = current === null;
  const endLabel = fixedDomain ? "end of file" : "live";

  const move = (next: number | null) => onChange(clampTo(domain, next));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const span = domain.to - domain.from;
    switch (event.key) {
      case "ArrowLeft":
      case "ArrowDown":
        move(stepMoment(times, value, -1, domain));
        break;
      case "ArrowRight":
      case "ArrowUp":
        move(stepMoment(times, value, 1, domain));
        break;
      case "PageDown":
        move(shown - span * PAGE_STEP);
        break;
      case "PageUp":
        move(live ? null : shown + span * PAGE_STEP);
        break;
      case "Home":
        move(domain.from);
        break;
      case "End":
        move(null);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    // Up to the very moment the drag begins (the clock shown moves on only every few seconds).
    const fresh = fixedDomain ?? timelineDomain(data?.oldest ?? null, Date.now(), range);
    setDrag({ value: clampTo(fresh, pointerTime(event, fresh)), domain: fresh });
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag) setDrag({ value: clampTo(domain, pointerTime(event, domain)), domain });
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    const at = clampTo(domain, pointerTime(event, domain));
    setDrag(null);
    onChange(at);
  };

  return (
    <section
      data-testid="timeline"
      aria-label="History"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-slate-800 bg-slate-900/60 px-3 py-1.5 text-xs text-slate-400"
    >
      <span className="font-semibold tracking-wider text-slate-500 uppercase">History</span>
      {!fixedDomain && (
        <label className="flex items-center gap-1">
          <span className="sr-only">Range</span>
          <select
            data-testid="timeline-range"
            value={range}
            onChange={(event) => setRange(event.target.value as TimelineRange)}
            title="How far back the timeline reaches"
            className="rounded bg-slate-800 px-1 py-0.5 text-xs text-slate-200 ring-1 ring-slate-700 outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
          >
            {TIMELINE_RANGES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id === "all" ? "all retained" : `last ${r.label}`}
              </option>
            ))}
          </select>
        </label>
      )}
      <div
        ref={trackRef}
        role="slider"
        tabIndex={0}
        data-testid="timeline-slider"
        aria-label="Moment shown on the map"
        aria-valuemin={domain.from}
        aria-valuemax={domain.to}
        aria-valuenow={shown}
        aria-valuetext={live ? endLabel : formatMoment(shown, now)}
        aria-keyshortcuts="ArrowLeft ArrowRight PageUp PageDown Home End"
        title="Drag or click to see the map as it was; ← → step one change, End goes back to live"
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDrag(null)}
        className="relative h-7 min-w-[200px] flex-1 cursor-pointer touch-none rounded bg-slate-800/60 ring-1 ring-slate-700 outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
      >
        {gaps.map((gap) => (
          <div
            key={`${gap.reason}:${gap.left}`}
            data-testid="timeline-gap"
            data-reason={gap.reason}
            title={gap.title}
            className="absolute inset-y-0 bg-[repeating-linear-gradient(135deg,rgb(244_63_94/0.28)_0_4px,transparent_4px_8px)]"
            style={{ left: `${gap.left * 100}%`, width: `max(${gap.width * 100}%, 2px)` }}
          />
        ))}
        {ticks.map((tick) => (
          <div
            key={tick.first}
            data-testid="timeline-tick"
            data-count={tick.count}
            title={data ? tickTitle(tick, data, now) : undefined}
            className="absolute bottom-0 w-[2px] -translate-x-1/2 rounded-t-sm bg-sky-400/80"
            style={{
              left: `${tick.position * 100}%`,
              // Height grows with the count, slowly: one change is visible, hundreds do not clip.
              height: `${30 + 70 * (Math.log1p(tick.count) / Math.log1p(maxCount))}%`,
            }}
          />
        ))}
        {since !== null && since >= domain.from && (
          <div
            aria-hidden
            data-testid="timeline-since"
            className="absolute inset-y-0 border-l-2 border-dashed border-amber-400"
            style={{ left: `${positionOf(since, domain) * 100}%` }}
          />
        )}
        <div
          aria-hidden
          className={`absolute -inset-y-0.5 w-[3px] -translate-x-1/2 rounded ${live ? "bg-emerald-400" : "bg-sky-300 shadow-[0_0_0_3px_rgb(56_189_248/0.35)]"}`}
          style={{ left: `${positionOf(shown, domain) * 100}%` }}
        />
      </div>
      <span
        data-testid="timeline-moment"
        className={`min-w-[5.5rem] font-mono ${live ? "text-emerald-300" : "text-sky-200"}`}
      >
        {live ? endLabel : formatMoment(shown, now)}
      </span>
      <ChangesSinceControl
        since={since}
        suggestion={value ?? Math.max(domain.from, domain.to - 15 * 60_000)}
        min={domain.from}
        max={shown}
        onChange={onSinceChange}
      />
      {(error || data?.truncated) && (
        <p
          data-testid="timeline-note"
          role={error ? "alert" : undefined}
          className={`basis-full ${error ? "text-rose-300" : "text-slate-500"}`}
        >
          {error ?? "More changes than the timeline holds: it shows the latest. Narrow the range."}
        </p>
      )}
    </section>
  );
}
