"use client";

import Link from "next/link";
import { useState } from "react";
import { useAudit, type AuditFilter } from "@/lib/client/use-audit";

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
    <main className="mx-auto max-w-6xl space-y-4 p-6">
      <header className="flex items-center gap-4">
        <Link href="/" className="text-sm text-sky-300 hover:underline">
          ← Map
        </Link>
        <h1 className="text-lg font-semibold">Audit log</h1>
        <p className="text-sm text-slate-400">
          Every attempt to change the engine, who by and how it ended.
        </p>
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
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-slate-400 uppercase">
          <tr>
            <th className="py-2">When</th>
            <th>Role</th>
            <th>Operation</th>
            <th>Target</th>
            <th>Outcome</th>
            <th>Parameters / Docker&apos;s answer</th>
          </tr>
        </thead>
        <tbody>
          {data?.entries.map((e) => (
            <tr key={e.id} data-testid="audit-row" className="border-t border-slate-800 align-top">
              <td className="py-2 pr-3 font-mono text-xs whitespace-nowrap">
                {new Date(e.at).toLocaleString()}
              </td>
              <td className="pr-3">{e.role}</td>
              <td className="pr-3">{e.operation}</td>
              <td className="pr-3 font-mono text-xs">{e.target}</td>
              <td className={`pr-3 ${OUTCOME_STYLE[e.outcome] ?? ""}`}>
                {e.outcome} ({e.status})
              </td>
              <td className="font-mono text-xs break-all text-slate-300">
                {e.params && <div>{e.params}</div>}
                {e.message && <div className="text-slate-400">{e.message}</div>}
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
