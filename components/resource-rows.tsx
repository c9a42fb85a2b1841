"use client";

// One row of the resource table each, memoised: a live change on a 2,000-container map re-renders
// the rows whose container or network changed, not all of them.
import { memo } from "react";
import { driverStyleOf } from "@/lib/graph/drivers";
import { failedToStart } from "@/lib/graph/graph-model";
import type { GraphTarget } from "@/lib/graph/selection";
import type { Container, Network } from "@/lib/topology/types";
import { driverSymbolPath } from "./graph/driver-symbols";
import { rowKeys, TABLE_CLASSES } from "./table-ui";

const STATE_DOT: Record<string, string> = {
  running: "bg-emerald-400",
  paused: "bg-amber-400",
  restarting: "bg-sky-400",
  exited: "bg-rose-400",
  dead: "bg-rose-400",
};

const { rowBase, selected } = TABLE_CLASSES;

type RowProps = {
  isSelected: boolean;
  manyEngines: boolean;
  onSelect(target: GraphTarget): void;
};

export const NetworkRow = memo(function NetworkRow({
  network: n,
  endpoints,
  isSelected,
  manyEngines,
  onSelect,
}: RowProps & { network: Network; endpoints: number }) {
  const style = driverStyleOf(n.driver);
  return (
    <tr
      data-testid="network-row"
      data-name={n.name}
      data-id={n.id}
      aria-selected={isSelected}
      className={`${rowBase} ${isSelected ? selected : ""}`}
      {...rowKeys(() => onSelect({ kind: "network", id: n.id }))}
    >
      <td className="truncate py-1.5 pr-2 pl-3 font-medium text-slate-100" title={n.name}>
        {n.name}
        {n.internal && <span className="ml-1.5 text-[10px] text-rose-300">internal</span>}
      </td>
      {manyEngines && (
        <td className="truncate py-1.5 pr-2 text-slate-400" data-testid="row-engine">
          {n.engineId ?? "swarm"}
        </td>
      )}
      <td className="py-1.5 pr-2 text-slate-300">
        <span className="inline-flex items-center gap-1.5">
          <svg width="12" height="12" viewBox="-6 -6 12 12" aria-hidden>
            <path d={driverSymbolPath(style.symbol, 50)} fill={style.color} />
          </svg>
          {n.driver}
        </span>
      </td>
      <td className="truncate py-1.5 pr-2 font-mono text-[11.5px] text-slate-400">
        {n.subnets.map((s) => s.subnet).join(", ") || "—"}
      </td>
      <td className="py-1.5 pr-3 text-right text-slate-400 tabular-nums">{endpoints}</td>
    </tr>
  );
});

export const ContainerRow = memo(function ContainerRow({
  container: c,
  status,
  hint,
  addresses,
  isSelected,
  manyEngines,
  onSelect,
}: RowProps & {
  container: Container;
  /** As `docker ps` says it ("Up 5 minutes"). */
  status: string;
  /** For a `container:` mode container, whose namespace it is in. */
  hint: string | null;
  addresses: string;
}) {
  return (
    <tr
      data-testid="container-row"
      data-name={c.name}
      data-id={c.id}
      data-state={c.state}
      data-failed={failedToStart(c) ? "true" : undefined}
      aria-selected={isSelected}
      className={`${rowBase} ${isSelected ? selected : ""} ${
        failedToStart(c)
          ? "bg-rose-950/30 shadow-[inset_2px_0_0_0_#f43f5e]"
          : c.sandboxId === null
            ? "opacity-60"
            : ""
      }`}
      {...rowKeys(() => onSelect({ kind: "container", id: c.id }))}
    >
      <td className="py-1.5 pr-2 pl-3" title={`${c.name} — ${status}`}>
        <span className="flex items-center gap-1.5">
          <span
            className={`h-2 w-2 shrink-0 rounded-full ${STATE_DOT[c.state] ?? "bg-slate-500"}`}
            aria-label={c.state}
          />
          <span className="truncate font-medium text-slate-100">{c.name}</span>
          {(c.networkWarning || c.error) && (
            <span
              data-testid="container-issue-marker"
              className={c.error ? "text-rose-400" : "text-amber-400"}
              title={c.error ?? c.networkWarning ?? undefined}
              aria-label={c.error ? "error" : "network warning"}
            >
              ⚠
            </span>
          )}
        </span>
        {hint && <span className="block truncate pl-3.5 text-[10.5px] text-slate-500">{hint}</span>}
      </td>
      {manyEngines && (
        <td className="truncate py-1.5 pr-2 text-slate-400" data-testid="row-engine">
          {c.engineId}
        </td>
      )}
      <td className="truncate py-1.5 pr-2 font-mono text-[11.5px] text-slate-400" title={c.image}>
        {c.image}
      </td>
      <td className="truncate py-1.5 pr-3 font-mono text-[11.5px] text-slate-300">
        {failedToStart(c) ? (
          <span className="font-sans text-rose-300" title={c.error ?? undefined}>
            failed to start
          </span>
        ) : (
          addresses
        )}
      </td>
    </tr>
  );
});
