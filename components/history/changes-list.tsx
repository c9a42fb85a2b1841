"use client";

// Beside the map in changes-since mode: what the marks on the map stand for, and every change
// since the moment in plain words (a line finds its thing on the map, as in the activity feed).
import { useHistoryClock } from "@/lib/client/use-history-clock";
import { formatClock } from "@/lib/graph/format";
import { formatMoment } from "@/lib/graph/history-timeline";
import type { HistoryChange, TopologyDiff } from "@/lib/history/types";
import { diffCounts } from "@/lib/graph/history-changes";
import type { ActivityItem, ActivityTone } from "@/lib/topology/describe-patch";

const TONE_TEXT: Record<ActivityTone, string> = {
  add: "text-emerald-200",
  remove: "text-rose-200",
  change: "text-amber-100",
};

type Props = {
  since: number;
  /** Oldest first; undefined while loading. */
  changes: HistoryChange[] | undefined;
  /** More changes than the list holds: the first ones are shown. */
  truncated: boolean;
  diff: TopologyDiff | null;
  error: string | null;
  onSelect(item: ActivityItem): void;
  onClose(): void;
};

export function ChangesList({ since, changes, truncated, diff, error, onSelect, onClose }: Props) {
  const now = useHistoryClock();
  const counts = diff ? diffCounts(diff) : null;
  return (
    <section
      aria-label="Changes since"
      data-testid="changes-panel"
      className="flex max-h-full w-[320px] flex-col overflow-hidden rounded-lg border border-amber-500/30 bg-slate-900/95 text-sm shadow-xl"
    >
      <header className="flex items-start justify-between gap-2 border-b border-slate-800 px-3 py-2">
        <div className="min-w-0">
          <h2 className="font-semibold text-slate-100">
            Changes since {now === null ? "…" : formatMoment(since, now)}
          </h2>
          {counts && (
            <p data-testid="changes-counts" className="mt-0.5 flex flex-wrap gap-x-2 text-xs">
              <span className="text-emerald-300">{counts.added} added</span>
              <span className="text-slate-400">
                {counts.removed} removed <span className="text-slate-500">(faded, dashed)</span>
              </span>
              <span className="text-amber-300">{counts.changed} changed</span>
            </p>
          )}
        </div>
        <button
          type="button"
          data-testid="changes-close"
          aria-label="Stop marking changes"
          title="Stop marking changes"
          onClick={onClose}
          className="rounded p-1 text-slate-400 hover:bg-slate-800 hover:text-slate-100"
        >
          <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden>
            <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" />
          </svg>
        </button>
      </header>
      {error && (
        <p role="alert" data-testid="changes-error" className="px-3 py-2 text-xs text-rose-300">
          {error}
        </p>
      )}
      <ol data-testid="changes-list" className="min-h-0 flex-1 overflow-y-auto py-1 text-[12px]">
        {changes === undefined && !error && (
          <li className="px-3 py-1 text-slate-500">Reading the changes…</li>
        )}
        {changes?.length === 0 && <li className="px-3 py-1 text-slate-500">Nothing changed.</li>}
        {changes?.flatMap((change) =>
          change.items.map((item) => (
            <li key={`${change.id}:${item.id}`}>
              <button
                type="button"
                data-testid="changes-item"
                data-tone={item.tone}
                disabled={item.target === null}
                onClick={() => onSelect(item)}
                title={change.offline ? "Happened while Netlens was not running" : undefined}
                className="flex w-full items-start gap-2 px-3 py-1 text-left enabled:hover:bg-slate-800/70 focus-visible:bg-slate-800/70 focus-visible:outline-none"
              >
                <time
                  dateTime={change.at}
                  className="shrink-0 font-mono text-[11px] text-slate-500"
                >
                  {change.offline ? "offline" : formatClock(change.at)}
                </time>
                <span className={`min-w-0 break-words ${TONE_TEXT[item.tone]}`}>{item.text}</span>
              </button>
            </li>
          )),
        )}
      </ol>
      {truncated && (
        <p className="border-t border-slate-800 px-3 py-1.5 text-xs text-slate-500">
          More changes than listed: the first ones are shown; the map marks them all.
        </p>
      )}
    </section>
  );
}
