"use client";

// The seed's "which setup fits which situation" as findings on the live map, worst first.
import type { Advice, AdviceSeverity } from "@/lib/topology/advice";
import { CommandText, CopyButton } from "../copy-command";

export const SEVERITY_STYLES: Record<AdviceSeverity, { dot: string; text: string; ring: string }> =
  {
    critical: { dot: "bg-rose-500", text: "text-rose-300", ring: "ring-rose-800/60" },
    warning: { dot: "bg-amber-400", text: "text-amber-300", ring: "ring-amber-700/50" },
    info: { dot: "bg-slate-400", text: "text-slate-300", ring: "ring-slate-700" },
  };

export function AdviceList({
  items,
  onFocus,
  onClose,
}: {
  items: Advice[];
  onFocus(subject: Advice["subject"]): void;
  onClose(): void;
}) {
  return (
    <aside
      data-testid="advice-list"
      aria-label="Advice"
      className="flex max-h-full w-[380px] max-w-[calc(100vw-2rem)] flex-col overflow-hidden rounded-lg border border-slate-700/80 bg-slate-900/95 shadow-2xl backdrop-blur"
    >
      <div className="flex items-start justify-between gap-2 border-b border-slate-800 px-4 py-2.5">
        <div>
          <h2 className="text-sm font-semibold text-slate-50">Advice</h2>
          <p className="text-xs text-slate-400">
            Checked on every change. Click one to find it on the map.
          </p>
        </div>
        <button
          type="button"
          data-testid="advice-close"
          onClick={onClose}
          aria-label="Close advice"
          className="rounded p-1 text-slate-400 hover:bg-slate-800 hover:text-slate-100"
        >
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden>
            <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" />
          </svg>
        </button>
      </div>
      {items.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-400">Nothing to say: the setup looks sound.</p>
      ) : (
        <ul className="min-h-0 flex-1 divide-y divide-slate-800 overflow-y-auto">
          {items.map((item) => {
            const style = SEVERITY_STYLES[item.severity];
            return (
              <li
                key={`${item.code}:${item.subject.id}`}
                data-testid="advice-item"
                data-code={item.code}
                data-severity={item.severity}
                data-subject={item.subject.name}
                className="px-4 py-2.5"
              >
                <button
                  type="button"
                  data-testid="advice-focus"
                  onClick={() => onFocus(item.subject)}
                  className="block w-full rounded text-left outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
                >
                  <span className="flex items-center gap-2">
                    <span aria-hidden className={`h-2 w-2 shrink-0 rounded-full ${style.dot}`} />
                    <span className={`text-[11px] font-semibold uppercase ${style.text}`}>
                      {item.severity}
                    </span>
                    <span className="truncate text-sm font-semibold text-slate-100 underline decoration-slate-600 underline-offset-2">
                      {item.subject.name}
                    </span>
                    <span className="ml-auto shrink-0 font-mono text-[10.5px] text-slate-500">
                      {item.code}
                    </span>
                  </span>
                  <span className="mt-1 block text-[13px] leading-snug text-slate-300">
                    {item.message}
                  </span>
                </button>
                {item.fix && (
                  <div className="mt-2">
                    <div className="flex items-start justify-between gap-2">
                      <p className="text-xs text-slate-400">{item.fix.description}</p>
                      <CopyButton text={item.fix.command} testId="advice-fix-copy" />
                    </div>
                    <CommandText
                      command={item.fix.command}
                      testId="advice-fix-command"
                      className="mt-1"
                    />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </aside>
  );
}
