"use client";

import Link from "next/link";
import { useState } from "react";
import { paramsText } from "@/lib/audit/params-text";
import { useAudit, type AuditFilter } from "@/lib/client/use-audit";
import { ThemeToggle } from "./theme-toggle";

const OPERATIONS = ["create network", "remove network", "prune networks", "connect", "disconnect"];
const OUTCOME_STYLE: Record<string, string> = {
  done: "text-emerald-300",
  refused: "text-amber-300",
  failed: "text-rose-300",
};

/** The audit log: every attempt to change the engine, newest first, with filters. */
export function AuditLog() {
  const [filter, setFilter] = useState<AuditFilter>({ operation: "", outcome: "", q: "" });
  const { data, error } = useAudit(filter);
  const select = "rounded border border-slate-700 bg-slate-900 px-2 py-1 text-sm";
  return (
    <main className="mx-auto max-w-7xl space-y-4 p-6">
      <header className="flex items-center gap-4">
        <Link href="/" className="text-sm text-sky-300 hover:underline">
          ← Map
        </Link>
        <h1 className="text-lg font-semibold">Audit log</h1>
        <p className="text-sm text-slate-400">
          Every attempt to change the engine, who by and how it ended.
        </p>
        <div className="ml-auto">
          <ThemeToggle />
        </div>
      </header>
      <div className="flex flex-wrap gap-2">
        <select
          data-testid="audit-filter-operation"
          aria-label="Operation"
          className={select}
          value={filter.operation}
          onChange={(e) => setFilter({ ...filter, operation: e.target.value })}
        >
          <option value="">All operations</option>
          {OPERATIONS.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
        <select
          data-testid="audit-filter-outcome"
          aria-label="Outcome"
          className={select}
          value={filter.outcome}
          onChange={(e) => setFilter({ ...filter, outcome: e.target.value })}
        >
          <option value="">All outcomes</option>
          <option value="done">done</option>
          <option value="refused">refused</option>
          <option value="failed">failed</option>
        </select>
        <input
          data-testid="audit-search"
          aria-label="Search"
          placeholder="Search target, parameters, message…"
          className={`${select} min-w-64 flex-1`}
          value={filter.q}
          onChange={(e) => setFilter({ ...filter, q: e.target.value })}
        />
      </div>
      {error && <p className="text-sm text-rose-300">{error.message}</p>}
      {/* Auto layout: the short columns keep one line, Target is as wide as its text (up to a
          limit), and the answer column (width 100%) takes everything left. */}
      <table data-testid="audit-table" className="w-full text-left text-sm">
        <thead className="text-xs whitespace-nowrap text-slate-400 uppercase">
          <tr>
            <th className="py-2 pr-3">When</th>
            <th className="pr-3">Role</th>
            <th className="pr-3">Operation</th>
            <th data-testid="audit-col-target" className="pr-3">
              Target
            </th>
            <th className="pr-3">Outcome</th>
            <th data-testid="audit-col-answer" className="w-full">
              Parameters / Docker&apos;s answer
            </th>
          </tr>
        </thead>
        <tbody>
          {data?.entries.map((e) => (
            <tr key={e.id} data-testid="audit-row" className="border-t border-slate-800 align-top">
              <td className="py-2 pr-3 font-mono text-xs whitespace-nowrap">
                {new Date(e.at).toLocaleString()}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">{e.role}</td>
              <td className="py-2 pr-3 whitespace-nowrap">{e.operation}</td>
              <td className="py-2 pr-3">
                <div
                  data-testid="audit-target"
                  className="w-max max-w-56 font-mono text-xs wrap-break-word"
                >
                  {e.target}
                </div>
              </td>
              <td className={`py-2 pr-3 whitespace-nowrap ${OUTCOME_STYLE[e.outcome] ?? ""}`}>
                {e.outcome} ({e.status})
              </td>
              <td className="space-y-1 py-2 wrap-anywhere">
                {e.params && (
                  <code className="block font-mono text-xs text-slate-300">
                    {paramsText(e.params)}
                  </code>
                )}
                {e.message && <p className="text-slate-400">{e.message}</p>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && data.entries.length === 0 && (
        <p className="text-sm text-slate-500">Nothing recorded yet.</p>
      )}
    </main>
  );
}
