"use client";

// The header's Reach, Exposure and Advice buttons (every role may use them: nothing changes).
import { adviceCounts, type AdviceSeverity } from "@/lib/topology/advice";
import { SEVERITY_STYLES } from "./advice-list";
import type { MapInsight } from "./use-map-insight";

const BUTTON =
  "inline-flex items-center gap-1.5 rounded-md px-2.5 py-1 text-sm font-medium ring-1 outline-none focus-visible:ring-2 focus-visible:ring-sky-400 disabled:cursor-not-allowed disabled:opacity-50";
const OFF = "bg-slate-800 text-slate-200 ring-slate-700 hover:bg-slate-700";

const SEVERITIES: AdviceSeverity[] = ["critical", "warning", "info"];

export function InsightButtons({ insight, disabled }: { insight: MapInsight; disabled: boolean }) {
  const counts = adviceCounts(insight.advice.items);
  return (
    <div className="flex items-center gap-2">
      <button
        type="button"
        data-testid="reach-open"
        aria-pressed={insight.reach.open}
        disabled={disabled}
        title="Can A reach B? Pick two parties and see the route, or where it breaks"
        onClick={() => (insight.reach.open ? insight.reach.close() : insight.reach.start())}
        className={`${BUTTON} ${insight.reach.open ? "bg-sky-500/20 text-sky-100 ring-sky-400/60" : OFF}`}
      >
        <svg aria-hidden width="14" height="14" viewBox="0 0 14 14">
          <circle cx="2.5" cy="7" r="2" fill="currentColor" />
          <circle cx="11.5" cy="7" r="2" fill="currentColor" />
          <path d="M4.5 7h5" stroke="currentColor" strokeWidth="1.4" strokeDasharray="1.6 1.4" />
        </svg>
        Reach
      </button>
      <button
        type="button"
        data-testid="exposure-toggle"
        aria-pressed={insight.exposure.on}
        disabled={disabled}
        title="Highlight what a client beyond the host can reach"
        onClick={insight.exposure.toggle}
        className={`${BUTTON} ${insight.exposure.on ? "bg-amber-500/20 text-amber-100 ring-amber-400/60" : OFF}`}
      >
        Exposure
      </button>
      <button
        type="button"
        data-testid="advice-toggle"
        aria-pressed={insight.advice.open}
        disabled={disabled}
        title="Findings about this setup, worst first"
        onClick={insight.advice.toggle}
        className={`${BUTTON} ${insight.advice.open ? "bg-slate-600 text-white ring-slate-500" : OFF}`}
        data-critical={counts.critical}
        data-warning={counts.warning}
        data-info={counts.info}
      >
        Advice
        {SEVERITIES.filter((s) => counts[s] > 0).map((s) => (
          <span
            key={s}
            title={`${counts[s]} ${s}`}
            className="inline-flex items-center gap-1 text-xs text-slate-300"
          >
            <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${SEVERITY_STYLES[s].dot}`} />
            {counts[s]}
            <span className="sr-only">{s}</span>
          </span>
        ))}
      </button>
    </div>
  );
}
