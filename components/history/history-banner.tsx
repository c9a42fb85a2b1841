"use client";

// Above the map while it shows the past or an imported file: what it shows, the way back, and
// why nothing can be changed meanwhile.
import { useHistoryClock } from "@/lib/client/use-history-clock";
import { formatMoment } from "@/lib/graph/history-timeline";

const LINK =
  "rounded px-1.5 py-0.5 font-medium underline decoration-sky-400/60 underline-offset-2 outline-none hover:bg-sky-500/20 hover:text-slate-50 focus-visible:ring-2 focus-visible:ring-sky-400";

type Props = {
  /** The moment shown (epoch ms); null: live, or an imported file's end. */
  time: number | null;
  imported: { name: string; until: number } | null;
  loading: boolean;
  /** The API's words when the moment could not be read (e.g. before the retained history). */
  error: string | null;
  onBackToLive(): void;
  onCloseImported(): void;
  /** Changes-since the moment shown, on the live map; absent while already marking. */
  onChangesSinceThen?(): void;
};

export function HistoryBanner({
  time,
  imported,
  loading,
  error,
  onBackToLive,
  onCloseImported,
  onChangesSinceThen,
}: Props) {
  const now = useHistoryClock();
  if (time === null && imported === null) return null;
  const moment = time ?? imported?.until ?? 0;
  // Worded in the browser only: the server's clock and time zone are not the reader's.
  const when = now === null ? "…" : formatMoment(moment, now);
  return (
    <div
      role="status"
      data-testid="history-banner"
      data-moment={new Date(moment).toISOString()}
      className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-sky-900/70 bg-sky-950/70 px-4 py-1.5 text-sm text-sky-100"
    >
      <svg aria-hidden width="16" height="16" viewBox="0 0 16 16" className="shrink-0 text-sky-300">
        <circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" strokeWidth="1.4" />
        <path d="M8 4.5V8l2.5 1.6" fill="none" stroke="currentColor" strokeWidth="1.4" />
      </svg>
      {imported ? (
        <span>
          Viewing imported file <span className="font-medium text-slate-50">{imported.name}</span>
          {" at "}
          <time className="font-mono" dateTime={new Date(moment).toISOString()}>
            {when}
          </time>{" "}
          —{" "}
          <button
            type="button"
            data-testid="history-close-import"
            onClick={onCloseImported}
            className={LINK}
          >
            close
          </button>
        </span>
      ) : (
        <span>
          Viewing{" "}
          <time
            className="font-mono font-medium text-slate-50"
            dateTime={new Date(moment).toISOString()}
          >
            {when}
          </time>{" "}
          —{" "}
          <button
            type="button"
            data-testid="history-back-to-live"
            onClick={onBackToLive}
            className={LINK}
          >
            back to live
          </button>
        </span>
      )}
      {loading && (
        <span
          data-testid="history-loading"
          className="flex items-center gap-1.5 text-xs text-sky-300"
        >
          <span className="h-3 w-3 animate-spin rounded-full border-2 border-sky-800 border-t-sky-300" />
          reading that moment…
        </span>
      )}
      {onChangesSinceThen && !imported && (
        <button
          type="button"
          data-testid="history-changes-since-then"
          onClick={onChangesSinceThen}
          title="Back to the live map, marking what changed after this moment"
          className={LINK}
        >
          what changed since then?
        </button>
      )}
      <span className="text-xs text-sky-300/80">
        Read-only: {imported ? "a file shows what it recorded" : "changes are made on the live map"}
        .
      </span>
      {error && (
        <p role="alert" data-testid="history-error" className="basis-full text-xs text-rose-300">
          {error}
        </p>
      )}
    </div>
  );
}
