"use client";

import type { ViewFocus } from "@/lib/graph/focus";
import { shortId } from "@/lib/graph/format";
import { parseGroupNodeId, type GroupMode } from "@/lib/graph/grouping";
import type { GraphTarget } from "@/lib/graph/selection";
import type { Topology } from "@/lib/topology/types";

const GROUP_MODE_LABELS: Record<GroupMode, string> = {
  none: "None",
  project: "Compose project",
  stack: "Stack",
  node: "Swarm node",
  engine: "Engine",
};

/** Draw the map by compose project, stack, swarm node or engine (`modes`: what the map has). */
export function GroupBySelect({
  modes,
  value,
  onChange,
}: {
  modes: readonly GroupMode[];
  value: GroupMode;
  onChange(mode: GroupMode): void;
}) {
  return (
    <label className="flex items-center gap-2 text-slate-300">
      <span className="text-xs text-slate-500">Group by</span>
      <select
        data-testid="group-by"
        value={value}
        onChange={(event) => onChange(modes.find((m) => m === event.target.value) ?? "none")}
        className="rounded-md border border-slate-700 bg-slate-950 px-2 py-1 text-sm text-slate-100 focus:border-sky-500 focus:outline-none"
      >
        {modes.map((mode) => (
          <option key={mode} value={mode}>
            {GROUP_MODE_LABELS[mode]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** What a focus is called in its banner: the container's, network's or group's own name. */
export function focusTargetName(topology: Topology, target: GraphTarget): string {
  switch (target.kind) {
    case "container":
      return topology.containers.find((c) => c.id === target.id)?.name ?? shortId(target.id);
    case "network":
      return topology.networks.find((n) => n.id === target.id)?.name ?? shortId(target.id);
    case "sandbox": {
      const owner = topology.sandboxes.find((s) => s.id === target.id)?.containerIds[0];
      return topology.containers.find((c) => c.id === owner)?.name ?? shortId(target.id);
    }
    case "group":
      return parseGroupNodeId(target.id)?.key ?? target.id;
    default:
      return target.id;
  }
}

/** "Focus: web (1 hop) — ✕ show all": the map shows only a neighbourhood until cleared. */
export function FocusBanner({
  topology,
  focus,
  onClear,
}: {
  topology: Topology;
  focus: ViewFocus;
  onClear(): void;
}) {
  return (
    <div
      data-testid="focus-banner"
      role="status"
      className="flex items-center gap-2 rounded-full bg-slate-900/95 py-1 pr-1 pl-3 text-sm text-slate-200 shadow ring-1 ring-sky-500/40"
    >
      <span>
        <span className="text-slate-400">Focus:</span>{" "}
        <span className="font-medium text-slate-50">{focusTargetName(topology, focus.target)}</span>{" "}
        <span className="text-slate-400">
          ({focus.hops} {focus.hops === 1 ? "hop" : "hops"})
        </span>
      </span>
      <span aria-hidden className="text-slate-600">
        —
      </span>
      <button
        type="button"
        data-testid="focus-clear"
        onClick={onClear}
        title="Show the whole map again"
        className="rounded-full px-2 py-0.5 text-slate-300 hover:bg-slate-800 hover:text-slate-50 focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none"
      >
        ✕ show all
      </button>
    </div>
  );
}
