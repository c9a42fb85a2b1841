"use client";

import { nodeRegionId } from "@/lib/graph/swarm-graph";
import type { Topology } from "@/lib/topology/types";

/** What the map can be narrowed to: each engine, and each swarm node Netlens does not reach. */
export function regionChoices(topology: Topology): { id: string; label: string }[] {
  return [
    ...topology.engines.map((e) => ({
      id: e.id,
      label: [
        e.name,
        e.hostname && e.hostname !== e.name ? `(${e.hostname})` : null,
        e.swarm?.role ?? null,
        e.status === "down" ? "— down" : null,
      ]
        .filter(Boolean)
        .join(" "),
    })),
    ...topology.nodes
      .filter((n) => n.engineId === null)
      .map((n) => ({ id: nodeRegionId(n.id), label: `${n.hostname} ${n.role} (not reached)` })),
  ];
}

/** Show one engine's (or node's) part of the map and table, or all of them. */
export function EngineFilter({
  topology,
  value,
  onChange,
}: {
  topology: Topology;
  value: string | null;
  onChange(region: string | null): void;
}) {
  const choices = regionChoices(topology);
  return (
    <label className="flex items-center gap-2 text-slate-300">
      <span className="text-xs text-slate-500">Engine</span>
      <select
        data-testid="engine-filter"
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value || null)}
        className="rounded-md border border-slate-700 bg-slate-950 px-2 py-1 text-sm text-slate-100 focus:border-sky-500 focus:outline-none"
      >
        <option value="">All ({choices.length})</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Engines that do not answer while others do: the map still shows their last known part, dimmed
 * in its region; this says which and why. (All of them down is the page's own engine banner.)
 */
export function EnginesDownBanner({
  topology,
  onSelect,
}: {
  topology: Topology;
  onSelect(engineId: string): void;
}) {
  const down = topology.engines.filter((e) => e.status === "down");
  if (topology.engines.length < 2 || down.length === 0) return null;
  return (
    <div
      role="alert"
      data-testid="engines-down-banner"
      className="flex flex-col gap-0.5 border-b border-rose-900/70 bg-rose-950/60 px-4 py-1.5 text-sm text-rose-100"
    >
      {down.map((e) => (
        <p key={e.id} className="truncate" data-engine-id={e.id} title={e.message ?? undefined}>
          <button
            type="button"
            onClick={() => onSelect(e.id)}
            className="font-semibold underline decoration-rose-400/50 underline-offset-2 hover:decoration-rose-200"
          >
            {e.name}
          </button>{" "}
          <span className="text-rose-200/80">
            unreachable — its part of the map is its last known state:
          </span>{" "}
          <span className="font-mono text-[12px]">{e.message ?? "no answer"}</span>
        </p>
      ))}
    </div>
  );
}
