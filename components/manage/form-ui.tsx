// Inputs and problem lines shared by the management dialogs and panels.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import type { SpecProblem } from "@/lib/topology/network-spec";

export const INPUT =
  "w-full rounded-md border border-slate-700 bg-slate-950 px-2 py-1 text-sm text-slate-100 placeholder:text-slate-600 focus:border-sky-500 focus:ring-1 focus:ring-sky-500 focus:outline-none aria-[invalid=true]:border-rose-500/80 disabled:opacity-50";

export function TextInput(props: InputHTMLAttributes<HTMLInputElement> & { mono?: boolean }) {
  const { mono = false, className = "", ...rest } = props;
  return (
    <input
      type="text"
      spellCheck={false}
      autoComplete="off"
      {...rest}
      className={`${INPUT} ${mono ? "font-mono text-[12.5px]" : ""} ${className}`}
    />
  );
}

export function Select(props: SelectHTMLAttributes<HTMLSelectElement>) {
  const { className = "", ...rest } = props;
  return <select {...rest} className={`${INPUT} ${className}`} />;
}

export function Checkbox({
  label,
  hint,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; hint?: ReactNode }) {
  return (
    <label className="flex cursor-pointer items-start gap-2 text-sm text-slate-200 select-none">
      <input type="checkbox" {...props} className="mt-0.5 h-4 w-4 shrink-0 accent-sky-500" />
      <span>
        {label}
        {hint && <span className="block text-xs text-slate-500">{hint}</span>}
      </span>
    </label>
  );
}

/** A labelled field with its problems under it. */
export function Field({
  label,
  htmlFor,
  hint,
  problems,
  children,
  className = "",
}: {
  label: ReactNode;
  htmlFor?: string;
  hint?: ReactNode;
  problems?: SpecProblem[];
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={htmlFor} className="mb-1 block text-xs font-medium text-slate-400">
        {label}
      </label>
      {children}
      {hint && <p className="mt-0.5 text-[11px] text-slate-500">{hint}</p>}
      <Problems problems={problems} />
    </div>
  );
}

/** Each problem on its own line, in the field's place; conflicts name what they clash with. */
export function Problems({ problems }: { problems?: SpecProblem[] }) {
  if (!problems || problems.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5">
      {problems.map((p) => (
        <li
          key={`${p.field}:${p.message}`}
          data-testid="problem"
          data-field={p.field}
          data-kind={p.kind}
          className={`flex gap-1.5 text-xs ${p.kind === "invalid" ? "text-rose-300" : "text-amber-300"}`}
        >
          <span aria-hidden>{p.kind === "invalid" ? "✕" : "⚠"}</span>
          <span>{p.message}</span>
        </li>
      ))}
    </ul>
  );
}

export function SectionTitle({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="mb-2 flex items-center justify-between gap-2">
      <h3 className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase">
        {children}
      </h3>
      {action}
    </div>
  );
}

/** A small text button: add a row, remove a row. */
export function LinkButton({
  children,
  className = "",
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="button"
      {...props}
      className={`rounded px-1.5 py-0.5 text-xs text-sky-300 hover:bg-slate-800 hover:text-sky-200 focus-visible:ring-1 focus-visible:ring-sky-400 focus-visible:outline-none disabled:text-slate-600 ${className}`}
    >
      {children}
    </button>
  );
}
