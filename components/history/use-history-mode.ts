"use client";

import { useMemo, useRef, useState, type ComponentProps } from "react";
import {
  useEarlierActivity,
  useHistoryChanges,
  useHistoryTimeline,
} from "@/lib/client/use-history";
import { useHistoryView } from "@/lib/client/use-history-view";
import type { ViewState } from "@/lib/client/view-state";
import { withRemoved } from "@/lib/graph/history-changes";
import { fileTimeline } from "@/lib/graph/history-timeline";
import type { Topology } from "@/lib/topology/types";
import type { HistoryFileItems } from "../export-menu";
import type { ChangesList } from "./changes-list";
import type { HistoryBanner } from "./history-banner";
import type { HistoryFileActions, HistoryFiles } from "./history-files";
import type { HistoryTimeline } from "./history-timeline";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const ms = (time: string | null) => (time === null ? null : Date.parse(time));

/**
 * The map page's history: which topology it shows (live, a past moment, an imported file), the
 * one it draws (with what changes-since found removed put back as ghosts), and the props of the
 * timeline, banner, changes list, file dialogs and the activity feed's "load earlier".
 */
export function useHistoryMode({
  liveTopology,
  asOf,
  initialView,
}: {
  liveTopology: Topology | null;
  asOf: string | null;
  initialView: Pick<ViewState, "t" | "since">;
}) {
  const view = useHistoryView({
    liveAsOf: asOf,
    initialTime: initialView.t,
    initialSince: initialView.since,
  });
  const timeline = useHistoryTimeline(asOf);
  const topology = view.topology ?? liveTopology;
  const changes = view.changes;
  const drawn = useMemo(
    () => (topology && changes ? withRemoved(topology, changes.earlier, changes.diff) : topology),
    [topology, changes],
  );

  // The live feed lists what happened since the page opened; history, what happened before.
  const [liveSince, setLiveSince] = useState<string | null>(null);
  if (asOf !== null && liveSince === null) setLiveSince(asOf);
  const earlier = useEarlierActivity(liveSince);

  const file = view.imported?.file ?? null;
  const fileData = useMemo(() => (file ? fileTimeline(file) : undefined), [file]);
  const list = useHistoryChanges(file ? null : view.since, file ? null : view.changesTo);
  const changesTo = view.changesTo;
  const fileList = useMemo(() => {
    if (!file || !view.since || !changesTo) return undefined;
    const from = Date.parse(view.since);
    const to = Date.parse(changesTo);
    return file.changes.filter((c) => Date.parse(c.at) > from && Date.parse(c.at) <= to);
  }, [file, view.since, changesTo]);

  const filesRef = useRef<HistoryFileActions>(null);
  const fileItems = useMemo<HistoryFileItems>(
    () => ({
      exportHistory: () => filesRef.current?.openExport(),
      importHistory: () => filesRef.current?.openImport(),
    }),
    [],
  );

  const setTime = (time: number | null) => view.setTime(iso(time));
  const setSince = (since: number | null) => view.setSince(iso(since));

  const banner: ComponentProps<typeof HistoryBanner> = {
    time: ms(view.time),
    imported:
      file && view.imported ? { name: view.imported.name, until: Date.parse(file.until) } : null,
    loading: view.loading,
    error: view.error?.message ?? null,
    onBackToLive: () => view.setTime(null),
    onCloseImported: view.closeImported,
    onChangesSinceThen:
      view.since === null
        ? () => {
            view.setSince(view.time);
            view.setTime(null);
          }
        : undefined,
  };
  const timelineProps: ComponentProps<typeof HistoryTimeline> = {
    data: file ? fileData : timeline.data,
    fixedDomain: file ? { from: Date.parse(file.from), to: Date.parse(file.until) } : null,
    value: ms(view.time),
    onChange: setTime,
    since: ms(view.since),
    onSinceChange: setSince,
    error: file ? null : (timeline.error?.message ?? null),
  };
  const since = ms(view.since);
  const listProps: Omit<ComponentProps<typeof ChangesList>, "onSelect"> | null =
    since === null
      ? null
      : {
          since,
          changes: file ? fileList : list.data?.changes,
          truncated: file ? false : (list.data?.truncated ?? false),
          diff: changes?.diff ?? null,
          error:
            changesTo === null
              ? "The map shows a moment before this one: there is nothing since to mark."
              : ((view.changesError ?? list.error)?.message ?? null),
          onClose: () => view.setSince(null),
        };
  const files: ComponentProps<typeof HistoryFiles> = {
    oldest: timeline.data?.oldest ?? null,
    onImported: view.openImported,
    ref: filesRef,
  };

  return {
    /** What the page shows: the live topology, a past one, or an imported file's. */
    topology,
    /** What the map draws: `topology` with ghosts of what changes-since found removed. */
    drawn,
    changes,
    readOnly: view.readOnly,
    /** The first moment is not here yet: a link's selection waits for it. */
    loading: view.loading,
    /** What the address bar keeps: nothing of an imported file, which a link cannot carry. */
    url: { t: file ? null : view.time, since: file ? null : view.since },
    setFromUrl(state: Pick<ViewState, "t" | "since">) {
      if (file) return;
      view.setTime(state.t);
      view.setSince(state.since);
    },
    banner,
    timeline: timelineProps,
    list: listProps,
    files,
    fileItems,
    earlier,
  };
}
