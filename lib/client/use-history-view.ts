"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { changesUntil } from "../graph/history-timeline";
import { exportStateAt } from "../history/export-file";
import { diffTopologies } from "../history/topology-diff";
import type { HistoryExport, TopologyDiff } from "../history/types";
import type { Topology } from "../topology/types";
import type { ApiError } from "./api-client";
import { useTopologyAt, useTopologyDiff } from "./use-topology-at";

/** A history file read in this browser: shown, never sent anywhere or stored. */
export type ImportedHistory = { name: string; file: HistoryExport };

/** While the timeline is dragged, a moment is fetched once it rests this long. */
const SCRUB_SETTLE_MS = 150;

/** `value`, once it has stayed the same for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export type ChangesSince = { diff: TopologyDiff; earlier: Topology };

const iso = (ms: number) => new Date(ms).toISOString();

export type HistoryView = {
  /** The moment shown (ISO-8601); null for live (or an imported file's end). */
  time: string | null;
  since: string | null;
  imported: ImportedHistory | null;
  setTime(time: string | null): void;
  setSince(since: string | null): void;
  openImported(imported: ImportedHistory): void;
  closeImported(): void;
  /** What to show instead of the live topology; null: the live one. */
  topology: Topology | null;
  /** A moment is asked for and not here yet (the map still shows what it showed). */
  loading: boolean;
  /** Nothing can be changed: the map is the past, or a file. */
  readOnly: boolean;
  /** Changes-since mode's answer, once here. */
  changes: ChangesSince | null;
  /** Until when changes-since compares (ISO-8601): the moment shown; null when it cannot. */
  changesTo: string | null;
  /** The API's words when the moment shown could not be read. */
  error: ApiError | null;
  /** The API's words when changes-since could not be worked out. */
  changesError: ApiError | null;
};

/**
 * What the page shows of history: live, a past moment from the server (`time`), or an imported
 * file; and, in changes-since mode, what changed from `since` to the moment shown. The live
 * stream runs on beside it, so going back to live is instant.
 */
export function useHistoryView({
  liveAsOf,
  initialTime,
  initialSince,
}: {
  /** The live topology's time: what changes-since compares with while live. */
  liveAsOf: string | null;
  initialTime: string | null;
  initialSince: string | null;
}): HistoryView {
  const [time, setTime] = useState(initialTime);
  const [since, setSince] = useState(initialSince);
  const [imported, setImported] = useState<ImportedHistory | null>(null);
  const settledTime = useSettled(time, SCRUB_SETTLE_MS);
  const fromServer = imported === null;

  const past = useTopologyAt(fromServer ? settledTime : null);
  const to = fromServer ? changesUntil(since, settledTime, liveAsOf) : null;
  const earlier = useTopologyAt(to ? since : null);
  const diff = useTopologyDiff(to ? since : null, to);

  const file = imported?.file ?? null;
  const fileMoment = file ? (time ? Date.parse(time) : Date.parse(file.until)) : null;
  const fileTopology = useMemo(
    () => (file && fileMoment !== null ? exportStateAt(file, fileMoment) : null),
    [file, fileMoment],
  );
  const fileChanges = useMemo<ChangesSince | null>(() => {
    if (!file || !fileTopology || !since || Date.parse(since) > (fileMoment ?? 0)) return null;
    const earlierInFile = exportStateAt(file, Date.parse(since));
    return { diff: diffTopologies(earlierInFile, fileTopology), earlier: earlierInFile };
  }, [file, fileTopology, fileMoment, since]);

  const openImported = useCallback((next: ImportedHistory) => {
    setImported(next);
    setTime(null);
    setSince(null);
  }, []);
  const closeImported = useCallback(() => {
    setImported(null);
    setTime(null);
    setSince(null);
  }, []);

  const serverChanges =
    diff.data && earlier.data ? { diff: diff.data, earlier: earlier.data } : null;
  return {
    time,
    since,
    imported,
    setTime,
    setSince,
    openImported,
    closeImported,
    topology: fromServer ? (time ? (past.data ?? null) : null) : fileTopology,
    loading: fromServer && time !== null && (time !== settledTime || !past.current),
    readOnly: time !== null || imported !== null,
    changes: fromServer ? (to ? serverChanges : null) : fileChanges,
    changesTo: fromServer ? to : fileChanges && fileMoment !== null ? iso(fileMoment) : null,
    error: fromServer ? past.error : null,
    changesError: fromServer ? (diff.error ?? earlier.error) : null,
  };
}
