"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import useSWR from "swr";
import { timelineChange, type TimelineData } from "../graph/history-timeline";
import type { HistoryChange, HistoryGap } from "../history/types";
import type { ActivityItem } from "../topology/describe-patch";
import { ApiError } from "./api-client";
import {
  fetchChangesBefore,
  fetchHistoryWindow,
  sameGap,
  type HistoryWindow,
} from "./history-requests";

/** Ticks enough for a week of a busy engine; beyond, the timeline says it shows the latest. */
const TIMELINE_CAP = 5000;
/** New changes are fetched for the timeline at most this often, however fast they come. */
const EXTEND_EVERY_MS = 2000;

const oldestMs = (oldest: string | null) => (oldest === null ? null : Date.parse(oldest));

function mergeGaps(known: HistoryGap[], fresh: HistoryGap[]): HistoryGap[] {
  // A gap seen again may have ended meanwhile: the fresh copy wins.
  return [...known.filter((g) => !fresh.some((f) => sameGap(f, g))), ...fresh].sort(
    (a, b) => Date.parse(a.from) - Date.parse(b.from),
  );
}

async function loadTimeline(): Promise<TimelineData> {
  const found = await fetchChangesBefore(Date.now(), { want: Infinity, cap: TIMELINE_CAP });
  return {
    changes: found.changes.map(timelineChange),
    gaps: found.gaps,
    oldest: oldestMs(found.oldest),
    truncated: !found.exhausted,
  };
}

async function extendTimeline(current: TimelineData): Promise<TimelineData> {
  const last = current.changes.at(-1)?.at;
  const found: HistoryWindow = await fetchHistoryWindow(
    { since: last ?? current.oldest ?? undefined },
    TIMELINE_CAP,
  );
  const known = new Set(current.changes.map((c) => c.id));
  const fresh = found.changes.filter((c) => !known.has(c.id)).map(timelineChange);
  const oldest = oldestMs(found.oldest);
  // Pruned meanwhile: what is no longer retained leaves the timeline.
  const kept = oldest === null ? current.changes : current.changes.filter((c) => c.at >= oldest);
  return {
    changes: [...kept, ...fresh].slice(-TIMELINE_CAP),
    gaps: mergeGaps(current.gaps, found.gaps),
    oldest,
    truncated: current.truncated || kept.length + fresh.length > TIMELINE_CAP,
  };
}

/**
 * The timeline's changes (the latest TIMELINE_CAP of them) and gaps, from the oldest retained
 * moment to now, kept up to date as `revision` (the live topology's time) moves: only what is new
 * is fetched.
 */
export function useHistoryTimeline(revision: string | null) {
  const swr = useSWR<TimelineData, ApiError>("history-timeline", loadTimeline, {
    revalidateOnFocus: false,
    revalidateIfStale: false,
    revalidateOnReconnect: false,
  });
  const { mutate } = swr;
  // Topped up only once loaded: a mutation while the first read is in flight would discard it.
  const loaded = swr.data !== undefined;
  const lastExtend = useRef(0);
  useEffect(() => {
    if (revision === null || !loaded) return;
    const extend = () => {
      lastExtend.current = Date.now();
      void mutate(async (current) => (current ? extendTimeline(current) : current), {
        revalidate: false,
      }).catch(() => {
        // A failed top-up is retried with the next change; the ticks shown stay true.
      });
    };
    const wait = lastExtend.current + EXTEND_EVERY_MS - Date.now();
    if (wait <= 0) {
      extend();
      return;
    }
    const timer = setTimeout(extend, wait);
    return () => clearTimeout(timer);
  }, [revision, loaded, mutate]);
  return { data: swr.data, error: swr.error ?? null };
}

/** The changes in (since, until], with their words, for the changes-since list. */
export const CHANGES_LIST_CAP = 500;

export function useHistoryChanges(since: string | null, until: string | null) {
  return useSWR<HistoryWindow, ApiError>(
    since && until ? ["history-changes", since, until] : null,
    () =>
      fetchHistoryWindow(
        { since: Date.parse(since ?? ""), until: Date.parse(until ?? "") },
        CHANGES_LIST_CAP,
      ),
    { keepPreviousData: true, revalidateOnFocus: false },
  );
}

/** A recorded change's lines as the activity feed has them, newest first, keyed apart from live. */
export function activityOf(changes: readonly HistoryChange[]): ActivityItem[] {
  return changes
    .toReversed()
    .flatMap((change) =>
      change.items.map((item) => ({ ...item, id: `history:${change.id}:${item.id}` })),
    );
}

export type EarlierActivity = {
  items: ActivityItem[];
  loading: boolean;
  /** Nothing older is recorded. */
  exhausted: boolean;
  error: string | null;
  loadEarlier(): void;
};

/** How many changes one "load earlier" brings, at least (all of a window's). */
const EARLIER_STEP = 30;

/**
 * The activity feed reaching back into history: the changes recorded before `before` (when the
 * live feed began), a page further back at each `loadEarlier`.
 */
export function useEarlierActivity(before: string | null): EarlierActivity {
  const [state, setState] = useState<{
    items: ActivityItem[];
    from: number | null;
    exhausted: boolean;
    loading: boolean;
    error: string | null;
  }>({ items: [], from: null, exhausted: false, loading: false, error: null });
  const busy = useRef(false);

  const loadEarlier = useCallback(() => {
    const from = state.from ?? (before ? Date.parse(before) : null);
    if (from === null || busy.current || state.exhausted) return;
    busy.current = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    fetchChangesBefore(from, { want: EARLIER_STEP, cap: 2000 })
      .then((found) =>
        setState((s) => ({
          items: [...s.items, ...activityOf(found.changes)],
          from: found.from,
          exhausted: found.exhausted,
          loading: false,
          error: null,
        })),
      )
      .catch((error: unknown) =>
        setState((s) => ({
          ...s,
          loading: false,
          error: error instanceof Error ? error.message : String(error),
        })),
      )
      .finally(() => {
        busy.current = false;
      });
  }, [before, state.from, state.exhausted]);

  return {
    items: state.items,
    loading: state.loading,
    exhausted: state.exhausted,
    error: state.error,
    loadEarlier,
  };
}
