"use client";

import type { Topology } from "@/lib/topology/types";
import type { EngineState } from "@/lib/client/use-topology-stream";

const LIVE_LABEL = { up: "Live", down: "Engine down", connecting: "Connecting…" } as const;

/** Whether the map follows the engines live, at a glance. */
export function LiveStatus({
  engine,
  reconnecting,
}: {
  engine: EngineState;
  reconnecting: boolean;
}) {
  const down = engine.status === "down";
  return (
    <span
      data-testid="live-status"
      data-status={engine.status}
      role="status"
      title={
        engine.status === "up"
          ? "Following the engine's events: changes appear as they happen"
          : (engine.message ?? "Connecting to the live feed")
      }
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${
        engine.status === "up"
          ? "bg-emerald-500/10 text-emerald-300 ring-emerald-500/30"
          : down
            ? "bg-rose-500/10 text-rose-300 ring-rose-500/40"
            : "bg-slate-500/10 text-slate-300 ring-slate-500/30"
      }`}
    >
      <span aria-hidden className="relative flex h-2 w-2">
        {engine.status === "up" && (
          <span className="absolute inline-flex h-full w-full animate-ping rounded-full bg-emerald-400 opacity-60 motion-reduce:hidden" />
        )}
        <span
          className={`relative inline-flex h-2 w-2 rounded-full ${
            engine.status === "up"
              ? "bg-emerald-400"
              : down
                ? "bg-rose-500"
                : "animate-pulse bg-slate-400"
          }`}
        />
      </span>
      {reconnecting && engine.message ? "Reconnecting…" : LIVE_LABEL[engine.status]}
    </span>
  );
}

/** What the map shows: one engine's name and version, or how many engines answer. */
export function EngineInfo({ topology, down }: { topology: Topology | null; down: boolean }) {
  return (
    <div className="flex min-w-0 items-center gap-2 text-sm" data-testid="engine-info">
      {topology && topology.engines.length > 1 ? (
        // Several engines: how many answer; each one's name and version is on its region.
        <span className="truncate text-slate-300">
          <span className="font-medium text-slate-100">{topology.engines.length} engines</span>
          <span className="text-slate-500"> · </span>
          {topology.engines.filter((e) => e.status === "up").length} up
          {topology.nodes.length > 0 && (
            <span className="text-slate-500"> · swarm of {topology.nodes.length} nodes</span>
          )}
        </span>
      ) : topology ? (
        <span className="truncate text-slate-300">
          <span className="font-medium text-slate-100">{topology.engine.name}</span>
          <span className="text-slate-500"> · </span>Docker {topology.engine.serverVersion}
          <span className="text-slate-500"> · API {topology.engine.apiVersion}</span>
        </span>
      ) : (
        <span className="text-slate-500">{down ? "engine unreachable" : "connecting…"}</span>
      )}
    </div>
  );
}
