// Small presentational pieces shared by the side panel's views.
import type { ReactNode } from "react";

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-t border-slate-800 px-4 py-3">
      <h3 className="mb-2 text-[11px] font-semibold tracking-wider text-slate-500 uppercase">
        {title}
      </h3>
      {children}
    </section>
  );
}

export type FactRow = [label: string, value: ReactNode];

export function Facts({ rows }: { rows: FactRow[] }) {
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-400">{label}</dt>
          <dd className="min-w-0 break-words text-slate-100">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Mono({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <span className="font-mono text-[12px] break-all text-slate-200" title={title}>
      {children}
    </span>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return <span className="text-slate-500">{children}</span>;
}

export function Flag({ on, label }: { on: boolean; label: string }) {
  return (
    <span
      className={`inline-flex items-center rounded px-1.5 py-0.5 text-[11px] font-medium ${
        on ? "bg-sky-500/15 text-sky-300 ring-1 ring-sky-500/30" : "bg-slate-800 text-slate-500"
      }`}
    >
      {label}: {on ? "yes" : "no"}
    </span>
  );
}

export function StateBadge({ state }: { state: string }) {
  const tone =
    state === "running"
      ? "bg-emerald-500/15 text-emerald-300 ring-emerald-500/30"
      : state === "paused" || state === "restarting"
        ? "bg-amber-500/15 text-amber-300 ring-amber-500/30"
        : state === "exited" || state === "dead"
          ? "bg-rose-500/15 text-rose-300 ring-rose-500/30"
          : "bg-slate-700/40 text-slate-300 ring-slate-600/40";
  return (
    <span className={`inline-flex rounded px-1.5 py-0.5 text-[11px] font-medium ring-1 ${tone}`}>
      {state}
    </span>
  );
}

export function KeyValueTable({ data, empty }: { data: Record<string, string>; empty: string }) {
  const entries = Object.entries(data).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <table className="w-full table-fixed text-left text-[12px]">
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key} className="border-b border-slate-800/70 last:border-0">
            <td className="w-1/2 py-1 pr-2 align-top font-mono break-all text-slate-400">{key}</td>
            <td className="py-1 align-top font-mono break-all text-slate-200">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A link-styled button that moves the selection to a related object. */
export function Jump({ onClick, children }: { onClick(): void; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="text-left text-sky-300 underline decoration-sky-500/40 underline-offset-2 hover:text-sky-200 hover:decoration-sky-300"
    >
      {children}
    </button>
  );
}

export function RawInspect({ data, title }: { data: unknown; title: string }) {
  return (
    <details className="group">
      <summary className="cursor-pointer text-xs text-slate-400 select-none hover:text-slate-200">
        {title}
      </summary>
      <pre className="mt-2 max-h-80 overflow-auto rounded bg-slate-950 p-2 font-mono text-[11px] leading-snug text-slate-300 ring-1 ring-slate-800">
        {JSON.stringify(data, null, 2)}
      </pre>
    </details>
  );
}

const NOTICE_TONES = {
  error: "bg-rose-950/60 text-rose-200 ring-rose-800/60",
  warning: "bg-amber-950/50 text-amber-200 ring-amber-700/50",
  info: "bg-slate-800/60 text-slate-300 ring-slate-700",
} as const;

export function Notice({
  tone,
  children,
}: {
  tone: keyof typeof NOTICE_TONES;
  children: ReactNode;
}) {
  return <div className={`rounded px-3 py-2 text-sm ring-1 ${NOTICE_TONES[tone]}`}>{children}</div>;
}

/** The panel of something that was removed while it was open. */
export function GoneNotice({ what }: { what: "container" | "network" }) {
  return (
    <div className="px-4 py-3">
      <Notice tone="info">This {what} is no longer on the engine.</Notice>
    </div>
  );
}
