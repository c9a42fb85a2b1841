"use client";

import { useState } from "react";
import { formatClock } from "@/lib/graph/format";
import type { ActivityItem, ActivityTone } from "@/lib/topology/describe-patch";

type Props = {
  items: ActivityItem[];
  /** Called for a line with a target; the dashboard decides what that still points at. */
  onSelect(item: ActivityItem): void;
};

const TONE: Record<ActivityTone, { bar: string; text: string; label: string }> = {
  add: { bar: "bg-emerald-400", text: "text-emerald-200", label: "added" },
  remove: { bar: "bg-rose-400", text: "text-rose-200", label: "removed" },
  change: { bar: "bg-amber-400", text: "text-amber-100", label: "changed" },
};

/** What changed on the engine, newest first, each line a way to the thing it is about. */
export function ActivityFeed({ items, onSelect }: Props) {
  const [open, setOpen] = useState(true);

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
          {items.length === 0 ? (
            <p className="px-3 pb-2 text-xs text-slate-500">
              No changes yet — the map updates live as Docker changes.
            </p>
          ) : (
            <ol className="text-[12px]">
              {items.map((item) => (
                <ActivityLine key={item.id} item={item} onSelect={onSelect} />
              ))}
            </ol>
          )}
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
