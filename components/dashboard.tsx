"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { focusGraphModel, type ViewFocus } from "@/lib/graph/focus";
import {
  groupGraphModel,
  groupModes,
  isGroupExpanded,
  type ExpandedGroups,
  type GroupMode,
} from "@/lib/graph/grouping";
import { STOPPED_PREFIX, toGraphModel } from "@/lib/graph/graph-model";
import { changesHighlight } from "@/lib/graph/history-changes";
import { sameTarget, selectionForActivity, type GraphTarget } from "@/lib/graph/selection";
import type { ActivityItem } from "@/lib/topology/describe-patch";
import { engineOfTarget } from "@/lib/topology/engine-target";
import type { Topology } from "@/lib/topology/types";
import { useKeyboardShortcuts } from "@/lib/client/use-keyboard-shortcuts";
import { useTopologyStream } from "@/lib/client/use-topology-stream";
import { useUrlViewState } from "@/lib/client/use-url-view-state";
import { withoutMissing, type ViewState } from "@/lib/client/view-state";
import { effectiveDrivers } from "@/lib/graph/driver-filter";
import { ActivityFeed } from "./activity-feed";
import { ConnectDialog, type ConnectIntent } from "./connect-dialog";
import { CreateNetworkDialog } from "./create-network-dialog";
import { regionChoices } from "./engine-controls";
import { ExportMenu } from "./export-menu";
import { HeaderChangeControls } from "./header-change-controls";
import { Legend } from "./legend";
import { ENGINE_DOWN, ManageProvider, type ManageActions } from "./manage/manage-context";
import type { PanelShape } from "./panel/group-panel";
import { PruneDialog } from "./prune-dialog";
import { InsightButtons } from "./reach/insight-buttons";
import { MapOverlays } from "./reach/map-overlays";
import { ReachProvider } from "./reach/reach-context";
import { ReachPanel } from "./reach/reach-panel";
import { useMapInsight } from "./reach/use-map-insight";
import { ResourceTable } from "./resource-table";
import { SidePanel } from "./side-panel";
import { EngineInfo, LiveStatus } from "./header-status";
import { StatusBanners } from "./status-banners";
import { ViewControls } from "./view-controls";
import { FocusBanner } from "./view-shape-controls";
import { ChangesList } from "./history/changes-list";
import { HistoryBanner } from "./history/history-banner";
import { HistoryFiles } from "./history/history-files";
import { HistoryTimeline } from "./history/history-timeline";
import { useHistoryMode } from "./history/use-history-mode";
import { TopologyGraph, type FocusRequest, type MapControls } from "./topology-graph";
import { allows, type Role } from "@/lib/security/roles";

/** The side panel's width plus its margins: focusing centres in what it leaves visible. */
const SIDE_PANEL_INSET = 450;

/** How long to wait for something just created to arrive on the live stream before giving up. */
const PENDING_MS = 10_000;

type OpenDialog =
  { kind: "create" } | { kind: "prune" } | { kind: "connect"; intent: ConnectIntent } | null;

/** Something to select once the live topology has it (a network just created, a new endpoint). */
type PendingSelection = { find(topology: Topology): GraphTarget | null; until: number };

/** The container a sandbox node stands for when dropped on a network: its owner, the first. */
function containerOfNode(topology: Topology, nodeId: string): string | undefined {
  if (nodeId.startsWith(STOPPED_PREFIX)) return nodeId.slice(STOPPED_PREFIX.length);
  return topology.sandboxes.find((s) => s.id === nodeId)?.containerIds[0];
}

/** Why nothing can be changed while the map shows the past or a file. */
const READ_ONLY = "Viewing history (read-only): back to live to make changes";

/**
 * The whole `/` page: header, live graph, table, activity, legend and details, over one stream.
 * `changesOff`: why no change can be made at all (read-only engine or Netlens), from the server.
 */
export function Dashboard({
  role,
  initialView,
  changesOff = null,
}: {
  role: Role;
  initialView: ViewState;
  changesOff?: string | null;
}) {
  const canConnect = allows(role, "operator");
  const canAdminister = allows(role, "admin");
  const { topology: liveTopology, engine, asOf, activity } = useTopologyStream();
  // What the page shows: live, a moment of history, or an imported file (read-only).
  const history = useHistoryMode({ liveTopology, asOf, initialView });
  const { topology, drawn } = history;
  const [showStopped, setShowStopped] = useState(initialView.stopped);
  const [regionFilter, setRegionFilter] = useState<string | null>(initialView.engine);
  const [driverFilter, setDriverFilter] = useState<string[]>(initialView.drivers);
  const [selection, setSelection] = useState<GraphTarget | null>(initialView.selection);
  const [query, setQuery] = useState(initialView.q);
  const [group, setGroup] = useState<GroupMode>(initialView.group);
  const [expandedGroups, setExpandedGroups] = useState<ExpandedGroups>({});
  const [focus, setFocus] = useState<ViewFocus | null>(initialView.focus);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [linkChecked, setLinkChecked] = useState(false);
  const mapRef = useRef<MapControls>(null);
  const mapSvg = useCallback(() => mapRef.current?.svgSnapshot() ?? null, []);
  const searchRef = useRef<HTMLInputElement>(null);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [pending, setPending] = useState<PendingSelection | null>(null);

  // An engine that left the configuration (or a node the swarm lost) filters nothing any more.
  const region =
    topology && regionChoices(topology).some((c) => c.id === regionFilter) ? regionFilter : null;
  // Where a new network or a prune goes first: the filtered engine, else the selection's.
  const dialogEngine = topology
    ? (engineOfTarget(topology, region ? { kind: "region", id: region } : null) ??
      engineOfTarget(topology, selection))
    : null;
  const drivers = useMemo(
    () => (topology ? effectiveDrivers(topology, driverFilter) : []),
    [topology, driverFilter],
  );
  // A swarm node or engine grouping the map no longer has (one engine again) groups nothing.
  const groupMode = topology && groupModes(topology).includes(group) ? group : "none";
  const model = useMemo(() => {
    if (!drawn) return null;
    const full = toGraphModel(drawn, { showStopped, region, drivers });
    const grouped = groupGraphModel(full, drawn, {
      by: groupMode,
      expanded: expandedGroups,
      region,
    });
    return focus ? focusGraphModel(grouped, focus) : grouped;
  }, [drawn, showStopped, region, drivers, groupMode, expandedGroups, focus]);
  const shape = useMemo<PanelShape | undefined>(
    () =>
      topology
        ? {
            group: groupMode,
            region,
            isExpanded: (id) => isGroupExpanded(topology, expandedGroups, id),
            setExpanded: (id, expanded) =>
              setExpandedGroups((current) => ({ ...current, [id]: expanded })),
            focus,
            setFocus,
          }
        : undefined,
    [topology, groupMode, region, expandedGroups, focus],
  );
  const select = useCallback((target: GraphTarget) => {
    // A group is drawn as one node only while collapsed: clicking it opens it (and its panel).
    if (target.kind === "group") {
      setExpandedGroups((current) => ({ ...current, [target.id]: true }));
      setSelection(target);
      return;
    }
    // A second click on the selected object closes its details.
    setSelection((current) => (sameTarget(current, target) ? null : target));
  }, []);
  const navigate = useCallback((target: GraphTarget) => setSelection(target), []);
  const close = useCallback(() => setSelection(null), []);
  const closeDialog = useCallback(() => setDialog(null), []);
  const openCreate = useCallback(() => setDialog({ kind: "create" }), []);
  const openPrune = useCallback(() => setDialog({ kind: "prune" }), []);
  // Reach mode takes the details panel's place: opening it closes the details.
  const insight = useMapInsight(topology, model, close);
  const changes = history.changes;
  const highlight = useMemo(
    () => insight.highlight ?? (model && changes ? changesHighlight(model, changes.diff) : null),
    [insight.highlight, model, changes],
  );

  const viewState: Omit<ViewState, "view"> = {
    selection,
    focus,
    q: query,
    stopped: showStopped,
    drivers: driverFilter,
    engine: regionFilter,
    group,
    ...history.url,
    // Chosen when the page opens (the map's renderer is made once); kept in links made from it.
    renderer: initialView.renderer,
  };
  const applyView = useCallback(
    (view: ViewState): ViewState => {
      const shown = topology ? withoutMissing(view, topology) : view;
      setSelection(shown.selection);
      setQuery(shown.q);
      setShowStopped(shown.stopped);
      setDriverFilter(shown.drivers);
      setRegionFilter(shown.engine);
      setFocus(shown.focus);
      setGroup(shown.group);
      history.setFromUrl(shown);
      return shown;
    },
    [topology, history],
  );
  // A link's selection can be checked only against a topology: once the first one is here.
  if (topology && !linkChecked && !history.loading) {
    setLinkChecked(true);
    applyView({ ...viewState, view: null });
  }
  const onViewChange = useUrlViewState({
    state: viewState,
    initialView: initialView.view,
    ready: linkChecked,
    onPopState: applyView,
  });
  useKeyboardShortcuts({
    search: () => searchRef.current?.select(),
    escape: () => {
      if (shortcutsOpen) setShortcutsOpen(false);
      else if (focus) setFocus(null);
      else setSelection(null);
    },
    fit: () => mapRef.current?.fit(),
    zoomIn: () => mapRef.current?.zoomIn(),
    zoomOut: () => mapRef.current?.zoomOut(),
    help: () => setShortcutsOpen((open) => !open),
  });

  const focusOn = useCallback((target: GraphTarget) => {
    setSelection(target);
    setFocusRequest((previous) => ({
      target,
      seq: (previous?.seq ?? 0) + 1,
      insetRight: SIDE_PANEL_INSET,
    }));
  }, []);

  // A change made here arrives on the live stream a moment later; select its result then
  // (while rendering the topology that has it, so the panel opens with the map that shows it).
  const pendingTarget = pending && topology ? pending.find(topology) : null;
  if (pendingTarget) {
    setPending(null);
    setSelection(pendingTarget);
    setFocusRequest((previous) => ({
      target: pendingTarget,
      seq: (previous?.seq ?? 0) + 1,
      insetRight: SIDE_PANEL_INSET,
    }));
  }
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setPending(null), Math.max(0, pending.until - Date.now()));
    return () => clearTimeout(timer);
  }, [pending]);

  const manage = useMemo<ManageActions>(
    () => ({
      // The past (or a file) cannot be changed: while it is shown, changes say so.
      enabled: engine.status === "up" && !changesOff && !history.readOnly,
      disabledReason:
        changesOff ?? (history.readOnly ? READ_ONLY : engine.status === "up" ? null : ENGINE_DOWN),
      can: { connect: canConnect, administer: canAdminister },
      openConnect: (intent) => setDialog({ kind: "connect", intent }),
      select: (target) => setSelection(target),
      selectEndpointWhenReady: (containerId, networkId) =>
        setPending({
          until: Date.now() + PENDING_MS,
          find: (t) => {
            const sandboxId = t.containers.find((c) => c.id === containerId)?.sandboxId;
            const endpoint = t.endpoints.find(
              (e) =>
                e.networkId === networkId &&
                (e.containerId === containerId || (sandboxId != null && e.sandboxId === sandboxId)),
            );
            return endpoint ? { kind: "endpoint", id: endpoint.id } : null;
          },
        }),
    }),
    [engine.status, canConnect, canAdminister, history.readOnly, changesOff],
  );

  const dropOnNetwork = useCallback(
    (sandboxNodeId: string, networkId: string) => {
      if (!topology || engine.status !== "up" || history.readOnly || changesOff) return;
      const containerId = containerOfNode(topology, sandboxNodeId);
      if (!containerId) return;
      setDialog({ kind: "connect", intent: { containerId, networkId, source: "drag" } });
    },
    [topology, engine.status, history.readOnly, changesOff],
  );

  /** Select and centre `target` (leaving reach mode), drawing stopped containers when it is one. */
  const closeReach = insight.reach.close;
  const reveal = useCallback(
    (target: GraphTarget) => {
      closeReach();
      // A stopped container is only drawn with Show stopped; without it there is nothing to focus.
      if (target.kind === "container") {
        const container = topology?.containers.find((c) => c.id === target.id);
        if (container?.sandboxId === null) setShowStopped(true);
      }
      focusOn(target);
    },
    [topology, focusOn, closeReach],
  );

  const showActivity = useCallback(
    (item: ActivityItem) => {
      const target = topology && item.target ? selectionForActivity(topology, item.target) : null;
      if (target) reveal(target);
    },
    [topology, reveal],
  );

  const down = engine.status === "down";
  // The stream itself broke (or has not opened yet) while a map is shown: it may be out of date.
  const reconnecting = engine.status === "connecting" && topology !== null;
  const canChange = topology !== null && engine.status === "up" && !history.readOnly && !changesOff;
  const cannotChange = changesOff ?? (history.readOnly ? READ_ONLY : "Needs a reachable engine");

  return (
    <ManageProvider value={manage}>
      <ReachProvider value={insight.reach.start}>
        <div className="flex h-screen min-h-[600px] flex-col bg-slate-950">
          <header className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-slate-800 bg-slate-900/70 px-4 py-2.5">
            <div className="flex items-baseline gap-3">
              <h1 className="text-lg font-semibold tracking-tight text-slate-50">
                <span className="text-sky-400">◉</span> Netlens
              </h1>
              <span className="hidden text-xs text-slate-500 sm:inline">
                Docker network map · CNM
              </span>
            </div>
            <LiveStatus engine={engine} reconnecting={reconnecting} />
            <EngineInfo topology={topology} down={down} />
            <InsightButtons insight={insight} disabled={topology === null} />
            <ExportMenu
              topology={topology}
              mapSvg={mapSvg}
              filters={{
                stopped: showStopped,
                drivers,
                engine: region,
                q: query,
                group: viewState.group,
              }}
              disabled={topology === null}
              history={history.fileItems}
            />
            <HeaderChangeControls
              changesOff={changesOff}
              canConnect={canConnect}
              canAdminister={canAdminister}
              canChange={canChange}
              cannotChange={cannotChange}
              onCreate={openCreate}
              onPrune={openPrune}
            />
            <ViewControls
              topology={topology}
              engine={region}
              onEngineChange={setRegionFilter}
              groupMode={groupMode}
              onGroupChange={setGroup}
              drivers={drivers}
              onDriversChange={setDriverFilter}
              asOf={asOf}
              live={engine.status === "up"}
              showStopped={showStopped}
              onShowStoppedChange={setShowStopped}
              shortcutsOpen={shortcutsOpen}
              onShortcutsOpenChange={setShortcutsOpen}
            />
          </header>

          <StatusBanners
            topology={topology}
            engine={engine}
            asOf={asOf}
            onFocus={focusOn}
            onSelectRegion={(id) => setSelection({ kind: "region", id })}
          />
          <HistoryBanner {...history.banner} />

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
                      onSelect={insight.reach.open ? insight.reach.pickTarget : select}
                      onDropOnNetwork={
                        canConnect && !history.readOnly && !changesOff ? dropOnNetwork : undefined
                      }
                      focusRequest={focusRequest}
                      highlight={highlight}
                      highlightInset={SIDE_PANEL_INSET}
                      initialView={initialView.view}
                      onViewChange={onViewChange}
                      renderer={initialView.renderer}
                      ref={mapRef}
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
                {topology && <MapOverlays insight={insight} onReveal={reveal} />}
                {history.list && (
                  <div className="absolute top-3 bottom-3 left-3 flex max-w-[calc(100%-1.5rem)] items-start">
                    <ChangesList {...history.list} onSelect={showActivity} />
                  </div>
                )}
                {topology && focus && (
                  <div className="absolute bottom-3 left-1/2 -translate-x-1/2">
                    <FocusBanner topology={topology} focus={focus} onClear={() => setFocus(null)} />
                  </div>
                )}
                {topology && (insight.reach.open || selection) && (
                  <div className="absolute top-3 right-14 bottom-3 w-[380px] max-w-[calc(100%-4.5rem)]">
                    {insight.reach.open ? (
                      <ReachPanel topology={topology} reach={insight.reach} />
                    ) : (
                      selection && (
                        <SidePanel
                          topology={topology}
                          selection={selection}
                          onSelect={navigate}
                          onClose={close}
                          shape={shape}
                        />
                      )
                    )}
                  </div>
                )}
              </div>
              <HistoryTimeline {...history.timeline} />
              {/* Below the map rather than over it, so it never hides a node. */}
              <div className="border-t border-slate-800 bg-slate-900/60">
                <Legend model={model} />
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
                    region={region}
                    drivers={drivers}
                    selection={selection}
                    onSelect={insight.reach.open ? insight.reach.pickTarget : navigate}
                    query={query}
                    onQueryChange={setQuery}
                    searchRef={searchRef}
                  />
                ) : (
                  <div className="p-4 text-sm text-slate-500">No data yet.</div>
                )}
              </section>
              <ActivityFeed items={activity} onSelect={showActivity} earlier={history.earlier} />
            </div>
          </main>
          <HistoryFiles {...history.files} />
          {topology && dialog?.kind === "create" && (
            <CreateNetworkDialog
              topology={topology}
              initialEngineId={dialogEngine}
              onClose={closeDialog}
              onCreated={(network) => {
                setDialog(null);
                setPending({
                  until: Date.now() + PENDING_MS,
                  find: (t) =>
                    t.networks.some((n) => n.id === network.id)
                      ? { kind: "network", id: network.id }
                      : null,
                });
              }}
            />
          )}
          {topology && dialog?.kind === "prune" && (
            <PruneDialog
              containers={topology.containers}
              engines={topology.engines}
              initialEngineId={dialogEngine}
              onClose={closeDialog}
            />
          )}
          {topology && dialog?.kind === "connect" && (
            <ConnectDialog
              topology={topology}
              intent={dialog.intent}
              onClose={closeDialog}
              onConnected={(containerId, networkId) => {
                setDialog(null);
                manage.selectEndpointWhenReady(containerId, networkId);
              }}
            />
          )}
        </div>
      </ReachProvider>
    </ManageProvider>
  );
}
