"use client";

import { useState } from "react";
import type { EarlierActivity } from "@/lib/client/use-history";
import { formatClock } from "@/lib/graph/format";
import type { ActivityItem, ActivityTone } from "@/lib/topology/describe-patch";

type Props = {
  items: ActivityItem[];
  /** Called for a line with a target; the dashboard decides what that still points at. */
  onSelect(item: ActivityItem): void;
  /** What history recorded before the live feed began, a page at a time. */
  earlier?: EarlierActivity;
};

const TONE: Record<ActivityTone, { bar: string; text: string; label: string }> = {
  add: { bar: "bg-emerald-400", text: "text-emerald-200", label: "added" },
  remove: { bar: "bg-rose-400", text: "text-rose-200", label: "removed" },
  change: { bar: "bg-amber-400", text: "text-amber-100", label: "changed" },
};

/** What changed on the engine, newest first, each line a way to the thing it is about. */
export function ActivityFeed({ items, onSelect, earlier }: Props) {
  const [open, setOpen] = useState(true);
  const older = earlier?.items ?? [];

  return (
    <section
      data-testid="activity-feed"
      aria-label="Recent changes"
      className="flex min-h-0 flex-col border-t border-slate-800 bg-slate-900/60"
    >
      <h2>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="activity-feed-list"
          onClick={() => setOpen((value) => !value)}
          className="flex w-full items-center gap-2 px-3 py-2 text-left text-[11px] font-semibold tracking-wider text-slate-400 uppercase hover:text-slate-200"
        >
          <svg
            aria-hidden
            width="10"
            height="10"
            viewBox="0 0 10 10"
            className={`shrink-0 transition-transform ${open ? "rotate-90" : ""}`}
          >
            <path d="M3 1.5 7 5 3 8.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
          </svg>
          Activity
          {items.length > 0 && <span className="text-slate-600">({items.length})</span>}
        </button>
      </h2>
      {open && (
        <div id="activity-feed-list" className="max-h-[32vh] min-h-0 overflow-y-auto pb-2">
          {items.length === 0 && older.length === 0 ? (
            <p className="px-3 pb-2 text-xs text-slate-500">
              No changes yet — the map updates live as Docker changes.
            </p>
          ) : (
            <ol className="text-[12px]">
              {[...items, ...older].map((item) => (
                <ActivityLine key={item.id} item={item} onSelect={onSelect} />
              ))}
            </ol>
          )}
          {earlier && <LoadEarlier earlier={earlier} />}
        </div>
      )}
    </section>
  );
}

function ActivityLine({
  item,
  onSelect,
}: {
  item: ActivityItem;
  onSelect(item: ActivityItem): void;
}) {
  const tone = TONE[item.tone];
  const body = (
    <>
      <span aria-hidden className={`mt-1 h-2.5 w-0.5 shrink-0 rounded-full ${tone.bar}`} />
      <time dateTime={item.time} className="shrink-0 font-mono text-[11px] text-slate-500">
        {formatClock(item.time)}
      </time>
      <span className={`min-w-0 break-words ${tone.text}`}>{item.text}</span>
    </>
  );
  const common = {
    "data-testid": "activity-item",
    "data-tone": item.tone,
    className: "flex w-full items-start gap-2 px-3 py-1 text-left",
  };
  return (
    <li className="nl-feed-in">
      {item.target ? (
        <button
          type="button"
          {...common}
          className={`${common.className} hover:bg-slate-800/70 focus-visible:bg-slate-800/70 focus-visible:outline-none`}
          title={`Show on the map (${tone.label})`}
          onClick={() => onSelect(item)}
        >
          {body}
        </button>
      ) : (
        <div {...common}>{body}</div>
      )}
    </li>
  );
}

/** "Load earlier": the feed reaches back into what history recorded. */
function LoadEarlier({ earlier }: { earlier: EarlierActivity }) {
  if (earlier.exhausted) {
    return (
      <p data-testid="activity-earliest" className="px-3 pt-1 text-[11px] text-slate-600">
        {earlier.items.length > 0 ? "Nothing earlier is recorded." : "No earlier changes recorded."}
      </p>
    );
  }
  return (
    <div className="px-3 pt-1">
      <button
        type="button"
        data-testid="activity-load-earlier"
        disabled={earlier.loading}
        onClick={earlier.loadEarlier}
        title="Read earlier changes from the recorded history"
        className="rounded px-1.5 py-0.5 text-[11px] font-medium text-sky-300 hover:bg-slate-800 hover:text-sky-200 focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none disabled:text-slate-500"
      >
        {earlier.loading ? "Loading earlier changes…" : "Load earlier"}
      </button>
      {earlier.error && (
        <p role="alert" data-testid="activity-earlier-error" className="text-[11px] text-rose-300">
          {earlier.error}
        </p>
      )}
    </div>
  );
}
