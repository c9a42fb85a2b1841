"use client";

import { useCallback, useMemo, useState } from "react";
import { formatClock } from "@/lib/graph/format";
import { toGraphModel } from "@/lib/graph/graph-model";
import { sameTarget, selectionForActivity, type GraphTarget } from "@/lib/graph/selection";
import type { ActivityItem } from "@/lib/topology/describe-patch";
import { useTopologyStream, type EngineState } from "@/lib/use-topology-stream";
import { ActivityFeed } from "./activity-feed";
import { Legend } from "./legend";
import { ResourceTable } from "./resource-table";
import { SidePanel } from "./side-panel";
import { TopologyGraph, type FocusRequest } from "./topology-graph";

/** The side panel's width plus its margins: focusing centres in what it leaves visible. */
const SIDE_PANEL_INSET = 450;

/** The banner text when there is nothing to show: "Docker engine unreachable at <endpoint>: …". */
function unreachableText(engine: EngineState): string {
  const message = engine.message ?? "no answer";
  return message.startsWith("Docker engine unreachable at")
    ? message
    : `Docker engine unreachable at ${engine.endpoint ?? "the configured endpoint"}: ${message}`;
}

const LIVE_LABEL = { up: "Live", down: "Engine down", connecting: "Connecting…" } as const;

function WarningIcon({ className }: { className: string }) {
  // An SVG, not a glyph: the banner's text should be exactly the server's words.
  return (
    <svg aria-hidden width="16" height="16" viewBox="0 0 16 16" className={className}>
      <path d="M8 1.5 15 14H1z" fill="none" stroke="currentColor" strokeWidth="1.4" />
      <path d="M8 6v4M8 11.5v1.2" stroke="currentColor" strokeWidth="1.4" />
    </svg>
  );
}

/** The whole `/` page: header, live graph, table, activity, legend and details, over one stream. */
export function Dashboard() {
  const { topology, engine, asOf, activity } = useTopologyStream();
  const [showStopped, setShowStopped] = useState(false);
  const [selection, setSelection] = useState<GraphTarget | null>(null);
  const [query, setQuery] = useState("");
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);

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

  const showActivity = useCallback(
    (item: ActivityItem) => {
      if (!topology || !item.target) return;
      const target = selectionForActivity(topology, item.target);
      if (!target) return;
      // A stopped container is only drawn with Show stopped; without it there is nothing to focus.
      if (target.kind === "container") {
        const container = topology.containers.find((c) => c.id === target.id);
        if (container?.sandboxId === null) setShowStopped(true);
      }
      setSelection(target);
      setFocusRequest((previous) => ({
        target,
        seq: (previous?.seq ?? 0) + 1,
        insetRight: SIDE_PANEL_INSET,
      }));
    },
    [topology],
  );

  const down = engine.status === "down";
  // The stream itself broke (or has not opened yet) while a map is shown: it may be out of date.
  const reconnecting = engine.status === "connecting" && topology !== null;
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
        <div className="flex min-w-0 items-center gap-2 text-sm" data-testid="engine-info">
          {topology ? (
            <span className="truncate text-slate-300">
              <span className="font-medium text-slate-100">{topology.engine.name}</span>
              <span className="text-slate-500"> · </span>Docker {topology.engine.serverVersion}
              <span className="text-slate-500"> · API {topology.engine.apiVersion}</span>
            </span>
          ) : (
            <span className="text-slate-500">{down ? "engine unreachable" : "connecting…"}</span>
          )}
        </div>
        <div className="ml-auto flex items-center gap-4 text-sm">
          {asOf && (
            <span className="hidden text-xs text-slate-500 md:inline" title={asOf}>
              {engine.status === "up" ? "updated" : "as of"} {formatClock(asOf)}
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

      {down && topology && (
        <div
          role="alert"
          data-testid="engine-down-banner"
          className="flex items-start gap-3 border-b border-rose-900/70 bg-rose-950/70 px-4 py-2 text-sm text-rose-100"
        >
          <WarningIcon className="mt-0.5 shrink-0 text-rose-400" />
          <div className="min-w-0">
            <p className="font-medium" data-testid="engine-down-title">
              Docker engine unreachable — showing state as of {asOf ? formatClock(asOf) : "—"}
            </p>
            {engine.message && (
              <p className="font-mono text-xs break-words text-rose-300/80">{engine.message}</p>
            )}
          </div>
        </div>
      )}
      {down && !topology && (
        <div
          role="alert"
          data-testid="engine-error"
          className="flex items-start gap-3 border-b border-rose-900/70 bg-rose-950/70 px-4 py-2 text-sm text-rose-100"
        >
          <WarningIcon className="mt-0.5 shrink-0 text-rose-400" />
          <div className="min-w-0">
            <p className="font-mono text-[12.5px] break-words">{unreachableText(engine)}</p>
            <p className="text-xs text-rose-300/80">
              Retrying; the map appears as soon as the engine answers.
            </p>
          </div>
        </div>
      )}

      <main className="grid min-h-0 flex-1 grid-cols-1 grid-rows-[minmax(420px,68vh)_auto] overflow-y-auto lg:grid-cols-[minmax(0,1fr)_minmax(340px,26vw)] lg:grid-rows-1 lg:overflow-hidden">
        <section aria-label="Topology graph" className="flex min-h-0 flex-col">
          <div className="relative min-h-0 flex-1 overflow-hidden">
            {model && topology ? (
              <div
                className={`absolute inset-0 transition-[opacity,filter] duration-500 ${
                  down ? "opacity-40 grayscale" : reconnecting ? "opacity-70" : ""
                }`}
                data-engine={engine.status}
              >
                <TopologyGraph
                  model={model}
                  revision={topology.generatedAt}
                  selection={selection}
                  onSelect={select}
                  focusRequest={focusRequest}
                />
              </div>
            ) : (
              <div className="flex h-full items-center justify-center text-sm text-slate-500">
                {!down ? (
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
        <div className="flex min-h-0 flex-col border-t border-slate-800 bg-slate-900/40 lg:border-t-0 lg:border-l">
          <section
            aria-label="Networks and containers"
            className={`min-h-0 flex-1 transition-opacity ${down ? "opacity-50" : ""}`}
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
          <ActivityFeed items={activity} onSelect={showActivity} />
        </div>
      </main>
    </div>
  );
}
