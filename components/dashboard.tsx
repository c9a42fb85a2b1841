"use client";

import { useCallback, useMemo, useState } from "react";
import { toGraphModel } from "@/lib/graph/graph-model";
import { sameTarget, type GraphTarget } from "@/lib/graph/selection";
import { useTopology } from "@/lib/use-topology";
import { Legend } from "./legend";
import { ResourceTable } from "./resource-table";
import { SidePanel } from "./side-panel";
import { TopologyGraph } from "./topology-graph";

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
}

/** The whole `/` page: header, live graph, table, legend and details, over one polled topology. */
export function Dashboard() {
  const { data: topology, error, isLoading } = useTopology();
  const [showStopped, setShowStopped] = useState(false);
  const [selection, setSelection] = useState<GraphTarget | null>(null);
  const [query, setQuery] = useState("");

  const model = useMemo(
    () => (topology ? toGraphModel(topology, { showStopped }) : null),
    [topology, showStopped],
  );
  const select = useCallback((target: GraphTarget) => {
    // A second click on the selected object closes its details.
    setSelection((current) => (sameTarget(current, target) ? null : target));
  }, []);
  const navigate = useCallback((target: GraphTarget) => setSelection(target), []);
  const close = useCallback(() => setSelection(null), []);

  const stale = Boolean(error && topology);
  const stoppedCount = topology?.containers.filter((c) => c.sandboxId === null).length ?? 0;

  return (
    <div className="flex h-screen min-h-[600px] flex-col bg-slate-950">
      <header className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-slate-800 bg-slate-900/70 px-4 py-2.5">
        <div className="flex items-baseline gap-3">
          <h1 className="text-lg font-semibold tracking-tight text-slate-50">
            <span className="text-sky-400">◉</span> Netlens
          </h1>
          <span className="hidden text-xs text-slate-500 sm:inline">Docker network map · CNM</span>
        </div>
        <div className="flex min-w-0 items-center gap-2 text-sm" data-testid="engine-info">
          <span
            className={`h-2 w-2 shrink-0 rounded-full ${
              error ? "bg-rose-500" : topology ? "bg-emerald-400" : "bg-slate-500"
            }`}
            aria-hidden
          />
          {topology ? (
            <span className="truncate text-slate-300">
              <span className="font-medium text-slate-100">{topology.engine.name}</span>
              <span className="text-slate-500"> · </span>Docker {topology.engine.serverVersion}
              <span className="text-slate-500"> · API {topology.engine.apiVersion}</span>
            </span>
          ) : (
            <span className="text-slate-500">{error ? "engine unreachable" : "connecting…"}</span>
          )}
        </div>
        <div className="ml-auto flex items-center gap-4 text-sm">
          {topology && (
            <span className="hidden text-xs text-slate-500 md:inline" title={topology.generatedAt}>
              {stale ? "last good data" : "updated"} {formatTime(topology.generatedAt)}
            </span>
          )}
          <label className="flex cursor-pointer items-center gap-2 text-slate-300 select-none">
            <input
              type="checkbox"
              data-testid="toggle-stopped"
              checked={showStopped}
              onChange={(event) => setShowStopped(event.target.checked)}
              className="h-4 w-4 cursor-pointer accent-sky-500"
            />
            Show stopped
            {stoppedCount > 0 && <span className="text-xs text-slate-500">({stoppedCount})</span>}
          </label>
        </div>
      </header>

      {error && (
        <div
          role="alert"
          data-testid="engine-error"
          className="flex items-start gap-3 border-b border-rose-900/70 bg-rose-950/70 px-4 py-2 text-sm text-rose-100"
        >
          {/* An SVG, not a glyph: the banner's text should be exactly the API's words. */}
          <svg
            aria-hidden
            width="16"
            height="16"
            viewBox="0 0 16 16"
            className="mt-0.5 shrink-0 text-rose-400"
          >
            <path d="M8 1.5 15 14H1z" fill="none" stroke="currentColor" strokeWidth="1.4" />
            <path d="M8 6v4M8 11.5v1.2" stroke="currentColor" strokeWidth="1.4" />
          </svg>
          <div className="min-w-0">
            <p className="font-mono text-[12.5px] break-words">{error.message}</p>
            <p className="text-xs text-rose-300/80">
              {topology
                ? `Showing the last map received at ${formatTime(topology.generatedAt)}; retrying.`
                : "Retrying every few seconds."}
            </p>
          </div>
        </div>
      )}

      <main className="grid min-h-0 flex-1 grid-cols-1 grid-rows-[minmax(420px,68vh)_auto] overflow-y-auto lg:grid-cols-[minmax(0,1fr)_minmax(340px,26vw)] lg:grid-rows-1 lg:overflow-hidden">
        <section aria-label="Topology graph" className="flex min-h-0 flex-col">
          <div className="relative min-h-0 flex-1 overflow-hidden">
            {model && topology ? (
              <div
                className={`absolute inset-0 transition-opacity ${stale ? "opacity-40 grayscale" : ""}`}
                data-stale={stale || undefined}
              >
                <TopologyGraph model={model} selection={selection} onSelect={select} />
              </div>
            ) : (
              <div className="flex h-full items-center justify-center text-sm text-slate-500">
                {isLoading || !error ? (
                  <span className="flex items-center gap-3" data-testid="loading">
                    <span className="h-4 w-4 animate-spin rounded-full border-2 border-slate-600 border-t-sky-400" />
                    Reading the topology from the Docker engine…
                  </span>
                ) : (
                  <span>No topology to show yet.</span>
                )}
              </div>
            )}
            {topology && selection && (
              <div className="absolute top-3 right-14 bottom-3 w-[380px] max-w-[calc(100%-4.5rem)]">
                <SidePanel
                  topology={topology}
                  selection={selection}
                  onSelect={navigate}
                  onClose={close}
                />
              </div>
            )}
          </div>
          {/* Below the map rather than over it, so it never hides a node. */}
          <div className="border-t border-slate-800 bg-slate-900/60">
            <Legend />
          </div>
        </section>
        <section
          aria-label="Networks and containers"
          className={`min-h-0 border-t border-slate-800 bg-slate-900/40 lg:border-t-0 lg:border-l ${
            stale ? "opacity-50" : ""
          }`}
        >
          {topology ? (
            <ResourceTable
              topology={topology}
              showStopped={showStopped}
              selection={selection}
              onSelect={navigate}
              query={query}
              onQueryChange={setQuery}
            />
          ) : (
            <div className="p-4 text-sm text-slate-500">No data yet.</div>
          )}
        </section>
      </main>
    </div>
  );
}
