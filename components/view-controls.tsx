"use client";

import { driversOf } from "@/lib/graph/driver-filter";
import { formatClock } from "@/lib/graph/format";
import { groupModes, type GroupMode } from "@/lib/graph/grouping";
import { hasRegions } from "@/lib/graph/swarm-graph";
import type { Topology } from "@/lib/topology/types";
import { DriverFilter } from "./driver-filter";
import { EngineFilter } from "./engine-controls";
import { ShortcutsHelp } from "./shortcuts-help";
import { ThemeToggle } from "./theme-toggle";
import { GroupBySelect } from "./view-shape-controls";

/** The header's right side: what the map shows (engine, grouping, drivers, stopped) and how. */
export function ViewControls({
  topology,
  engine,
  onEngineChange,
  groupMode,
  onGroupChange,
  drivers,
  onDriversChange,
  asOf,
  live,
  showStopped,
  onShowStoppedChange,
  shortcutsOpen,
  onShortcutsOpenChange,
}: {
  topology: Topology | null;
  engine: string | null;
  onEngineChange: (engine: string | null) => void;
  groupMode: GroupMode;
  onGroupChange: (mode: GroupMode) => void;
  drivers: string[];
  onDriversChange: (drivers: string[]) => void;
  asOf: string | null;
  /** Following the engines now, rather than showing the state as of `asOf`. */
  live: boolean;
  showStopped: boolean;
  onShowStoppedChange: (show: boolean) => void;
  shortcutsOpen: boolean;
  onShortcutsOpenChange: (open: boolean) => void;
}) {
  const stoppedCount = topology?.containers.filter((c) => c.sandboxId === null).length ?? 0;
  return (
    <div className="ml-auto flex items-center gap-4 text-sm">
      {topology && hasRegions(topology) && (
        <EngineFilter topology={topology} value={engine} onChange={onEngineChange} />
      )}
      {topology && (
        <GroupBySelect modes={groupModes(topology)} value={groupMode} onChange={onGroupChange} />
      )}
      {topology && (
        <DriverFilter drivers={driversOf(topology)} value={drivers} onChange={onDriversChange} />
      )}
      {asOf && (
        <span className="hidden text-xs text-slate-500 md:inline" title={asOf}>
          {live ? "updated" : "as of"} {formatClock(asOf)}
        </span>
      )}
      <label className="flex cursor-pointer items-center gap-2 text-slate-300 select-none">
        <input
          type="checkbox"
          data-testid="toggle-stopped"
          checked={showStopped}
          onChange={(event) => onShowStoppedChange(event.target.checked)}
          className="h-4 w-4 cursor-pointer accent-sky-500"
        />
        Show stopped
        {stoppedCount > 0 && <span className="text-xs text-slate-500">({stoppedCount})</span>}
      </label>
      <ThemeToggle />
      <ShortcutsHelp open={shortcutsOpen} onOpenChange={onShortcutsOpenChange} />
    </div>
  );
}
