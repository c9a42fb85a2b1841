"use client";

// "Changes since…": pick a moment (the one shown on the timeline is offered); the map then marks
// what was added, removed and changed after it, with the list beside it.
import { useEffect, useId, useRef, useState } from "react";
import { useHistoryClock } from "@/lib/client/use-history-clock";
import { formatMoment, fromLocalInput, toLocalInput } from "@/lib/graph/history-timeline";

const BUTTON =
  "rounded px-2 py-0.5 text-xs font-medium ring-1 outline-none focus-visible:ring-2 focus-visible:ring-sky-400";

type Props = {
  since: number | null;
  /** What the picker opens at: the moment shown, else a quarter of an hour ago. */
  suggestion: number;
  /** The moments there are to compare with: the timeline's range. */
  min: number;
  max: number;
  onChange(since: number | null): void;
};

export function ChangesSinceControl({ since, suggestion, min, max, onChange }: Props) {
  const now = useHistoryClock();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const inputId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: globalThis.PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  const apply = () => {
    const moment = fromLocalInput(text);
    if (moment === null) {
      setProblem("Enter a date and time, e.g. 14:02:03 today.");
      return;
    }
    if (moment >= max) {
      setProblem(`Choose a moment before ${formatMoment(max, Date.now())}.`);
      return;
    }
    if (moment < min) {
      setProblem(`History goes back to ${formatMoment(min, Date.now())} only.`);
      return;
    }
    onChange(moment);
    setOpen(false);
  };

  if (since !== null) {
    return (
      <button
        type="button"
        data-testid="changes-since-clear"
        onClick={() => onChange(null)}
        title="Stop marking changes"
        className={`${BUTTON} bg-amber-500/15 text-amber-200 ring-amber-500/40 hover:bg-amber-500/25`}
      >
        Changes since {now === null ? "…" : formatMoment(since, now)} ✕
      </button>
    );
  }

  return (
    <div ref={rootRef} className="relative">
      <button
        type="button"
        data-testid="changes-since-open"
        aria-expanded={open}
        onClick={() => {
          setText(toLocalInput(suggestion));
          setProblem(null);
          setOpen((o) => !o);
        }}
        title="Mark on the map what was added, removed and changed since a moment"
        className={`${BUTTON} bg-slate-800 text-slate-200 ring-slate-700 hover:bg-slate-700`}
      >
        Changes since…
      </button>
      {open && (
        <form
          data-testid="changes-since-form"
          onSubmit={(event) => {
            event.preventDefault();
            apply();
          }}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.stopPropagation();
              setOpen(false);
            }
          }}
          className="absolute right-0 bottom-full z-30 mb-1 w-72 space-y-2 rounded-md border border-slate-700 bg-slate-900 p-3 text-slate-200 shadow-lg"
        >
          <label htmlFor={inputId} className="block text-xs text-slate-400">
            Mark what changed since
          </label>
          <input
            id={inputId}
            type="datetime-local"
            step={1}
            data-testid="changes-since-input"
            value={text}
            onChange={(event) => setText(event.target.value)}
            // The picker was opened to set this: typing into it is the next thing to do.
            autoFocus
            className="w-full rounded bg-slate-800 px-2 py-1 text-sm ring-1 ring-slate-700 outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
          />
          {problem && (
            <p role="alert" data-testid="changes-since-problem" className="text-xs text-rose-300">
              {problem}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button
              type="button"
              onClick={() => setOpen(false)}
              className={`${BUTTON} bg-slate-800 text-slate-300 ring-slate-700 hover:bg-slate-700`}
            >
              Cancel
            </button>
            <button
              type="submit"
              data-testid="changes-since-apply"
              className={`${BUTTON} bg-amber-600 text-white ring-amber-500/50 hover:bg-amber-500`}
            >
              Show changes
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
